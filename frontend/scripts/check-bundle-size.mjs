// Prints the gzip size of the JavaScript needed to show the first page, and fails above the budget.
// From Vite's manifest: the entry chunk and its static imports, plus the lazily loaded
// home page (the landing route) with its own static imports. Other pages load on demand.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 110;
const LANDING_ROUTE = 'src/app/routes/home.tsx';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = resolve(process.argv[2] ?? join(root, 'dist'));
const manifestPath = join(dist, '.vite', 'manifest.json');
if (!existsSync(manifestPath)) {
  console.error(`No Vite manifest at ${manifestPath}: run vite build first.`);
  process.exit(1);
}
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));

/** The chunk and everything it imports statically, as manifest keys. */
function withStaticImports(key, seen = new Set()) {
  if (seen.has(key) || !manifest[key]) return seen;
  seen.add(key);
  for (const imported of manifest[key].imports ?? []) withStaticImports(imported, seen);
  return seen;
}

const entryKey = Object.keys(manifest).find((key) => manifest[key].isEntry);
const firstLoad = withStaticImports(entryKey);
if (manifest[LANDING_ROUTE]) withStaticImports(LANDING_ROUTE, firstLoad);

const gzipKb = (file) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length / 1024;
let totalKb = 0;
const rows = Object.entries(manifest)
  .filter(([, chunk]) => chunk.file.endsWith('.js'))
  .map(([key, chunk]) => ({ key, file: chunk.file, kb: gzipKb(chunk.file), initial: firstLoad.has(key) }))
  .sort((a, b) => b.kb - a.kb);
for (const row of rows) {
  if (row.initial) totalKb += row.kb;
  console.log(`${row.initial ? 'initial' : 'lazy   '}  ${row.kb.toFixed(1).padStart(6)} KB gzip  ${row.file}`);
}

console.log(`Initial JS (entry + landing page): ${totalKb.toFixed(1)} KB gzip (budget ${BUDGET_KB} KB)`);
if (totalKb > BUDGET_KB) {
  console.error(`Initial JS is over budget by ${(totalKb - BUDGET_KB).toFixed(1)} KB.`);
  process.exit(1);
}
