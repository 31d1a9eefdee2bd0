import { pgErrorOf } from '../../db/client.js';

/** Awaits a query that must fail, and returns the Postgres error behind drizzle's wrapper. */
export async function pgFailure(work: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await work;
  } catch (error) {
    const pg = pgErrorOf(error);
    if (pg?.code) return { code: pg.code, message: pg.message ?? '' };
    throw error;
  }
  throw new Error('expected the query to fail, but it succeeded');
}
