"""The air-quality cache: one upstream call per 0.1° point however many ask at once, entries
fresh for an hour, counted under their own cache name."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from prometheus_client.parser import text_string_to_metric_families

from weather.infra import metrics
from weather.services import air_quality


def _lookups(result: str) -> float:
    text = metrics.exposition()[0].decode()
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            if sample.name == "weather_cache_lookups_total" and sample.labels == {
                "cache": "air_quality",
                "result": result,
            }:
                return sample.value
    return 0.0


def test_concurrent_cold_reads_make_one_upstream_call(fake_open_meteo_server):
    fake_open_meteo_server.set_latency(0.3)
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda _: air_quality.get_air_quality(48.85, 2.35), range(8)))
    assert fake_open_meteo_server.calls["air_quality"] == 1
    assert len({round(r.fetched_at, 3) for r in results}) == 1  # the same fetch
    assert all(not r.stale for r in results)


def test_an_entry_is_fresh_for_an_hour(fake_open_meteo_server, settings):
    result = air_quality.get_air_quality(48.85, 2.35)
    assert result.fresh_until - result.fetched_at == settings.AIR_QUALITY_CACHE_TTL_S == 3600
    again = air_quality.get_air_quality(48.86, 2.37)  # the same 0.1° cell
    assert round(again.fetched_at, 3) == round(result.fetched_at, 3)
    assert fake_open_meteo_server.calls["air_quality"] == 1


def test_lookups_are_counted_under_the_air_quality_cache(fake_open_meteo_server):
    misses, hits = _lookups("miss"), _lookups("hit")
    air_quality.get_air_quality(10.0, 10.0)
    air_quality.get_air_quality(10.0, 10.0)
    assert (_lookups("miss") - misses, _lookups("hit") - hits) == (1, 1)
