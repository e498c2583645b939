"""schemathesis hooks for the stateful phase of `make fuzz` (server/fuzz-api.sh), loaded by
file (SCHEMATHESIS_HOOKS=server/fuzz_hooks.py).

The create operations lead to their reads through the schema's OpenAPI links
(weather/api/schema.py); a link is followed only after a create succeeded. A search names
its place by a city or a location_id, one of the two, which the schema cannot say, and a
random name is a place nowhere: most generated bodies would be refused (400, 404) and few
scenarios would get past their first step. Here a search's body names one of the places the
offline stack's fake Open-Meteo knows (weather/testing/cities.json), by name or by id; the
coverage and fuzzing phases, run without these hooks, keep sending every combination and
the wrong ones.
"""

import json
from pathlib import Path

import schemathesis
from hypothesis import strategies as st

_CITIES = json.loads((Path(__file__).parents[1] / "weather/testing/cities.json").read_text())
_PLACES = st.one_of(
    st.sampled_from(sorted({c["name"] for c in _CITIES})).map(lambda name: {"city": name}),
    st.sampled_from([c["id"] for c in _CITIES]).map(lambda geonames: {"location_id": geonames}),
)


@schemathesis.hook.apply_to(operation_id="searches_create")
def flatmap_body(context, body):
    chosen = {k: v for k, v in body.items() if k in ("units", "lang")}
    return _PLACES.map(lambda place: {**chosen, **place})
