import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { Db, Executor } from '../../db/client.js';
import type { PageRole, Principal } from '../auth/roles.js';
import type { Clock } from '../clock.js';
import { newId } from '../ids.js';
import { sessionsRepository } from './sessions.repository.js';

/** Who is signed in on a page. */
export type PagePrincipal = {
  kind: string;
  tenantId: string;
  subjectId: string;
  role: PageRole;
  name: string;
  email: string;
  /** The principal the services take, for kinds that have API roles (staff, employer contacts); null otherwise. */
  api: Principal | null;
};

/** An account that an e-mail address belongs to (one address may have accounts in several Werkpleinen). */
export type AccountMatch = { tenantId: string; subjectId: string; tenantName: string; name: string };

/**
 * A kind of principal that can sign in on the pages. 'user' (staff and employer contacts) is built
 * in; another kind (e.g. 'jobseeker') registers one with `registerSignInKind` and gets sign-in by
 * link, sessions, CSRF and access checks for free.
 */
export type SignInKind = {
  kind: string;
  /** The active accounts of this kind with this e-mail address (already trimmed and lower-cased). */
  findByEmail: (args: { db: Db; email: string }) => Promise<AccountMatch[]>;
  /** The principal for a session; null when the account is gone or inactive (the session then ends). */
  resolve: (args: { db: Executor; tenantId: string; subjectId: string; sessionId: string }) => Promise<PagePrincipal | null>;
  /** Where to go after signing in when no page was asked for. */
  home: (principal: PagePrincipal) => string;
};

export type SessionSettings = {
  /** A session without a request for this long ends (REQUIREMENTS A8). */
  idleMinutes: number;
  /** A session ends this long after sign-in, however active. */
  maxHours: number;
  /** Lifetime of a mailed sign-in link. */
  linkMinutes: number;
  /** Sign-in mails per account per quarter of an hour; more asks are silently ignored. */
  linksPerQuarter: number;
};

export const defaultSessionSettings: SessionSettings = { idleMinutes: 30, maxHours: 10, linkMinutes: 15, linksPerQuarter: 5 };

const sha256 = (value: string) => createHash('sha256').update(value, 'utf8').digest('hex');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function equalText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Sign-in codes: no 0/O, 1/I/L, so that a code read aloud or from paper is typed right. */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 10;
/** A code works an hour: the klantmanager gives it at an appointment; a new one can be made any time. */
export const CODE_MINUTES = 60;

/** A typed code as stored: capitals, without spaces or dashes; undefined when it cannot be a code. */
function normaliseCode(value: string): string | undefined {
  const code = value.toUpperCase().replace(/[\s-]/g, '');
  if (code.length !== CODE_LENGTH || [...code].some((char) => !CODE_ALPHABET.includes(char))) return undefined;
  return code;
}

export type ResolvedSession = { sessionId: string; tenantId: string; principal: PagePrincipal };

/** What a sign-in link says, read without using it (a GET shows it; only a POST uses it). */
export type LinkState =
  { status: 'valid'; tenantId: string; linkId: string; kind: string; subjectId: string; returnTo: string | null } | { status: 'invalid' | 'expired' | 'used' };

