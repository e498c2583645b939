import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Where the e2e stack listens; shared by the config, the global setup and the specs.
// Each port may be moved (E2E_WEB_PORT, ...), so two runs on one machine do not meet.
const port = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
export const STACK = {
  webPort: port('E2E_WEB_PORT', 18000),
  spaPort: port('E2E_SPA_PORT', 14173),
  nginxPort: port('E2E_NGINX_PORT', 18080),
  fakeOpenMeteoPort: port('E2E_FAKE_OPEN_METEO_PORT', 18090),
  /** The local mail sink (SMTP) where the stack's account and alert emails land. */
  mailPort: port('E2E_MAIL_PORT', port('E2E_WEB_PORT', 18000) + 25),
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

/** Where the mail sink keeps each message as a `.eml` file; emptied before each run. */
export const E2E_MAIL_DIR = process.env.E2E_MAIL_DIR ?? join(tmpdir(), `weather-e2e-mail-${STACK.webPort}`);

/** The admin account the e2e stack creates (ensure_superuser). */
export const E2E_ADMIN = { username: 'e2e-admin', password: 'e2e-admin-password-not-secret' } as const;
