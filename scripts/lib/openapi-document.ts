import pino from 'pino';
import { createDatabase } from '../../db/client.js';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';

/**
 * The API's OpenAPI document, as GET /openapi.json serves it, without a database or search server:
 * the app is built with a pool that never connects (building registers routes and creates
 * services; it queries nothing) and no search client.
 */
export async function buildOpenApiDocument(): Promise<Record<string, unknown>> {
  const logger = pino({ level: 'silent' });
  const database = createDatabase({ url: 'postgres://openapi@127.0.0.1:1/none', logger, max: 1 });
  const app = await buildApp({ database, search: null, clock: { now: () => new Date() }, logger }, loadConfig({}));
  try {
    await app.ready();
    return app.swagger() as unknown as Record<string, unknown>;
  } finally {
    await app.close();
    await database.close();
  }
}