/** Sessions in PostgreSQL and one-time sign-in links (REQUIREMENTS A8). */
export function createSessionService({ db, clock, secretKey, settings }: { db: Db; clock: Clock; secretKey: string; settings: SessionSettings }) {
  const kinds = new Map<string, SignInKind>();
  const mac = (purpose: string, value: string) => createHmac('sha256', secretKey).update(`${purpose}:${value}`).digest('base64url');

  function parseCookie(value: string | undefined): { tenantId: string; id: string; secret: string } | undefined {
    const [tenantId, id, secret, ...rest] = (value ?? '').split('.');
    if (rest.length > 0 || !tenantId || !id || !secret || !UUID.test(tenantId) || !UUID.test(id) || secret.length !== 43) return undefined;
    return { tenantId, id, secret };
  }

  function parseLinkToken(token: string): { tenantId: string; linkId: string; expiresAt: Date } | undefined {
    const [tenantId, linkId, expires, signature, ...rest] = token.split('.');
    if (rest.length > 0 || !tenantId || !linkId || !expires || !signature || !UUID.test(tenantId) || !UUID.test(linkId) || !/^\d{1,12}$/.test(expires))
      return undefined;
    if (!equalText(signature, mac('sign-in', `${tenantId}.${linkId}.${expires}`))) return undefined;
    return { tenantId, linkId, expiresAt: new Date(Number(expires) * 1000) };
  }

  const service = {
    settings,

    registerSignInKind(kind: SignInKind) {
      if (kinds.has(kind.kind)) throw new Error(`sign-in kind ${kind.kind} is registered twice`);
      kinds.set(kind.kind, kind);
    },

    kindOf(kind: string): SignInKind {
      const found = kinds.get(kind);
      if (!found) throw new Error(`unknown sign-in kind ${kind}`);
      return found;
    },

    /** Every account an address belongs to, over all registered kinds. */
    async accountsFor(email: string): Promise<Array<AccountMatch & { kind: string }>> {
      const normalised = email.trim().toLowerCase();
      const found = await Promise.all(
        [...kinds.values()].map(async (kind) => (await kind.findByEmail({ db, email: normalised })).map((match) => ({ ...match, kind: kind.kind }))),
      );
      return found.flat();
    },

    /**
     * A new one-time link for one account, or undefined when this account asked too often lately.
     * The token carries the tenant, the link id and its expiry, signed with the secret key.
     */
    async createLink({
      tenantId,
      kind,
      subjectId,
      returnTo,
      ttlMinutes = settings.linkMinutes,
      limited = true,
    }: {
      tenantId: string;
      kind: string;
      subjectId: string;
      returnTo?: string | null | undefined;
      ttlMinutes?: number;
      /** false only for links made by the operator (the demo links `npm start` prints), not asked for by mail. */
      limited?: boolean;
    }) {
      const now = clock.now();
      const repository = sessionsRepository(db);
      const recent = limited ? await repository.countLinksSince({ tenantId, kind, subjectId, since: new Date(now.getTime() - 15 * 60_000) }) : 0;
      if (recent >= settings.linksPerQuarter) return undefined;
      const linkId = newId(now.getTime());
      const expires = Math.floor(now.getTime() / 1000) + ttlMinutes * 60;
      await repository.insertLink({ tenantId, id: linkId, kind, subjectId, returnTo: returnTo ?? null, createdAt: now, expiresAt: new Date(expires * 1000) });
      return { token: `${tenantId}.${linkId}.${expires}.${mac('sign-in', `${tenantId}.${linkId}.${expires}`)}`, expiresAt: new Date(expires * 1000) };
    },

    /** Reads a link without using it. */
    async inspectLink(token: string): Promise<LinkState> {
      const parsed = parseLinkToken(token);
      if (!parsed) return { status: 'invalid' };
      const row = await sessionsRepository(db).findLink({ tenantId: parsed.tenantId, id: parsed.linkId });
      if (!row) return { status: 'invalid' };
      if (row.usedAt) return { status: 'used' };
      if (row.expiresAt.getTime() <= clock.now().getTime()) return { status: 'expired' };
      return { status: 'valid', tenantId: row.tenantId, linkId: row.id, kind: row.kind, subjectId: row.subjectId, returnTo: row.returnTo };
    },

    /**
     * Uses a link and starts a session in one transaction: a replayed, expired or forged link starts
     * nothing. An earlier session of this browser ends (rotation at sign-in).
     */
    async signInWithLink({ token, previousCookie }: { token: string; previousCookie?: string | undefined }) {
      const parsed = parseLinkToken(token);
      if (!parsed) return { status: 'invalid' as const };
      const now = clock.now();
      return db.transaction(async (tx) => {
        const used = await sessionsRepository(tx).useLink({ tenantId: parsed.tenantId, id: parsed.linkId, now });
        if (!used) {
          const row = await sessionsRepository(tx).findLink({ tenantId: parsed.tenantId, id: parsed.linkId });
          return { status: !row ? ('invalid' as const) : row.usedAt ? ('used' as const) : ('expired' as const) };
        }
        const started = await startIn(tx, { tenantId: used.tenantId, kind: used.kind, subjectId: used.subjectId, method: 'link', previousCookie });
        if (!started) return { status: 'invalid' as const };
        return { status: 'signed_in' as const, ...started, returnTo: used.returnTo };
      });
    },

    /**
     * A one-time sign-in code for one account, to be said or handed over in person (a klantmanager
     * gives it to a jobseeker). Ten characters without look-alikes (about 50 bits), stored only as an
     * HMAC, single use, valid `ttlMinutes`; a new code replaces the account's earlier unused ones.
     */
    async createCode({ tenantId, kind, subjectId, ttlMinutes = CODE_MINUTES }: { tenantId: string; kind: string; subjectId: string; ttlMinutes?: number }) {
      const now = clock.now();
      const code = Array.from({ length: CODE_LENGTH }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
      const expiresAt = new Date(now.getTime() + ttlMinutes * 60_000);
      await db.transaction(async (tx) => {
        const repository = sessionsRepository(tx);
        await repository.dropUnusedCodes({ tenantId, kind, subjectId });
        await repository.insertLink({
          tenantId,
          id: newId(now.getTime()),
          kind,
          subjectId,
          returnTo: null,
          createdAt: now,
          expiresAt,
          codeHash: mac('sign-in-code', code),
        });
      });
      return { code: `${code.slice(0, 5)}-${code.slice(5)}`, expiresAt };
    },

    /** Uses a sign-in code and starts a session in one transaction; a wrong, used or expired code starts nothing. */
    async signInWithCode({ code, previousCookie }: { code: string; previousCookie?: string | undefined }) {
      const normalised = normaliseCode(code);
      if (!normalised) return { status: 'invalid' as const };
      const now = clock.now();
      return db.transaction(async (tx) => {
        const used = await sessionsRepository(tx).useCode({ codeHash: mac('sign-in-code', normalised), now });
        if (!used) return { status: 'invalid' as const };
        const started = await startIn(tx, { tenantId: used.tenantId, kind: used.kind, subjectId: used.subjectId, method: 'code', previousCookie });
        if (!started) return { status: 'invalid' as const };
        return { status: 'signed_in' as const, ...started };
      });
    },

    /** Starts a session for an account identified otherwise (OpenID Connect). */
    async signIn({
      tenantId,
      kind,
      subjectId,
      method,
      previousCookie,
    }: {
      tenantId: string;
      kind: string;
      subjectId: string;
      method: string;
      previousCookie?: string | undefined;
    }) {
      return db.transaction((tx) => startIn(tx, { tenantId, kind, subjectId, method, previousCookie }));
    },

    /** The session behind a cookie, or undefined when absent, forged, idle too long, past its end, or its account is gone. */
    async resolve(cookie: string | undefined): Promise<ResolvedSession | undefined> {
      const parsed = parseCookie(cookie);
      if (!parsed) return undefined;
      const repository = sessionsRepository(db);
      const row = await repository.findSession({ tenantId: parsed.tenantId, id: parsed.id });
      if (!row || !equalText(row.secretHash, sha256(parsed.secret))) return undefined;
      const now = clock.now();
      const idleSince = now.getTime() - row.lastSeenAt.getTime();
      if (idleSince >= settings.idleMinutes * 60_000 || row.expiresAt.getTime() <= now.getTime()) return undefined;
      const kind = kinds.get(row.kind);
      const principal = kind ? await kind.resolve({ db, tenantId: row.tenantId, subjectId: row.subjectId, sessionId: row.id }) : null;
      if (!principal) return undefined;
      // Activity is recorded at most once a minute: most requests do not write.
      if (idleSince >= 60_000) await repository.touchSession({ tenantId: row.tenantId, id: row.id, now });
      return { sessionId: row.id, tenantId: row.tenantId, principal };
    },

    /** Ends the session behind a cookie (signing out). */
    async end(cookie: string | undefined) {
      const parsed = parseCookie(cookie);
      if (parsed) await sessionsRepository(db).deleteSession({ tenantId: parsed.tenantId, id: parsed.id });
    },

    /** A value bound to a session or an anonymous browser, signed: the CSRF token of its forms. */
    csrfToken(binding: string): string {
      return mac('csrf', binding);
    },

    checkCsrf(binding: string, token: unknown): boolean {
      return typeof token === 'string' && equalText(token, mac('csrf', binding));
    },

    /** Signs a short value for a cookie (OpenID Connect state); `unsign` gives it back only when untouched. */
    sign(purpose: string, value: string): string {
      return `${Buffer.from(value).toString('base64url')}.${mac(purpose, value)}`;
    },
    unsign(purpose: string, signed: string | undefined): string | undefined {
      const [encoded, signature] = (signed ?? '').split('.');
      if (!encoded || !signature) return undefined;
      const value = Buffer.from(encoded, 'base64url').toString('utf8');
      return equalText(signature, mac(purpose, value)) ? value : undefined;
    },
  };

  async function startIn(
    tx: Executor,
    {
      tenantId,
      kind,
      subjectId,
      method,
      previousCookie,
    }: { tenantId: string; kind: string; subjectId: string; method: string; previousCookie?: string | undefined },
  ) {
    const handler = kinds.get(kind);
    const now = clock.now();
    const repository = sessionsRepository(tx);
    // A disabled Werkplein starts no sessions, whatever link or identity provider vouches for the person.
    if (!(await repository.tenantActive(tenantId))) return undefined;
    const previous = parseCookie(previousCookie);
    if (previous) await repository.deleteSession({ tenantId: previous.tenantId, id: previous.id });
    const sessionId = newId(now.getTime());
    const principal = handler ? await handler.resolve({ db: tx, tenantId, subjectId, sessionId }) : null;
    if (!handler || !principal) return undefined;
    await repository.purgeExpired({ now });
    const secret = randomBytes(32).toString('base64url');
    await repository.insertSession({
      tenantId,
      id: sessionId,
      secretHash: sha256(secret),
      kind,
      subjectId,
      method,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + settings.maxHours * 3600_000),
    });
    return { cookie: `${tenantId}.${sessionId}.${secret}`, sessionId, principal, home: handler.home(principal) };
  }

  return service;
}

export type SessionService = ReturnType<typeof createSessionService>;
