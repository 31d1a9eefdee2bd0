import { randomBytes } from 'node:crypto';
import { buildApp } from '../../src/app.js';
import type { DeliveryDeps } from '../../src/digests/digests.delivery.js';
import { runDigestRoundInline } from '../../src/digests/digests.round.js';
import { createSmtpMailer, type Mailer } from '../../src/mail/mailer.js';
import { shortlistWorld } from '../shortlists/fixtures.js';
import { bearer } from '../support/factories.js';
import { createTestDatabase, defaultTestConfig, testLogger, testSearch } from '../support/harness.js';
import { startSmtpReceiver } from './smtp-receiver.js';

type Teardown = Parameters<typeof shortlistWorld>[0];

export const PUBLIC_URL = 'https://kansrijk.werkplein-test.example';
/** Monday 30 November 2026, 07:05 in Amsterdam: just after a Monday 07:00 digest of week 49 is due. */
export const MONDAY_W49 = new Date('2026-11-30T06:05:00Z');

/**
 * The shortlist world (a tenant, employers, an open vacancy, helpers; the clock on Wednesday
 * 25 November 2026) plus what digests need: a real SMTP receiver on a loopback port, an SMTP
 * mailer pointed at it, the app built with a known secret key and public URL, and a round runner.
 */
export async function digestWorld(t: Teardown, options: { reject?: (address: string) => boolean } = {}) {
  // A database of its own: a digest round and the queues look at every tenant in the database.
  const database = await createTestDatabase(t, { isolated: true });
  const scene = await shortlistWorld(t, {}, { database });
  const receiver = await startSmtpReceiver(options);
  t.teardown(() => receiver.close());
  const secretKey = randomBytes(32).toString('hex');
  const app = await buildApp(
    { database: scene.database, search: testSearch().client, clock: scene.clock, logger: testLogger, secretKey, publicUrl: PUBLIC_URL },
    defaultTestConfig,
  );
  await app.ready();
  t.teardown(() => app.close());
  const smtp = createSmtpMailer({ url: receiver.url, from: 'Kansrijk <no-reply@kansrijk.example>' });
  t.teardown(() => smtp.close());

  const deps = (mailer: Mailer = smtp): DeliveryDeps => ({
    db: scene.database.db,
    mailer,
    secretKey,
    publicUrl: PUBLIC_URL,
    clock: scene.clock,
    logger: testLogger,
  });

  /** Runs one round in this process at `at` (the clock moves there). */
  async function round(at: Date = MONDAY_W49, mailer?: Mailer) {
    scene.clock.set(at);
    return runDigestRoundInline(deps(mailer), { now: at });
  }

  async function subscribe(as: { token: string }, body: Record<string, unknown> = {}) {
    const response = await app.inject({
      method: 'POST',
      url: '/v1/digest-subscriptions',
      headers: bearer(as),
      payload: { frequency: 'weekly', weekday: 'mon', hour: 7, ...body },
    });
    if (response.statusCode !== 201) throw new Error(`subscription fixture failed: ${response.statusCode} ${response.body}`);
    return response.json<{ id: string; userId: string }>();
  }

  const digestInject = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, as?: { token: string }, payload?: unknown) =>
    app.inject({ method, url, headers: as ? bearer(as) : {}, ...(payload !== undefined ? { payload: payload as object } : {}) });

  /** The address a user's mail goes to. */
  async function emailOf(account: { principal: { userId: string } }): Promise<string> {
    const result = await scene.database.pool.query<{ email: string }>('select email from users where id = $1', [account.principal.userId]);
    return result.rows[0]!.email;
  }

  return { ...scene, database, digestApp: app, receiver, smtp, secretKey, deps, round, subscribe, digestInject, emailOf };
}

/** Words and values that must never be in a digest (REQUIREMENTS: special-category, barrier and benefit data). */
export const FORBIDDEN_WORDS = [
  'schuld',
  'uitkering',
  'bijstand',
  'gezondheid',
  'health',
  'ziek',
  'medisch',
  'barrière',
  'barrier',
  'fiets',
  'debt',
  'benefit',
];
