import { spawn } from 'node:child_process';
import path from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import t from 'tap';
import { TYPESCRIPT_IMPORT } from '../support/cli.js';
import { waitFor } from '../support/wait.js';
import { deliverDigest, digestMessageId } from '../../src/digests/digests.delivery.js';
import { DIGEST_QUEUES, enqueueDueDigests, registerDigestJobs } from '../../src/digests/digests.jobs.js';
import { createBoss } from '../../src/jobs/queue.js';
import type { Mailer } from '../../src/mail/mailer.js';
import { testLogger } from '../support/harness.js';
import { digestWorld, MONDAY_W49, PUBLIC_URL } from './fixtures.js';

/*
 * REQUIREMENTS R3 and R7: exactly one mail per recipient and period under duplicate jobs, duplicate
 * scheduling, two workers at once and a worker killed after sending; failures retried with backoff,
 * then dead-lettered with an alert. Counted at the receiving SMTP server.
 */

type Scene = Awaited<ReturnType<typeof digestWorld>>;

/** Three recipients with something new this week. */
async function threeRecipients(scene: Scene) {
  const { world, subscribe, person, newShortlist, addApproved, inject, openVacancy } = scene;
  const subscriptions = [
    await subscribe(world.employerA.user),
    await subscribe(world.accountManager, { scope: { minMatchScore: 50 } }),
    await subscribe(world.employerRelations),
  ];
  const candidate = await person();
  const list = await newShortlist();
  await addApproved(list, candidate.id);
  await inject('POST', `/v1/shortlists/${list}/send`);
  await openVacancy({ title: 'Inpakker dagdienst' });
  const plan = await inject('POST', `/v1/employers/${world.employerA.employer.id}/growth-plans`, world.employerRelations, {
    name: 'Tweede productielijn',
    locationId: world.employerA.location.id,
    roles: [
      {
        title: 'Productiemedewerker',
        headcount: 8,
        expectedDate: '2027-02-01',
        hoursPerWeek: { min: 24, max: 32 },
        shiftPattern: { kind: 'fixed', shifts: [{ dayPart: 'day', start: '08:00', end: '16:30', weekdays: ['mon', 'tue', 'wed', 'thu', 'fri'] }] },
        trainingLeadTimeWeeks: 4,
      },
    ],
  });
  if (plan.statusCode !== 201) throw new Error(plan.body);
  return subscriptions;
}

/** Per (recipient, Message-ID) how many messages the SMTP server accepted. */
function countsByMessage(scene: Scene): number[] {
  const counts = new Map<string, number>();
  for (const message of scene.receiver.messages) counts.set(message.messageId, (counts.get(message.messageId) ?? 0) + 1);
  return [...counts.values()];
}

/** Waits for a condition (the bound in waitFor is only a safety net for a busy machine). */
async function until(condition: () => boolean | Promise<boolean>): Promise<void> {
  await waitFor(condition);
}

t.test('the same job twice, and many at once: one mail', async (t) => {
  const scene = await digestWorld(t);
  const [subscription, staff] = await threeRecipients(scene);
  scene.clock.set(MONDAY_W49);
  const target = { tenantId: scene.world.tenantId, subscriptionId: subscription!.id, periodKey: '2026-W49' };
  t.equal((await deliverDigest(scene.deps(), target)).outcome, 'sent');
  t.equal((await deliverDigest(scene.deps(), target)).outcome, 'done', 'the second run of the job sends nothing');
  const concurrent = await Promise.all(Array.from({ length: 6 }, () => deliverDigest(scene.deps(), target)));
  t.ok(
    concurrent.every((result) => result.outcome === 'done' || result.outcome === 'busy'),
    'six more runs at once: done, or busy while another looks',
  );

  // Six at once on a (subscription, period) nobody has touched yet: one sends, the others find it busy or done.
  const racing = await Promise.all(Array.from({ length: 6 }, () => deliverDigest(scene.deps(), { ...target, subscriptionId: staff!.id })));
  const outcomes = racing.map((result) => result.outcome).sort();
  t.equal(outcomes.filter((outcome) => outcome === 'sent').length, 1, `exactly one sender: ${outcomes.join(', ')}`);
  t.ok(outcomes.every((outcome) => ['sent', 'busy', 'done'].includes(outcome)));
  t.same(countsByMessage(scene), [1, 1], 'one message per (recipient, period)');
  const rows = await scene.database.pool.query('select status, attempts from digest_deliveries');
  t.same(
    rows.rows,
    [
      { status: 'sent', attempts: 1 },
      { status: 'sent', attempts: 1 },
    ],
    'one attempt each',
  );
});

