/*
 * Lints the API document with Spectral (spectral:oas + the OWASP API Security ruleset, as
 * .spectral.yaml configures them): `npm run lint:api`. Fails on any error or warning. Needs no
 * database, search server or network (the rulesets are resolved from node_modules).
 *
 * The document is written under var/ (inside the project, so that the path-scoped overrides in
 * .spectral.yaml match it) and removed afterwards.
 */
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildOpenApiDocument } from './lib/openapi-document.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
await mkdir(path.join(root, 'var'), { recursive: true });
const dir = await mkdtemp(path.join(root, 'var', 'lint-api-'));
let status = 1;
try {
  const file = path.join(dir, 'openapi.json');
  await writeFile(file, JSON.stringify(await buildOpenApiDocument(), null, 2));
  const spectral = path.join(root, 'node_modules', '.bin', 'spectral');
  const result = spawnSync(spectral, ['lint', path.relative(root, file), '--ruleset', '.spectral.yaml', '--fail-severity', 'warn', '--display-only-failures'], {
    cwd: root,
    stdio: 'inherit',
  });
  status = result.status ?? 1;
} finally {
  await rm(dir, { recursive: true, force: true });
}
process.exit(status);
