import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { simpleParser } from 'mailparser';
import t from 'tap';
import { mailDigestPreviews, PREVIEW_SUBJECT_PREFIX } from '../../src/digests/digests.preview.js';
import { createFileMailer } from '../../src/mail/mailer.js';
import { createTestDatabase, demoSeed } from '../support/harness.js';

/*
 * Issue 11.15: `npm run digests:run -- --preview` shows a digest on the demo whatever the weekday
 * (the demo's subscriptions fall on Monday and Tuesday). The command calls mailDigestPreviews; here
 * it runs on the seeded demo on a fixed clock on a Wednesday and on a Saturday, writing .eml files
 * as the embedded default does, and records nothing as sent.
 */

const database = await createTestDatabase(t, { demo: true });
const db = database.db;
const { tenantId } = await demoSeed();

/** The latest given weekday (0 = Sunday) before now, at 10:00 UTC: recent, so the demo's history is fresh. */
function lastWeekday(weekday: number): Date {
  const day = new Date();
  day.setUTCHours(10, 0, 0, 0);
  do day.setUTCDate(day.getUTCDate() - 1);
  while (day.getUTCDay() !== weekday);
  return day;
}

const count = async (table: 'digest_deliveries' | 'mail_log' | 'match_runs') =>
  (await db.execute<{ n: number }>(sql`select count(*)::int as n from ${sql.identifier(table)} where tenant_id = ${tenantId}`)).rows[0]!.n;

for (const [name, weekday] of [
  ['a Wednesday', 3],
  ['a Saturday', 6],
] as const) {
  t.test(`on ${name} the preview mails a digest on the demo, recorded nowhere as sent`, async (t) => {
    const at = lastWeekday(weekday);
    const dir = await mkdtemp(path.join(tmpdir(), 'kansrijk-digest-preview-'));
    t.teardown(() => rm(dir, { recursive: true, force: true }));
    const mailer = createFileMailer({ dir, from: 'Werkplein <noreply@kansrijk.example>' });
    const before = { deliveries: await count('digest_deliveries'), mails: await count('mail_log'), runs: await count('match_runs') };

    const results = await mailDigestPreviews(
      { db, mailer, clock: { now: () => at }, secretKey: randomBytes(32).toString('hex'), publicUrl: 'https://kansrijk.werkplein-demo.example' },
      { tenantId },
    );
    const written = results.filter((result) => result.outcome === 'written');
    t.ok(written.length >= 1, `${written.length} of ${results.length} subscribers got a preview on ${at.toISOString()}`);

    const files = (await readdir(dir)).filter((file) => file.endsWith('.eml'));
    t.equal(files.length, written.length, 'one mail file per preview');
    const mail = await simpleParser(await readFile(path.join(dir, files[0]!)));
    t.ok(mail.subject?.startsWith(`${PREVIEW_SUBJECT_PREFIX} `), `the subject says it is a preview: ${mail.subject}`);
    t.match(mail.text, /Dit is een voorbeeld van uw overzicht/);
    t.match(mail.text, /https:\/\/kansrijk\.werkplein-demo\.example\//, 'with the digest itself (its links)');

    t.same(
      { deliveries: await count('digest_deliveries'), mails: await count('mail_log'), runs: await count('match_runs') },
      before,
      'no delivery, no mail log row, no ranking run: the real schedule still sends once',
    );
  });
}