t.test('duplicate scheduling and two workers at once, through pg-boss: one mail per recipient and period', async (t) => {
  const scene = await digestWorld(t);
  const [, , relations] = await threeRecipients(scene);
  scene.clock.set(MONDAY_W49);
  const bosses = [createBoss({ url: scene.database.url, logger: testLogger }), createBoss({ url: scene.database.url, logger: testLogger })];
  for (const boss of bosses) {
    await boss.start();
    t.teardown(() => boss.stop({ graceful: false, close: true }));
  }
  // Two processes, each with workers (and the same queues), like two machines.
  for (const boss of bosses) {
    await registerDigestJobs(boss, {
      db: scene.database.db,
      mailer: scene.smtp,
      secretKey: scene.secretKey,
      publicUrl: PUBLIC_URL,
      logger: testLogger,
      clock: scene.clock,
      runWorkers: true,
      cron: null,
      pollingIntervalSeconds: 0.5,
      concurrency: 3,
      // A job that finds another worker sending retries (not completes): quickly here.
      sendQueue: { retryDelay: 1, retryDelayMax: 2 },
    });
  }
  // The round runs twice (two schedulers, or a retried round): the queue refuses the duplicates...
  const first = await enqueueDueDigests(bosses[0]!, scene.database.db, MONDAY_W49);
  const second = await enqueueDueDigests(bosses[1]!, scene.database.db, MONDAY_W49);
  t.match(first, { due: 3, queued: 3 });
  t.equal(second.queued, 0, 'a duplicate schedule is not queued');
  // ...and jobs sent around the singleton key (a bug, an operator) are absorbed by the delivery row.
  for (const boss of bosses) await boss.send(DIGEST_QUEUES.send, { tenantId: scene.world.tenantId, subscriptionId: relations!.id, periodKey: '2026-W49' });

  await until(async () => {
    const settled = await scene.database.pool.query(`select 1 from digest_deliveries where status in ('sent', 'skipped')`);
    return settled.rowCount === 3;
  });
  await until(async () => {
    const open = await scene.database.pool.query(`select 1 from pgboss.job where name = $1 and state < 'completed'`, [DIGEST_QUEUES.send]);
    return open.rowCount === 0;
  });
  t.equal(scene.receiver.messages.length, 3, 'three recipients-periods, three mails');
  t.same(countsByMessage(scene), [1, 1, 1]);
  const later = await enqueueDueDigests(bosses[0]!, scene.database.db, new Date(MONDAY_W49.getTime() + 15 * 60_000));
  t.same(later, { due: 0, queued: 0 }, 'the next round finds nothing due');
});

