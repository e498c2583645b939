// Writes src/types/api.gen.ts from the API's OpenAPI schema, so the SPA's types come from
// the serializers that render the answers. drf-spectacular needs no database for this.
// `make lint` runs it and fails when the committed file differs.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const frontend = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const repo = resolve(frontend, '..');
const python = process.env.PYTHON ?? join(repo, '.venv', 'bin', 'python');
const output = join(frontend, 'src', 'types', 'api.gen.ts');
const bin = (name) => join(frontend, 'node_modules', '.bin', name);

const workDir = mkdtempSync(join(tmpdir(), 'weather-schema-'));
try {
  const schema = join(workDir, 'schema.yaml');
  execFileSync(python, ['manage.py', 'spectacular', '--file', schema], { cwd: repo, stdio: 'inherit' });
  execFileSync(bin('openapi-typescript'), [schema, '--output', output], { cwd: frontend, stdio: 'inherit' });
  execFileSync(bin('prettier'), ['--write', '--log-level', 'warn', output], { cwd: frontend, stdio: 'inherit' });
} finally {
  rmSync(workDir, { recursive: true, force: true });
}
