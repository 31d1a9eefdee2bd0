import type { Db } from '../db/client.js';
import type { Services } from './app.js';

/** What every domain's routes get from src/app.ts. */
export type RouteDeps = { db: Db; services: Services };
