import { mkdtemp } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { buildApp, type AppConfig } from '../../src/app.js';
import { findFreePort } from '../../src/embedded/ports.js';
import type { Clock } from '../../src/clock.js';
import { createFileMailer, createSmtpMailer, type Mailer } from '../../src/mail/mailer.js';
import { parseCookies } from '../../src/pages/http.js';
import type { Account } from './factories.js';
import { createTestDatabase, defaultTestConfig, testLogger, testSearch, testWorkDir } from './harness.js';
import type { Database } from '../../db/client.js';

type Teardown = { teardown: (fn: () => unknown) => void };

export type PageApp = {
  app: FastifyInstance;
  database: Database;
  baseUrl: string;
  clock: Clock;
  mailDir: string | null;
  search: ReturnType<typeof testSearch>;
};

/**
 * The real app for page tests, listening on a loopback port that is also its PUBLIC_URL (links in
 * mails then open in the test's browser). Mail goes to `smtpUrl` when given (a real SMTP exchange),
 * else to .eml files in a folder of this test's own (the embedded default's transport).
 */
export async function buildPageApp(
  t: Teardown,
  options: { clock?: Clock; config?: Partial<AppConfig>; smtpUrl?: string; listen?: boolean; database?: Database; logger?: Logger } = {},
): Promise<PageApp> {
  const database = options.database ?? (await createTestDatabase(t));
  const search = testSearch();
  const clock = options.clock ?? { now: () => new Date() };
  const port = await findFreePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const mailDir = options.smtpUrl ? null : await mkdtemp(path.join(testWorkDir(), 'mail-'));
  const mailer: Mailer = options.smtpUrl
    ? createSmtpMailer({ url: options.smtpUrl, from: 'Kansrijk <no-reply@kansrijk.example>' })
    : createFileMailer({ dir: mailDir!, from: 'Kansrijk <no-reply@kansrijk.example>' });
  const app = await buildApp(
    {
      database,
      search: search.client,
      searchPrefix: search.indexPrefix,
      clock,
      logger: options.logger ?? testLogger,
      publicUrl: baseUrl,
      mailer,
      secretKey: 'test-secret-key-of-at-least-32-characters',
    },
    { ...defaultTestConfig, ...options.config },
  );
  t.teardown(async () => {
    await app.close();
    mailer.close();
  });
  if (options.listen !== false) await app.listen({ host: '127.0.0.1', port });
  else await app.ready();
  return { app, database, baseUrl, clock, mailDir, search };
}

/** A signed-in cookie header for an account, through a real one-time link (inject, no browser). */
export async function sessionCookieFor(app: FastifyInstance, account: Account): Promise<{ cookie: string; csrf: string }> {
  const link = await app.services.sessions.createLink({ tenantId: account.principal.tenantId, kind: 'user', subjectId: account.userId, limited: false });
  if (!link) throw new Error('no link');
  const page = await app.inject({ method: 'GET', url: `/inloggen/link?token=${encodeURIComponent(link.token)}` });
  const anonymous = cookieHeaderOf(page.headers['set-cookie']);
  const csrf = csrfOf(page.body);
  const signedIn = await app.inject({
    method: 'POST',
    url: '/inloggen/link',
    headers: { cookie: anonymous, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: csrf, token: link.token }).toString(),
  });
  if (signedIn.statusCode !== 303) throw new Error(`sign-in failed: ${signedIn.statusCode}`);
  const cookie = cookieHeaderOf(signedIn.headers['set-cookie']);
  const home = await app.inject({ method: 'GET', url: '/werkplek', headers: { cookie } });
  return { cookie, csrf: csrfOf(home.body) };
}

/** Turns Set-Cookie headers into a Cookie header (cookies cleared with Max-Age=0 left out). */
export function cookieHeaderOf(setCookie: string | string[] | undefined): string {
  const list = setCookie === undefined ? [] : Array.isArray(setCookie) ? setCookie : [setCookie];
  const live = list.filter((cookie) => !/Max-Age=0/i.test(cookie)).map((cookie) => cookie.split(';')[0]!);
  return Object.entries(parseCookies(live.join('; ')))
    .map(([name, value]) => `${name}=${encodeURIComponent(value)}`)
    .join('; ');
}

/** The CSRF token in a rendered page's forms. */
export function csrfOf(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('no CSRF field on the page');
  return match[1]!;
}

/** A url-encoded form body. */
export function form(values: Record<string, string | string[]>): { headers: Record<string, string>; payload: string } {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) for (const item of [value].flat()) params.append(name, item);
  return { headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: params.toString() };
}

/**
 * The links of a page's error summary (its first error alert), in the order shown, each with where
 * its target stands in the page: the summary must follow the order of the fields (-1: not found).
 */
export function summaryTargets(html: string): Array<{ id: string; at: number }> {
  const start = html.indexOf('utrecht-alert--error');
  const end = html.indexOf('</ul>', start);
  if (start < 0 || end < 0) return [];
  return [...html.slice(start, end).matchAll(/href="#([^"]+)"/g)].map((match) => ({ id: match[1]!, at: html.indexOf(`id="${match[1]!}"`, end) }));
}
