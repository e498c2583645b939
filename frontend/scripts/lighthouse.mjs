// Lighthouse 12 on both entry points (the SPA alone, and nginx), simulated mobile: fails when
// a score or CLS misses its threshold and, with --write, puts the numbers in BENCHMARKS.md.
//
//   node scripts/lighthouse.mjs [--stack] [--write] [--runs N]
//
// --stack starts the e2e stack (server/prepare.py, fake Open-Meteo, the build in dist/) on the
// E2E_* ports and stops it afterwards; without it the stack must already run there. Each page
// is audited --runs times (default 3) and the median run by performance is kept, as Lighthouse
// advises: simulated throttling (Lantern) makes the network and CPU the same for every run,
// the median evens out what the machine's load still adds.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';

const FRONTEND = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const REPO = resolve(FRONTEND, '..');
const BENCHMARKS = join(REPO, 'BENCHMARKS.md');
const args = process.argv.slice(2);
const RUNS = Number(args[args.indexOf('--runs') + 1]) || 3;
const port = (name, fallback) => Number(process.env[name] ?? fallback);
const PORTS = {
  web: port('E2E_WEB_PORT', 18000),
  spa: port('E2E_SPA_PORT', 14173),
  nginx: port('E2E_NGINX_PORT', 18080),
  fake: port('E2E_FAKE_OPEN_METEO_PORT', 18090),
};
const ENTRIES = [
  { name: 'SPA alone (vite preview)', origin: `http://localhost:${PORTS.spa}` },
  { name: 'nginx', origin: `http://localhost:${PORTS.nginx}` },
];
// The landing page, and a city's forecast (a search recorded, then read: what most visits show).
const PAGES = [
  { name: 'home', path: '/' },
  { name: 'forecast', path: '/?city=Paris' },
];
const THRESHOLDS = { performance: 0.98, accessibility: 1, 'best-practices': 1, seo: 1 };
const MAX_CLS = 0.01;
const CHROME_FLAGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-dev-shm-usage'];

function startStack() {
  const env = {
    ...process.env,
    WEB_PORT: String(PORTS.web),
    SPA_PORT: String(PORTS.spa),
    NGINX_PORT: String(PORTS.nginx),
    FAKE_OPEN_METEO_PORT: String(PORTS.fake),
    OFFLINE: '1',
    RUN_FLOWER: '0',
    RUN_BEAT: '0',
    DATABASE_URL: process.env.E2E_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/weather_e2e',
    REDIS_URL: process.env.E2E_REDIS_URL ?? 'redis://127.0.0.1:6379/5',
    CELERY_RESULT_BACKEND: process.env.E2E_RESULT_BACKEND ?? 'redis://127.0.0.1:6379/6',
    CELERY_PROCESSING_QUEUE: process.env.CELERY_PROCESSING_QUEUE ?? 'lighthouse.processing',
    CELERY_MAINTENANCE_QUEUE: process.env.CELERY_MAINTENANCE_QUEUE ?? 'lighthouse.maintenance',
    THROTTLE_SEARCH_RATE: '1000/min',
    PYTHONUNBUFFERED: '1',
    NO_COLOR: '1',
  };
  const python = join(REPO, '.venv', 'bin', 'python');
  const child = spawn(python, [join(REPO, 'server', 'prepare.py')], { cwd: REPO, env, detached: true });
  child.stderr.resume();
  const stop = () => {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  return new Promise((ready, fail) => {
    const timer = setTimeout(() => (stop(), fail(new Error('the stack was not ready within 300 s'))), 300_000);
    let seen = '';
    child.stdout.on('data', (chunk) => {
      seen = (seen + chunk).slice(-4096);
      if (seen.includes('STACK READY')) {
        clearTimeout(timer);
        child.stdout.resume();
        ready(stop);
      }
    });
    child.once('exit', (code) => (clearTimeout(timer), fail(new Error(`server/prepare.py exited with ${code}`))));
  });
}

async function audit(url) {
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    chromeFlags: CHROME_FLAGS,
  });
  try {
    // Lighthouse's defaults: mobile (Moto G Power screen), simulated slow 4G and 4x CPU.
    const result = await lighthouse(url, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: Object.keys(THRESHOLDS),
      throttlingMethod: 'simulate',
      formFactor: 'mobile',
    });
    const { categories, audits, runtimeError } = result.lhr;
    if (runtimeError) console.log(`  ${url}: ${runtimeError.code} ${runtimeError.message}`);
    // The audits that cost a category its full score (performance is judged by its score).
    const failing = Object.values(categories)
      .filter((category) => category.id !== 'performance')
      .flatMap((category) =>
        category.auditRefs
          .map((ref) => audits[ref.id])
          .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode !== 'informative')
          .map((a) => `${category.id}: ${a.id} (${a.title})`),
      );
    return {
      scores: Object.fromEntries(Object.entries(categories).map(([id, c]) => [id, c.score])),
      cls: audits['cumulative-layout-shift'].numericValue,
      lcp: audits['largest-contentful-paint'].numericValue,
      fcp: audits['first-contentful-paint'].numericValue,
      tbt: audits['total-blocking-time'].numericValue,
      failing,
    };
  } finally {
    await chrome.kill();
  }
}

