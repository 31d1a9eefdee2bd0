import type { Db } from '../../db/client.js';
import type { Clock } from '../clock.js';
import type { Services } from '../services.js';

/** What every werkplek page module gets: the database (for transactions), the services, the clock. */
export type WerkplekDeps = { db: Db; services: Services; clock: Clock };
