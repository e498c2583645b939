// Runtime configuration, loaded before the app; every deployment serves its own.
// This one ships in the build, for the SPA served on its own (vite preview on port 4173,
// the SPA image): the API answers on port 8000 of the host the page came from and lets
// this origin in with CORS. nginx serves its own /config.js with apiBaseUrl "" (same
// origin, relative /api/). apiBaseUrl: an origin such as "https://api.example.org", or "".
window.__WEATHER_CONFIG__ = { apiBaseUrl: `${window.location.protocol}//${window.location.hostname}:8000` };
