import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../../db/client.js';
import { authRepository } from './auth.repository.js';
import type { Access, Principal } from './roles.js';
import { hashToken, looksLikeToken } from './tokens.js';
import type { Clock } from '../clock.js';
import { commonProblems, ProblemError } from '../http/problems.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call this route; required on every route (checked when the route is added). */
    access?: Access;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}

/** Counts failed authentications per address in a sliding minute; past the limit, failures answer 429 (valid tokens still pass). */
function failureCounter(limitPerMinute: number) {
  const failures = new Map<string, number[]>();
  const windowMs = 60_000;
  const recent = (key: string, now: number) => (failures.get(key) ?? []).filter((at) => now - at < windowMs);
  return {
    blockedFor(key: string, now: number): number {
      const times = recent(key, now);
      if (times.length < limitPerMinute) return 0;
      return Math.max(1, Math.ceil((windowMs - (now - times[0]!)) / 1000));
    },
    record(key: string, now: number) {
      const times = recent(key, now);
      times.push(now);
      failures.set(key, times);
      if (failures.size > 10_000) {
        for (const [entry, stamps] of failures) if (stamps.every((at) => now - at >= windowMs)) failures.delete(entry);
      }
    },
  };
}

const TOUCH_INTERVAL_MS = 60_000;

/** Resolves the bearer token to a principal, and enforces each route's declared access. */
export const authPlugin = fp(
  async (app: FastifyInstance, options: { db: Db; clock: Clock; authFailuresPerMinute: number }) => {
    const repository = authRepository(options.db);
    const counter = failureCounter(options.authFailuresPerMinute);
    app.decorateRequest('principal', null);

    async function authenticate(request: FastifyRequest): Promise<Principal> {
      const now = options.clock.now();
      const header = request.headers.authorization ?? '';
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      const token = match?.[1];
      // The token is checked before the failure counter: a valid token is never refused by it, so
      // bad guesses from an address (or from a proxy that many clients share) lock nobody else out.
      const found = token && looksLikeToken(token) ? await repository.findActiveToken({ tokenHash: hashToken(token), now }) : undefined;
      if (!found) {
        const blockedFor = counter.blockedFor(request.ip, now.getTime());
        if (blockedFor > 0) {
          throw new ProblemError(commonProblems.auth_rate_limited, {
            values: { seconds: blockedFor },
            headers: { 'retry-after': String(blockedFor) },
          });
        }
        counter.record(request.ip, now.getTime());
        throw new ProblemError(commonProblems.unauthenticated, { headers: { 'www-authenticate': 'Bearer realm="kansrijk"' } });
      }
      // Use is recorded at most once a minute: no write, and no round trip, on most requests.
      if (!found.lastUsedAt || now.getTime() - found.lastUsedAt.getTime() >= TOUCH_INTERVAL_MS) {
        void repository.touchToken({ tenantId: found.tenantId, tokenId: found.tokenId, now }).catch((error: unknown) => {
          request.log.warn({ err: error }, 'could not record token use');
        });
      }
      return {
        tenantId: found.tenantId,
        userId: found.userId,
        tokenId: found.tokenId,
        role: found.role,
        employerId: found.employerId,
      };
    }

    app.addHook('onRequest', async (request) => {
      const declared = request.routeOptions.config?.access;
      // Pages sign in through a session cookie instead (src/pages/pages.plugin.ts checks their access).
      if (declared === undefined || declared === 'public' || request.routeOptions.config?.page) return;
      const principal = await authenticate(request);
      request.principal = principal;
      if (!declared.includes(principal.role)) throw new ProblemError(commonProblems.forbidden);
    });
  },
  { name: 'auth' },
);

/** The caller of a route that is not public (the auth hook guarantees it is set). */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new Error('principalOf() on a public route');
  return request.principal;
}
