"""WMO weather interpretation codes, as Open-Meteo documents them, in English and French.

The API's only wording of them: every description a client shows comes from here."""

WMO_DESCRIPTIONS: dict[int, tuple[str, str]] = {
    0: ("Clear sky", "Ciel dégagé"),
    1: ("Mainly clear", "Plutôt dégagé"),
    2: ("Partly cloudy", "Partiellement nuageux"),
    3: ("Overcast", "Couvert"),
    45: ("Fog", "Brouillard"),
    48: ("Depositing rime fog", "Brouillard givrant"),
    51: ("Light drizzle", "Bruine légère"),
    53: ("Moderate drizzle", "Bruine modérée"),
    55: ("Dense drizzle", "Bruine dense"),
    56: ("Light freezing drizzle", "Bruine verglaçante légère"),
    57: ("Dense freezing drizzle", "Bruine verglaçante dense"),
    61: ("Slight rain", "Pluie faible"),
    63: ("Moderate rain", "Pluie modérée"),
    65: ("Heavy rain", "Pluie forte"),
    66: ("Light freezing rain", "Pluie verglaçante légère"),
    67: ("Heavy freezing rain", "Pluie verglaçante forte"),
    71: ("Slight snowfall", "Faibles chutes de neige"),
    73: ("Moderate snowfall", "Chutes de neige modérées"),
    75: ("Heavy snowfall", "Fortes chutes de neige"),
    77: ("Snow grains", "Neige en grains"),
    80: ("Slight rain showers", "Averses de pluie faibles"),
    81: ("Moderate rain showers", "Averses de pluie modérées"),
    82: ("Violent rain showers", "Averses de pluie violentes"),
    85: ("Slight snow showers", "Averses de neige faibles"),
    86: ("Heavy snow showers", "Averses de neige fortes"),
    95: ("Thunderstorm", "Orage"),
    96: ("Thunderstorm with slight hail", "Orage avec grêle faible"),
    99: ("Thunderstorm with heavy hail", "Orage avec forte grêle"),
}
LANGUAGES = ("en", "fr")
# A clear sky at night is not sunny: the one code whose wording depends on the time of day.
_NIGHT_DESCRIPTIONS: dict[int, tuple[str, str]] = {0: ("Clear night", "Nuit claire")}
_UNKNOWN = ("Unknown", "Inconnu")


def describe(code: int | None, lang: str = "en", *, is_day: bool | None = True) -> str:
    """The description of a WMO code; unknown or missing codes read "Unknown", never raise."""
    index = LANGUAGES.index(lang) if lang in LANGUAGES else 0
    if code is None:
        return _UNKNOWN[index]
    if is_day is False and code in _NIGHT_DESCRIPTIONS:
        return _NIGHT_DESCRIPTIONS[code][index]
    return WMO_DESCRIPTIONS.get(code, _UNKNOWN)[index]
