// Where the e2e stack listens; shared by the config, the global setup and the specs.
export const STACK = {
  webPort: 18000,
  spaPort: 14173,
  nginxPort: 18080,
  fakeOpenMeteoPort: 18090,
} as const;

export const API_ORIGIN = `http://localhost:${STACK.webPort}`;
export const DIRECT_ORIGIN = `http://localhost:${STACK.spaPort}`;
export const NGINX_ORIGIN = `http://localhost:${STACK.nginxPort}`;
export const FAKE_OPEN_METEO = `http://127.0.0.1:${STACK.fakeOpenMeteoPort}`;

// The stores, each overridable so a run can start from a database of its own (offline
// settings add `_offline` to the database's name).
export const E2E_DATABASE_URL = process.env.E2E_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/weather_e2e';
/** The e2e cache lives in its own Redis database, emptied before each run. */
export const E2E_REDIS_URL = process.env.E2E_REDIS_URL ?? 'redis://127.0.0.1:6379/5';
export const E2E_RESULT_BACKEND = process.env.E2E_RESULT_BACKEND ?? 'redis://127.0.0.1:6379/6';

/** The admin account the e2e stack creates (ensure_superuser). */
export const E2E_ADMIN = { username: 'e2e-admin', password: 'e2e-admin-password-not-secret' } as const;
