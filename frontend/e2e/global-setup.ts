// Starts the real stack (API, worker, fake Open-Meteo, vite preview, nginx) the way `make run`
// does, with server/prepare.py (which then runs the Procfile with honcho), and stops it after
// the run. prepare.py gives the SPA on its port a config.js naming the e2e API origin. Set
// E2E_EXTERNAL_STACK=1 to reuse a stack already running on the same ports with the same
// environment (see stackEnv).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  DIRECT_ORIGIN,
  E2E_ADMIN,
  E2E_DATABASE_URL,
  E2E_MAIL_DIR,
  E2E_REDIS_URL,
  E2E_RESULT_BACKEND,
  STACK,
} from './stack';

const FRONTEND = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const REPO = resolve(FRONTEND, '..');
const RESULTS = join(FRONTEND, 'test-results');
// Named by the port, so runs of two checkouts' stacks on one machine keep their own logs.
const STACK_LOG = join(RESULTS, `e2e-stack-${STACK.webPort}.log`);
const READY_LINE = 'STACK READY';
const READY_TIMEOUT_MS = 300_000;

/** Empties the e2e cache database so every run starts without cached forecasts. */
function flushRedis(url: string): void {
  const flush = spawnSync('redis-cli', ['-u', url, 'FLUSHDB'], { encoding: 'utf8', timeout: 10_000 });
  if (flush.status !== 0 || flush.stdout.trim() !== 'OK') {
    throw new Error(`redis-cli FLUSHDB on ${url} failed: ${flush.stderr || flush.stdout}`);
  }
}

function pythonForRepo(): string {
  const venvPython = join(REPO, '.venv', 'bin', 'python');
  return process.env.E2E_PYTHON ?? (existsSync(venvPython) ? venvPython : 'python3');
}

function stackEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    WEB_PORT: String(STACK.webPort),
    SPA_PORT: String(STACK.spaPort),
    NGINX_PORT: String(STACK.nginxPort),
    FAKE_OPEN_METEO_PORT: String(STACK.fakeOpenMeteoPort),
    OFFLINE: '1',
    RUN_FLOWER: '0',
    RUN_BEAT: '0',
    // OFFLINE=1 keeps sample data apart: the stack uses <database>_offline.
    DATABASE_URL: E2E_DATABASE_URL,
    REDIS_URL: E2E_REDIS_URL,
    CELERY_RESULT_BACKEND: E2E_RESULT_BACKEND,
    // Queues of this run's own (named by its port), so two runs on one broker never meet.
    CELERY_PROCESSING_QUEUE: `e2e-${STACK.webPort}.processing`,
    CELERY_MAINTENANCE_QUEUE: `e2e-${STACK.webPort}.maintenance`,
    CELERY_REFRESH_QUEUE: `e2e-${STACK.webPort}.refresh`,
    // Account and alert emails land in the local sink, one file each, where the specs read them;
    // their links lead to the SPA on its own port.
    EMAIL_HOST: '127.0.0.1',
    EMAIL_PORT: String(STACK.mailPort),
    MAIL_SINK_DIR: E2E_MAIL_DIR,
    PUBLIC_URL: DIRECT_ORIGIN,
    // The worker's metrics on a port of this run's own; no Prometheus (the specs never read it).
    CELERY_METRICS_PORT: String(STACK.webPort + 26),
    RUN_PROMETHEUS: '0',
    // The specs search more often than a person would; keep them clear of the throttle.
    THROTTLE_SEARCH_RATE: '1000/min',
    THROTTLE_AUTOCOMPLETE_RATE: '1000/min',
    // Forecasts go stale after a second, so the stale-data check can make the API fall back.
    FORECAST_CACHE_TTL_S: '1',
    // One place per chunk: a refresh of two favourites shows a step between 0 and 2.
    BULK_REFRESH_CHUNK_SIZE: '1',
    THROTTLE_REFRESH_RATE: '1000/min',
    THROTTLE_EXPORT_RATE: '1000/min',
    DJANGO_SUPERUSER_USERNAME: E2E_ADMIN.username,
    DJANGO_SUPERUSER_PASSWORD: E2E_ADMIN.password,
    // The error-state specs open the upstream circuit on purpose; the next spec should not
    // wait out a production-length cooldown before the API calls upstream again.
    OPEN_METEO_BREAKER_COOLDOWN_S: '2',
    NO_COLOR: '1',
    PYTHONUNBUFFERED: '1',
  };
}

function stopStack(child: ChildProcess): Promise<void> {
  return new Promise((done) => {
    if (child.exitCode !== null || child.pid === undefined) return done();
    const killGroup = (signal: NodeJS.Signals) => {
      try {
        process.kill(-child.pid!, signal);
      } catch {
        // Already gone.
      }
    };
    const hardStop = setTimeout(() => killGroup('SIGKILL'), 30_000);
    child.once('exit', () => {
      clearTimeout(hardStop);
      done();
    });
    killGroup('SIGTERM');
  });
}

function startStack(): Promise<ChildProcess> {
  mkdirSync(RESULTS, { recursive: true });
  const log = createWriteStream(STACK_LOG);
  const child = spawn(pythonForRepo(), [join(REPO, 'server', 'prepare.py')], {
    cwd: REPO,
    env: stackEnv(),
    detached: true, // its own process group, so teardown stops every part
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr?.pipe(log, { end: false });

  return new Promise((ready, fail) => {
    let buffered = '';
    const timer = setTimeout(() => {
      void stopStack(child);
      fail(new Error(`The stack was not ready within ${READY_TIMEOUT_MS / 1000}s; see ${STACK_LOG}`));
    }, READY_TIMEOUT_MS);
    child.stdout?.on('data', (chunk: Buffer) => {
      log.write(chunk);
      buffered = (buffered + chunk.toString()).slice(-4096);
      if (buffered.includes(READY_LINE)) {
        clearTimeout(timer);
        buffered = '';
        ready(child);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`server/prepare.py exited with ${code} before "${READY_LINE}"; see ${STACK_LOG}`));
    });
  });
}

export default async function globalSetup(): Promise<() => Promise<void>> {
  // A running stack keeps serving the dist it started with; leave it alone.
  if (process.env.E2E_EXTERNAL_STACK === '1') return async () => undefined;
  flushRedis(E2E_REDIS_URL);
  rmSync(E2E_MAIL_DIR, { recursive: true, force: true });
  mkdirSync(E2E_MAIL_DIR, { recursive: true });
  const child = await startStack();
  // Once ready, an early exit means the stack broke mid-run: leave a trace in the log.
  child.removeAllListeners('exit');
  return () => stopStack(child);
}
