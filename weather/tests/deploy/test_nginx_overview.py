"""The favourites overview is shared at nginx like the weather read (nginx/snippets/api-cache.conf),
with a real nginx in front of the counting upstream of test_nginx_cache."""

from __future__ import annotations

from weather.tests.deploy.test_nginx_cache import (  # noqa: F401 (fixtures)
    get,
    nginx,
    start_nginx,
    upstream,
)

OVERVIEW = "/api/v1/weather/overview/?ids=2988507,2950159"


def test_the_overview_is_shared_like_the_weather(nginx, upstream):  # noqa: F811
    first, second = get(nginx, OVERVIEW), get(nginx, OVERVIEW)
    assert (first.headers["X-Cache-Status"], second.headers["X-Cache-Status"]) == ("MISS", "HIT")
    other = "/api/v1/weather/overview/?ids=2988507,2950159&wind_unit=bft"
    assert get(nginx, other).headers["X-Cache-Status"] == "MISS"
    personal = get(nginx, OVERVIEW, Cookie="sessionid=abc")
    assert personal.headers["X-Cache-Status"] == "BYPASS"
    assert upstream.count(OVERVIEW) == 2
