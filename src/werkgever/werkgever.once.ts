import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db, Tx } from '../../db/client.js';
import { idempotencyProblems, runWithIdempotencyKey } from '../http/idempotency.js';
import { ProblemError } from '../http/problems.js';
import { apiPrincipalOf } from '../pages/pages.plugin.js';

/** A stable hash of what a form asks, so that the same key with other values is told apart. */
export const requestHash = (parts: unknown[]) => createHash('sha256').update(JSON.stringify(parts)).digest('hex');

/**
 * Runs a change of an employer form once per form key (FormKey, src/http/idempotency.ts) and
 * redirects to where `change` says: a double tap or a re-sent form records one answer and lands on
 * the same page. A key sent again with other values (a page kept open and changed) redirects to
 * `changed`, which says what stands now.
 */
export async function submitOnce(
  db: Db,
  request: FastifyRequest,
  reply: FastifyReply,
  { hash, changed, change }: { hash: string; changed: string; change: (tx: Tx) => Promise<string> },
) {
  const principal = apiPrincipalOf(request);
  const key = (request.body as Record<string, unknown>)._sleutel;
  const location = async (tx: Tx) => ({ statusCode: 303, body: { location: await change(tx) } });
  if (typeof key !== 'string' || !/^[A-Za-z0-9._:-]{8,200}$/.test(key)) return reply.redirect((await db.transaction(location)).body.location, 303);
  try {
    const outcome = await runWithIdempotencyKey(
      db,
      { principal, key, method: 'POST', path: request.routeOptions.url ?? request.url, requestHash: hash },
      location,
    );
    return reply.redirect(outcome.body.location, 303);
  } catch (error) {
    if (error instanceof ProblemError && error.spec === idempotencyProblems.key_reused) return reply.redirect(changed, 303);
    throw error;
  }
}
