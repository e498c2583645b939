// The country flags (country-flag-icons' 3x2 SVGs) served from one folder,
// assets/flags-<hash>/<CODE>.svg, so the bundle carries only the list of codes
// (virtual:country-flags) instead of a code → hashed URL table (about 7 KB gzip in the entry
// chunk). The folder's name hashes every flag: its files are immutable like the other assets
// (nginx caches /assets/ for a year), and a new flag set gets a new folder.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

const SOURCE_DIR = fileURLToPath(new URL('./node_modules/country-flag-icons/3x2/', import.meta.url));
const VIRTUAL_ID = 'virtual:country-flags';
const RESOLVED_ID = `\0${VIRTUAL_ID}`;

type Flags = { folder: string; files: Map<string, Buffer> };

/** The two-letter flags (the app shows no regional ones) and their folder's name. */
function readFlags(): Flags {
  const names = readdirSync(SOURCE_DIR)
    .filter((name) => /^[A-Z]{2}\.svg$/.test(name))
    .sort();
  const files = new Map(names.map((name) => [name, readFileSync(SOURCE_DIR + name)]));
  const hash = createHash('sha256');
  for (const [name, content] of files) hash.update(name).update(content);
  return { folder: `assets/flags-${hash.digest('hex').slice(0, 8)}`, files };
}

export function countryFlags(): Plugin {
  const flags = readFlags();
  let base = '/';
  return {
    name: 'country-flags',
    configResolved(config) {
      base = config.base;
    },
    resolveId: (id) => (id === VIRTUAL_ID ? RESOLVED_ID : undefined),
    load(id) {
      if (id !== RESOLVED_ID) return undefined;
      const codes = [...flags.files.keys()].map((name) => name.slice(0, 2)).join(' ');
      return `export const FLAG_FOLDER = ${JSON.stringify(`${base}${flags.folder}/`)};\nexport const FLAG_CODES = ${JSON.stringify(codes)};\n`;
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const prefix = `${base}${flags.folder}/`;
        const content = req.url?.startsWith(prefix) && flags.files.get(req.url.slice(prefix.length));
        if (!content) return next();
        res.setHeader('Content-Type', 'image/svg+xml');
        res.end(content);
      });
    },
    generateBundle() {
      for (const [name, source] of flags.files) {
        this.emitFile({ type: 'asset', fileName: `${flags.folder}/${name}`, source });
      }
    },
  };
}
