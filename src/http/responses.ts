import type { z } from 'zod';
import { commonProblems, problemSchema, ProblemError } from './problems.js';

/** Problem statuses every authenticated route can answer with (503: the database is away, service.database_unavailable). */
const ALWAYS = [400, 401, 403, 429, 500, 503] as const;

/**
 * A route's response map: its success schemas plus a problem schema for every 4xx/5xx it may
 * give, so that each one is declared in the OpenAPI document.
 */
export function withProblems<const T extends Record<number, z.ZodType>>(success: T, extra: readonly number[] = []): T & Record<number, z.ZodType> {
  const problems: Record<number, z.ZodType> = {};
  for (const status of [...ALWAYS, ...extra]) problems[status] = problemSchema;
  return { ...problems, ...success };
}

/** Encodes an opaque cursor (the last id of a page). */
export function encodeCursor(lastId: string): string {
  return Buffer.from(lastId, 'utf8').toString('base64url');
}

/** Decodes a cursor; undefined when it is not one of ours. */
export function decodeCursor(cursor: string | undefined): string | undefined | null {
  if (cursor === undefined) return undefined;
  const value = Buffer.from(cursor, 'base64url').toString('utf8');
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(value) ? value : null;
}

/** The id after which the next page starts; a cursor that is not ours is a 400. */
export function afterIdFrom(cursor: string | undefined): string | undefined {
  const afterId = decodeCursor(cursor);
  if (afterId === null) throw new ProblemError(commonProblems.invalid_cursor);
  return afterId;
}

/** Cuts a page of `limit` from `limit + 1` fetched rows and makes the next cursor. */
export function pageCursor<T extends { id: string }>(rows: T[], limit: number): { rows: T[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  return { rows: page, nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1]!.id) : null };
}
