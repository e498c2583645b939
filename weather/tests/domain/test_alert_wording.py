"""Alert messages worded at read time: every alert the rules can raise, in each language."""

import pytest

from weather.domain import analysis
from weather.domain.alert_wording import WORDINGS, alert_message
from weather.providers.wmo import LANGUAGES
from weather.tests.factories import WeatherSearchFactory


def test_every_wording_a_rule_can_use_exists_in_every_language():
    used = {rule.wording for rule in analysis.ALERT_RULES}
    used |= {rule.severe_wording for rule in analysis.ALERT_RULES if rule.severe_wording}
    assert used == set(WORDINGS)
    for wording, templates in WORDINGS.items():
        assert set(templates) == set(LANGUAGES), wording
        assert templates["fr"] != templates["en"], wording


@pytest.mark.parametrize("wording", sorted(WORDINGS))
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("unit_system", ["metric", "imperial"])
def test_each_wording_fills_in_place_time_and_value(wording, lang, unit_system):
    quantity = {"frost": "temperature", "heat": "temperature"}.get(
        wording, "wind_speed" if wording in ("strong_wind", "storm") else "precipitation"
    )
    alert = {
        "wording": wording,
        "quantity": quantity,
        "peak": 100.0,
        "peak_at": "2026-12-02",
        "first": "2026-12-01 18:00",
        "place": "Lyon",
    }
    message = alert_message(alert, lang, unit_system)
    assert "Lyon" in message
    assert "{" not in message
    expected = {
        ("temperature", "metric"): "100.0 °C",
        ("temperature", "imperial"): "212.0 °F",
        ("wind_speed", "metric"): "100 km/h",
        ("wind_speed", "imperial"): "62 mph",
        ("precipitation", "metric"): "100.0 mm",
        ("precipitation", "imperial"): "3.94 in",
    }[quantity, unit_system]
    assert expected in message


def test_now_and_no_place_are_worded_per_language():
    alert = {"wording": "frost", "quantity": "temperature", "peak": -4.0, "first": "now"}
    alert["peak_at"] = "now"
    assert alert_message(alert, "en", "metric") == "Frost expected from now: down to -4.0 °C."
    assert alert_message(alert, "fr", "imperial") == (
        "Gel attendu à partir de maintenant : jusqu'à 24.8 °F."
    )


def test_the_stored_english_message_is_the_one_worded_for_english_metric():
    current = analysis.Current(temperature=-12.0, wind_speed=85.0)
    alerts = analysis.alerts_for(current, analysis.Forecast(), place="Yakutsk")
    assert [a.message for a in alerts] == [
        "Frost expected in Yakutsk from now: down to -12.0 °C.",
        "Storm expected in Yakutsk from now: wind up to 85 km/h.",
    ]
    for alert in alerts:
        assert alert_message(alert.as_dict(), "en", "metric") == alert.message


@pytest.mark.django_db
def test_a_result_stored_before_alert_values_still_shows_its_message(api):
    old_result = {
        "statistics": {
            "search_count": 2,
            "temperature_min": -2.0,
            "temperature_avg": 1.5,
            "temperature_max": 5.0,
            "first_searched_at": "2026-11-01T10:00:00Z",
            "last_searched_at": "2026-11-02T10:00:00Z",
        },
        "analysis": {
            "comfort": "cold",
            "flags": ["frost"],
            "compared_to_today": "within",
            "compared_to_history": "typical",
            "trend": {"direction": "cooling", "delta": -2.0},
        },
        "notifications": [
            {"kind": "frost", "severity": "warning", "message": "Frost expected: down to -2 °C."}
        ],
    }
    search = WeatherSearchFactory(processing_status="processed", processing_result=old_result)
    body = api.get(
        f"/api/v1/searches/{search.public_id}/", {"units": "imperial", "lang": "fr"}
    ).json()
    result = body["processing"]["result"]
    assert result["notifications"] == old_result["notifications"]
    assert result["statistics"]["temperature_min"] == 28.4
    assert result["analysis"]["trend"] == {"direction": "cooling", "delta": -3.6}
