import pytest

from weather.tests.conftest import serve_fake_open_meteo

# The tests here call the fake from this process and count its calls and connections: a fake
# of their own per module, apart from the suite's, which long-lived processes of earlier tests
# (the session worker, gunicorns) still hold connections to and may still call.
_fake_server = pytest.fixture(scope="module", name="_fake_server")(serve_fake_open_meteo)
