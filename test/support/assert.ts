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

/** A fixture request that must succeed: its JSON body, else an error naming the fixture and the answer. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- light-my-request types json() as any; fixtures read ids off it
export async function fixtureJson(label: string, response: Promise<{ statusCode: number; body: string; json: () => any }>) {
  const answer = await response;
  if (answer.statusCode >= 300) throw new Error(`fixture ${label}: ${answer.statusCode} ${answer.body}`);
  return answer.json();
}
