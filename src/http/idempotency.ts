import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Db, Tx } from '../../db/client.js';
import { idempotencyKeys } from '../../db/schema/index.js';
import { defineProblems, ProblemError } from './problems.js';
import { principalOf } from '../auth/auth.plugin.js';
import type { Principal } from '../auth/roles.js';

/** An idempotency key: 8–200 characters of letters, digits and . _ : - */
const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{8,200}$/;

export const idempotencyProblems = defineProblems('idempotency', {
  invalid_key: {
    status: 400,
    title: { nl: 'Ongeldige Idempotency-Key', en: 'Invalid Idempotency-Key' },
    detail: {
      nl: () => 'Een Idempotency-Key heeft 8 tot 200 tekens (letters, cijfers, - _ . :).',
      en: () => 'An Idempotency-Key has 8 to 200 characters (letters, digits, - _ . :).',
    },
  },
  key_reused: {
    status: 422,
    title: { nl: 'Deze Idempotency-Key is al gebruikt', en: 'This Idempotency-Key was already used' },
    detail: {
      nl: () => 'Deze sleutel hoort bij een andere aanvraag. Gebruik voor elke nieuwe aanvraag een nieuwe sleutel.',
      en: () => 'This key belongs to another request. Use a new key for every new request.',
    },
  },
});

export type Outcome<T> = { statusCode: number; body: T };

/**
 * Runs a change in one transaction and, when the request carries an Idempotency-Key, records its
 * outcome in that same transaction. A retry with the same key gets the first outcome back instead
 * of a second object; a concurrent duplicate waits on the key's row lock and then does the same.
 */
export async function runIdempotent<T>(db: Db, request: FastifyRequest, change: (tx: Tx) => Promise<Outcome<T>>): Promise<Outcome<T> & { replayed: boolean }> {
  const header = request.headers['idempotency-key'];
  if (header === undefined) {
    const outcome = await db.transaction(change);
    return { ...outcome, replayed: false };
  }
  const key = Array.isArray(header) ? header[0] : header;
  if (!key || !IDEMPOTENCY_KEY.test(key)) throw new ProblemError(idempotencyProblems.invalid_key);
  return runWithIdempotencyKey(
    db,
    {
      principal: principalOf(request),
      key,
      method: request.method,
      path: request.routeOptions.url ?? request.url,
      requestHash: createHash('sha256')
        .update(`${request.method}\n${request.url}\n${JSON.stringify(request.body ?? null)}`)
        .digest('hex'),
    },
    change,
  );
}

/**
 * The same, for a key that comes another way than the header: a page form carries one in a hidden
 * field, so that a double tap or a form sent again records one change (issue 15).
 */
export async function runWithIdempotencyKey<T>(
  db: Db,
  {
    principal,
    key,
    method,
    path,
    requestHash,
  }: { principal: Pick<Principal, 'tenantId' | 'userId'>; key: string; method: string; path: string; requestHash: string },
  change: (tx: Tx) => Promise<Outcome<T>>,
): Promise<Outcome<T> & { replayed: boolean }> {
  const where = and(eq(idempotencyKeys.tenantId, principal.tenantId), eq(idempotencyKeys.userId, principal.userId), eq(idempotencyKeys.key, key));
  return db.transaction(async (tx) => {
    const claimed = await tx
      .insert(idempotencyKeys)
      .values({
        tenantId: principal.tenantId,
        userId: principal.userId,
        key,
        method,
        path,
        requestHash,
        statusCode: 0,
      })
      .onConflictDoNothing()
      .returning({ key: idempotencyKeys.key });
    if (claimed.length === 0) {
      const [earlier] = await tx.select().from(idempotencyKeys).where(where);
      if (!earlier || earlier.requestHash !== requestHash) throw new ProblemError(idempotencyProblems.key_reused);
      return { statusCode: earlier.statusCode, body: earlier.responseBody as T, replayed: true };
    }
    const outcome = await change(tx);
    await tx.update(idempotencyKeys).set({ statusCode: outcome.statusCode, responseBody: outcome.body }).where(where);
    return { ...outcome, replayed: false };
  });
}

/** Documents the Idempotency-Key header on POST routes; unknown headers pass through untouched. */
export const idempotencyHeadersSchema = z.looseObject({
  'idempotency-key': z
    .string()
    // What runIdempotent checks (a 400 idempotency.invalid_key otherwise), for the API document.
    .meta({ minLength: 8, maxLength: 200, pattern: IDEMPOTENCY_KEY.source })
    .optional()
    .describe('Any unique string (8–200 characters) per intended change: a retry with the same key returns the first answer'),
});

/** Sends a (possibly replayed) outcome; a replay is marked with the Idempotent-Replayed header. */
export function replyWith<T>(reply: FastifyReply, outcome: Outcome<T> & { replayed: boolean }) {
  if (outcome.replayed) reply.header('idempotent-replayed', 'true');
  return reply.status(outcome.statusCode).send(outcome.body);
}