t.test('a worker SIGKILLed after sending, before completing its job: a normal round leaves exactly one mail (R3)', async (t) => {
  const scene = await digestWorld(t);
  const [weekly, staff] = await threeRecipients(scene);
  scene.clock.set(MONDAY_W49);
  const boss = createBoss({ url: scene.database.url, logger: testLogger });
  await boss.start();
  t.teardown(() => boss.stop({ graceful: false, close: true }));
  await registerDigestJobs(boss, {
    db: scene.database.db,
    mailer: scene.smtp,
    secretKey: scene.secretKey,
    publicUrl: PUBLIC_URL,
    logger: testLogger,
    clock: scene.clock,
    runWorkers: false,
    cron: null,
  });
  // Only the weekly employer digest is queued for the worker that will die.
  const target = { tenantId: scene.world.tenantId, subscriptionId: weekly!.id, periodKey: '2026-W49' };
  t.ok(await boss.send(DIGEST_QUEUES.send, target, { singletonKey: `${target.tenantId}:${target.subscriptionId}:${target.periodKey}` }));

  const child = spawn(process.execPath, [...TYPESCRIPT_IMPORT, path.join(import.meta.dirname, 'crash-worker.ts')], {
    env: {
      ...process.env,
      DATABASE_URL: scene.database.url,
      SMTP_URL: scene.receiver.url,
      SECRET_KEY: scene.secretKey,
      PUBLIC_URL,
      NOW: MONDAY_W49.toISOString(),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  t.equal(exit.signal, 'SIGKILL', 'the worker was killed');
  const messageId = digestMessageId(target, PUBLIC_URL);
  t.match(output, `accepted ${messageId}`, 'after the SMTP server accepted the message');
  t.equal(scene.receiver.messages.length, 1);
  const left = await scene.database.pool.query('select status from digest_deliveries where subscription_id = $1', [weekly!.id]);
  t.same(left.rows, [{ status: 'reserved' }], 'the delivery was never recorded: the crash came in between');
  const job = await scene.database.pool.query(`select state from pgboss.job where name = $1`, [DIGEST_QUEUES.send]);
  t.same(job.rows, [{ state: 'active' }], 'and the job was never completed');

  // A normal round (in this process), with the production SMTP mailer: it cannot ask the server
  // whether the message arrived, so the interrupted digest is not sent again.
  const round = await scene.round(new Date(MONDAY_W49.getTime() + 60_000));
  t.match(round.outcomes, { uncertain: 1, sent: 2 }, 'the interrupted one settled without a send, the others sent');
  const address = await scene.emailOf(scene.world.employerA.user);
  t.equal(scene.receiver.to(address).filter((mail) => mail.messageId === messageId).length, 1, 'exactly one mail for that recipient and period');
  t.same(countsByMessage(scene), [1, 1, 1]);
  const recorded = await scene.database.pool.query(
    'select d.status, d.last_error, d.covered_until, (select count(*)::int from mail_log m where m.message_id = d.message_id) as logged from digest_deliveries d where subscription_id = $1',
    [weekly!.id],
  );
  t.match(recorded.rows, [{ status: 'sent', last_error: /^uncertain/, logged: 1 }], 'recorded as sent (uncertain), with its mail_log row');
  // pg-boss retrying the dead worker's job later finds it done.
  t.equal((await deliverDigest(scene.deps(), target)).outcome, 'done');
  t.equal(scene.receiver.messages.length, 3);
  // Nothing is lost: the next digest starts where the uncertain one started, so its news comes again.
  await scene.round(new Date('2026-12-07T06:05:00Z'));
  const next = scene.receiver.to(address).filter((mail) => mail.messageId !== messageId);
  t.equal(next.length, 1, 'one digest the week after');
  t.match(next[0]!.parsed.text, /Orderpicker: 1 nieuwe kandidaat/, 'with what the interrupted one held');
  t.ok(staff);
});

t.test('a worker that died with the delivery unsettled: the next holder sends it, or not, exactly once', async (t) => {
  const scene = await digestWorld(t);
  const [weekly] = await threeRecipients(scene);
  scene.clock.set(MONDAY_W49);
  const target = { tenantId: scene.world.tenantId, subscriptionId: weekly!.id, periodKey: '2026-W49' };
  const messageId = digestMessageId(target, PUBLIC_URL);
  /** The row a dead worker leaves: reserved, and (when it had begun the SMTP exchange) marked in flight. */
  const leave = async (lastError: string | null) => {
    await scene.database.pool.query('delete from digest_deliveries');
    await scene.database.pool.query(
      `insert into digest_deliveries (tenant_id, id, subscription_id, period_key, status, message_id, attempts, reserved_at, covered_until, last_error)
       values ($1, gen_random_uuid(), $2, '2026-W49', 'reserved', $3, $4, now(), '2026-11-30T06:00:00Z', $5)`,
      [target.tenantId, target.subscriptionId, messageId, lastError ? 1 : 0, lastError],
    );
  };
  const sentNow = () => scene.receiver.messages.length;

  // Died before the SMTP exchange began: nothing went out, so it is sent.
  await leave(null);
  t.equal((await deliverDigest(scene.deps(), target)).outcome, 'sent');
  t.equal(sentNow(), 1);

  // Died during the exchange; the transport can be asked and has it (.eml files): recorded, not sent.
  await leave('in_flight');
  const has: Mailer = { ...scene.smtp, delivered: async (id) => scene.receiver.has(id) };
  t.equal((await deliverDigest(scene.deps(has), target)).outcome, 'recovered');
  t.equal(sentNow(), 1, 'not sent again');

  // Died during the exchange; the transport can be asked and does not have it: sent.
  await leave('in_flight');
  const hasNot: Mailer = { ...scene.smtp, delivered: async () => false };
  t.equal((await deliverDigest(scene.deps(hasNot), target)).outcome, 'sent');
  t.equal(sentNow(), 2);

  // Died during the exchange; plain SMTP cannot be asked: not sent again.
  await leave('in_flight');
  t.equal((await deliverDigest(scene.deps(), target)).outcome, 'uncertain');
  t.equal(sentNow(), 2);
  const row = await scene.database.pool.query('select status, covered_until from digest_deliveries');
  t.equal(row.rows[0].status, 'sent');
  t.ok(new Date(row.rows[0].covered_until).getTime() < MONDAY_W49.getTime() - 6 * 86_400_000, 'covered_until left at the previous due instant');
});

t.test('the limit, shown: a transport error after the server accepted is retried, under the same Message-ID', async (t) => {
  const scene = await digestWorld(t);
  const [weekly] = await threeRecipients(scene);
  scene.clock.set(MONDAY_W49);
  const target = { tenantId: scene.world.tenantId, subscriptionId: weekly!.id, periodKey: '2026-W49' };
  // The server accepts the message, but the connection drops before its reply reaches us.
  const crashing: Mailer = {
    ...scene.smtp,
    send: async (mail) => {
      await scene.smtp.send(mail);
      throw Object.assign(new Error('worker lost its database connection'), { code: 'ECONNRESET' });
    },
  };
  await t.rejects(deliverDigest(scene.deps(crashing), target));
  // That was a send failure as far as the row knows ('failed'): a retry sends again with the same id.
  t.equal((await deliverDigest(scene.deps(), target)).outcome, 'sent');
  const ids = scene.receiver.messages.map((message) => message.messageId);
  t.equal(ids.length, 2);
  t.equal(ids[0], ids[1], 'both copies carry the same Message-ID, so the receiving side can collapse them');
});

t.test('failures retry with backoff, then go to the dead-letter queue with an error-level alert (R7)', async (t) => {
  const scene = await digestWorld(t);
  const [weekly] = await threeRecipients(scene);
  scene.clock.set(MONDAY_W49);
  const lines: Array<Record<string, unknown>> = [];
  const logger = pino(
    { level: 'info' },
    new Writable({
      write(chunk, _encoding, callback) {
        for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
        callback();
      },
    }),
  );
  const boss = createBoss({ url: scene.database.url, logger: testLogger });
  await boss.start();
  t.teardown(() => boss.stop({ graceful: false, close: true }));

  // The production settings of the send queue.
  const production = createBoss({ url: scene.database.url, logger: testLogger });
  await production.start();
  await registerDigestJobs(production, {
    db: scene.database.db,
    mailer: scene.smtp,
    secretKey: scene.secretKey,
    publicUrl: PUBLIC_URL,
    logger: testLogger,
    clock: scene.clock,
    runWorkers: false,
  });
  t.match(await production.getQueue(DIGEST_QUEUES.send), {
    retryLimit: 5,
    retryDelay: 60,
    retryBackoff: true,
    retryDelayMax: 3600,
    deadLetter: DIGEST_QUEUES.deadLetter,
    policy: 'exclusive',
  });
  t.ok(await production.getQueue(DIGEST_QUEUES.deadLetter), 'the dead-letter queue exists');
  t.ok(
    (await production.getSchedules()).some(
      (schedule) => schedule.name === DIGEST_QUEUES.round && schedule.cron === '*/15 * * * *' && schedule.options?.tz === 'Europe/Amsterdam',
    ),
    'the round runs every 15 minutes, Dutch time',
  );
  // The quarter-hour round must not fire into this test.
  await production.unschedule(DIGEST_QUEUES.round);
  await production.stop({ graceful: false, close: true });

  // A mail server that keeps answering 451; two quick retries instead of five slow ones.
  scene.receiver.failNext(100);
  await boss.deleteQueue(DIGEST_QUEUES.send).catch(() => undefined);
  await registerDigestJobs(boss, {
    db: scene.database.db,
    mailer: scene.smtp,
    secretKey: scene.secretKey,
    publicUrl: PUBLIC_URL,
    logger,
    clock: scene.clock,
    runWorkers: true,
    cron: null,
    pollingIntervalSeconds: 0.5,
    sendQueue: { retryLimit: 2, retryDelay: 1, retryBackoff: true, retryDelayMax: 2 },
  });
  const target = { tenantId: scene.world.tenantId, subscriptionId: weekly!.id, periodKey: '2026-W49' };
  await boss.send(DIGEST_QUEUES.send, target, { singletonKey: 'dead-letter-test' });
  await until(() => lines.some((line) => line.alert === 'digest.dead_letter'));
  const alert = lines.find((line) => line.alert === 'digest.dead_letter')!;
  t.equal(alert.level, 50, 'logged at error level');
  t.match(alert, { subscriptionId: weekly!.id, periodKey: '2026-W49', attempts: 3 });
  t.match(String(alert.lastError), /451/);
  const address = await scene.emailOf(scene.world.employerA.user);
  t.notOk(JSON.stringify(lines).includes(address), 'no address in the logs');
  const row = await scene.database.pool.query('select status, attempts from digest_deliveries where subscription_id = $1', [weekly!.id]);
  t.same(row.rows, [{ status: 'failed', attempts: 3 }], 'three attempts: the first and two retries');
  t.equal(scene.receiver.messages.length, 0);
  // The next period's digest still covers this week: nothing is lost.
  scene.receiver.failNext(0);
  const next = await scene.round(new Date('2026-12-07T06:05:00Z'));
  t.ok((next.outcomes.sent ?? 0) >= 1);
  t.match(scene.receiver.to(address)[0]!.parsed.text, /Orderpicker: 1 nieuwe kandidaat/, 'last week’s news arrives with the next digest');
});
