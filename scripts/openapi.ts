/*
 * Writes the API's OpenAPI document, as GET /openapi.json serves it, to a file or stdout:
 * `npm run openapi -- [--out <file>]`. Needs no database or search server.
 */
import { writeFile } from 'node:fs/promises';
import { fail, parseArgs } from './lib/cli.js';
import { buildOpenApiDocument } from './lib/openapi-document.js';

const args = parseArgs();
const out = args.get('out');
if (out === true) fail('Usage: npm run openapi -- [--out <file>]');
const document = `${JSON.stringify(await buildOpenApiDocument(), null, 2)}\n`;
if (out) await writeFile(out, document);
else process.stdout.write(document);
