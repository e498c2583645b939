// Runtime configuration, loaded before the app. Deployments replace this file.
// apiBaseUrl: null derives the API origin from the page ("" = same origin,
// "https://api.example.org" = that origin).
window.__WEATHER_CONFIG__ = { apiBaseUrl: null };
