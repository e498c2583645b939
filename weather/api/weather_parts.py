"""The parts of the weather body made from several rows at once (the UV now, the next two
hours, yesterday) and the overview's cards, as plain data in the units a request chose. Both
the plain rendering (`rendering.weather_data`) and the documented serializers (`WeatherOutput`)
call these, so the two cannot differ."""

from __future__ import annotations

from weather.domain import analysis, nowcast, units
from weather.domain.units import Units
from weather.domain.uv import uv_band
from weather.models.mapping import Weather, current_in
from weather.providers import Place
from weather.providers.wmo import describe


def _float(value):
    return None if value is None else float(value)


def uv_now(weather: Weather) -> dict:
    """The current conditions' UV members (None in rows stored before UV was asked for)."""
    index = _float((weather.rows or {}).get("uv_index"))
    return {"uv_index": index, "uv_band": uv_band(index)}


def nowcast_data(weather: Weather, chosen: Units) -> dict:
    """`NowcastOutput`: the next two hours in 15-minute steps, precipitation per step."""
    rows = weather.rows or {}
    time = weather.current.time
    start = time if time is None or isinstance(time, str) else time.isoformat()
    found = nowcast.nowcast(
        weather.place.latitude,
        weather.place.longitude,
        rows.get("minutely_15") or [],
        rows.get("hourly") or [],
        start,
    )
    steps = [
        {"time": step["time"], "precipitation": units.precipitation(step["precipitation"], chosen)}
        for step in found["steps"]
    ]
    return {"source": found["source"], "steps": steps, "summary": found["summary"]}


def yesterday_data(weather: Weather, chosen: Units) -> dict | None:
    """`YesterdayOutput`: the temperature at this hour yesterday and how much warmer (+) or
    colder (-) it is now; None when either is unknown."""
    yesterday = (weather.rows or {}).get("yesterday") or {}
    then, now = yesterday.get("temperature"), weather.current.temperature_c
    if then is None or now is None:
        return None
    return {
        "temperature": units.temperature(float(then), chosen),
        "difference": units.temperature_difference(round(now - then, 2), chosen),
    }


def overview_card(place: Place, document: dict, stale: bool, chosen: Units, lang: str) -> dict:
    """`OverviewCardOutput`: a place now, today's range, the next rain and whether the analysis
    warns of anything today or tomorrow."""
    current = current_in(document)
    rows = document.get("rows") or {}
    hourly, daily = rows.get("hourly") or [], rows.get("daily") or []
    today = current.time.date().isoformat() if current.time is not None else None
    day = next((row for row in daily if row.get("date") == today), daily[0] if daily else {})
    weather = Weather(place, current, rows, stale)
    two_days = {str(row.get("date")) for row in daily[:2]}  # today and tomorrow
    steps = nowcast_data(weather, units.SYSTEMS["metric"])["steps"]
    warnings = analysis.alerts_for(
        analysis.Current.from_values(
            {
                "temperature": current.temperature_c,
                "humidity": current.relative_humidity_pct,
                "wind_speed": current.wind_speed_kmh,
                "precipitation": current.precipitation_mm,
            }
        ),
        analysis.Forecast.of({"hourly": _on(hourly, two_days), "daily": daily[:2]}),
        place=place.name,
    )
    return {
        "id": int(place.id),
        "name": str(place.name),
        "country": str(place.country),
        "temperature": units.temperature(current.temperature_c, chosen),
        "weather_code": current.weather_code,
        "description": describe(current.weather_code, lang, is_day=current.is_day),
        "today_min": units.temperature(day.get("temperature_min"), chosen),
        "today_max": units.temperature(day.get("temperature_max"), chosen),
        "next_rain": nowcast.next_rain(steps, hourly),
        "alert": bool(warnings),
        "stale": bool(stale),
    }


def _on(hourly: list[dict], days: set[str]) -> list[dict]:
    """The hourly rows of these local dates ("2026-12-07")."""
    return [row for row in hourly if str(row.get("time") or "")[:10] in days]