function median(results) {
  const sorted = [...results].sort((a, b) => (a.scores.performance ?? 0) - (b.scores.performance ?? 0));
  return sorted[Math.floor(sorted.length / 2)];
}

function problems(result) {
  const found = Object.entries(THRESHOLDS)
    .filter(([id, min]) => !(result.scores[id] >= min))
    .map(([id, min]) => `${id} ${result.scores[id]} < ${min}`);
  if (!(result.cls <= MAX_CLS)) found.push(`CLS ${cls(result.cls)} > ${MAX_CLS}`);
  return found;
}

const fmt = (score) => (score === null || score === undefined ? 'none' : score.toFixed(2));
const ms = (value) => (value === undefined ? 'none' : `${(value / 1000).toFixed(2)} s`);
const cls = (value) => (value === undefined ? 'none' : value.toFixed(3));

function writeBenchmarks(rows) {
  const chromium = spawnSync(process.env.CHROME_PATH ?? '/usr/bin/chromium', ['--version'], { encoding: 'utf8' });
  const lighthouseVersion = JSON.parse(
    readFileSync(join(FRONTEND, 'node_modules', 'lighthouse', 'package.json')),
  ).version;
  const table = rows
    .map(
      ({ entry, page, result }) =>
        `| ${entry} | ${page} | ${fmt(result.scores.performance)} | ${fmt(result.scores.accessibility)} | ` +
        `${fmt(result.scores['best-practices'])} | ${fmt(result.scores.seo)} | ${cls(result.cls)} | ` +
        `${ms(result.fcp)} | ${ms(result.lcp)} | ${result.tbt === undefined ? 'none' : `${Math.round(result.tbt)} ms`} |`,
    )
    .join('\n');
  const section = `## Lighthouse (SPA, simulated mobile)

\`make lighthouse\` (frontend/scripts/lighthouse.mjs) starts the e2e stack (fake Open-Meteo, the
production build in dist/) and runs Lighthouse ${lighthouseVersion} in ${chromium.stdout.trim() || 'Chromium'}
(headless, --no-sandbox --disable-gpu) on both entry points: the SPA served alone (vite preview,
calling the API on its own origin) and nginx (one origin). Mobile form factor, simulated throttling
(Lantern: slow 4G, 4x CPU slowdown), so the network is the same for every run; each page is audited
${RUNS} times and the median run by performance is kept. "forecast" opens \`/?city=Paris\`: a search
is recorded, then the page reads it. The script fails below performance ${THRESHOLDS.performance},
accessibility, best practices or SEO 1.00, or CLS above ${MAX_CLS}. Not part of \`make test\`: a few
minutes, and its score depends on the machine's CPU.

| Entry point | Page | Performance | Accessibility | Best practices | SEO | CLS | FCP | LCP | TBT |
|---|---|---|---|---|---|---|---|---|---|
${table}

Measured ${new Date().toISOString().slice(0, 10)}.
`;
  const current = readFileSync(BENCHMARKS, 'utf8');
  const start = current.indexOf('## Lighthouse (SPA, simulated mobile)');
  let next;
  if (start === -1) next = `${current.trimEnd()}\n\n${section}`;
  else {
    const after = current.indexOf('\n## ', start + 3);
    next = current.slice(0, start) + section + (after === -1 ? '' : current.slice(after + 1));
  }
  writeFileSync(BENCHMARKS, next);
  console.log(`Wrote the results to ${BENCHMARKS}`);
}

async function main() {
  const stop = args.includes('--stack') ? await startStack() : null;
  const rows = [];
  const failures = [];
  try {
    for (const entry of ENTRIES) {
      for (const page of PAGES) {
        const runs = [];
        for (let run = 0; run < RUNS; run++) runs.push(await audit(entry.origin + page.path));
        const result = median(runs);
        rows.push({ entry: entry.name, page: page.name, result });
        const found = problems(result);
        const perf = runs.map((r) => fmt(r.scores.performance)).join(' ');
        console.log(
          `${entry.name} ${page.name}: ${JSON.stringify(result.scores)} CLS ${cls(result.cls)} ` +
            `FCP ${ms(result.fcp)} LCP ${ms(result.lcp)} TBT ${Math.round(result.tbt)} ms ` +
            `(performance of each run: ${perf})`,
        );
        for (const audit of result.failing) console.log(`  failing audit: ${audit}`);
        failures.push(...found.map((problem) => `${entry.name} ${page.name}: ${problem}`));
      }
    }
  } finally {
    stop?.();
  }
  if (args.includes('--write')) writeBenchmarks(rows);
  if (failures.length) {
    console.error(`Lighthouse thresholds missed:\n  ${failures.join('\n  ')}`);
    process.exit(1);
  }
  console.log('Lighthouse: every threshold met.');
}

await main();
