/*
 * One digest round by hand: `npm run digests:run -- --now [--at 2026-11-30T07:05:00+01:00] [--concurrency 4]`.
 *
 * Finds every digest that is due (its weekday and hour have passed in the current period and it
 * has not gone out), composes and sends it in this process, and prints what happened per
 * subscription. Safe to run next to the workers and to repeat: every (subscription, period) goes
 * out once. `--at` runs as if it were that moment (to try a schedule); mail goes wherever the
 * configured mailer sends it (SMTP_URL, or .eml files in var/mail).
 *
 * `npm run digests:run -- --preview [--tenant <slug>] [--user <email>] [--to <address>] [--at …]`
 * mails every active subscriber (or one) a preview of their digest as if their day were today,
 * "[Voorbeeld]" in the subject, whatever the weekday (issue 11.15; src/digests/digests.preview.ts).
 * A preview is not recorded as sent: the scheduled digest still goes out once, on its own day.
 */
import { runDigestRoundInline } from '../src/digests/digests.round.js';
import { eq } from 'drizzle-orm';
import { tenants } from '../db/schema/index.js';
import { mailDigestPreviews } from '../src/digests/digests.preview.js';
import { digestRepository } from '../src/digests/digests.repository.js';
import { fail, parseArgs, withRuntime } from './lib/cli.js';

const args = parseArgs();
const preview = args.has('preview');
if (!args.has('now') && !args.has('at') && !preview) {
  fail('Gebruik: npm run digests:run -- --now   (of --at <ISO-tijdstip> om te doen alsof het dan is, of --preview voor een voorbeeld op elke dag)');
}
for (const option of ['tenant', 'user', 'to']) {
  if (args.get(option) === true) fail(`--${option}: geef een waarde`);
}
const at = args.get('at');
const now = typeof at === 'string' ? new Date(at) : new Date();
if (Number.isNaN(now.getTime())) fail(`--at: geen geldig tijdstip: ${String(at)}`);
const concurrency = Number(args.get('concurrency') ?? 4);
if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 32) fail('--concurrency: 1–32');

const LABELS: Record<string, string> = {
  sent: 'verstuurd',
  recovered: 'al verstuurd (hersteld na een onderbroken poging)',
  skipped_empty: 'niet verstuurd: niets nieuws',
  skipped_inactive: 'niet verstuurd: afgemeld of gepauzeerd',
  skipped_suppressed: 'niet verstuurd: adres geblokkeerd (bounce)',
  done: 'al eerder afgehandeld',
  busy: 'wordt nu door een andere worker verstuurd',
  gone: 'abonnement bestaat niet meer',
  failed: 'mislukt (zie de log; de volgende ronde probeert het opnieuw)',
};

const PREVIEW_LABELS: Record<string, string> = {
  written: 'voorbeeld verstuurd',
  empty: 'geen voorbeeld: niets nieuws in de afgelopen periode',
  suppressed: 'geen voorbeeld: adres geblokkeerd (bounce)',
};

if (preview) {
  await withRuntime(async ({ deps, runtime }) => {
    const slug = args.get('tenant');
    let tenantId: string | undefined;
    if (typeof slug === 'string') {
      const [tenant] = await deps.db.select({ id: tenants.id }).from(tenants).where(eq(tenants.slug, slug));
      if (!tenant) fail(`--tenant: geen Werkplein met slug ${slug}`);
      tenantId = tenant.id;
    }
    const user = args.get('user');
    const to = args.get('to');
    const results = await mailDigestPreviews(
      { ...deps, mailer: runtime.mailer, clock: { now: () => now } },
      { tenantId, recipientEmail: typeof user === 'string' ? user : undefined, to: typeof to === 'string' ? to : undefined },
    );
    const lines = [
      `Voorbeelden van digests op ${now.toISOString()}, alsof het vandaag ieders dag is (mail: ${runtime.mailer.describe}); niet geregistreerd als verstuurd.`,
    ];
    for (const result of results) lines.push(`  ${result.recipient.padEnd(48)} ${PREVIEW_LABELS[result.outcome] ?? result.outcome}`);
    const written = results.filter((result) => result.outcome === 'written').length;
    lines.push(written > 0 ? `${written} voorbeeld(en) verstuurd.` : 'Geen voorbeelden verstuurd.');
    process.stdout.write(`${lines.join('\n')}\n`);
  });
} else {
  await withRuntime(async ({ deps, runtime }) => {
    const started = performance.now();
    const summary = await runDigestRoundInline(
      // The services' dependencies on a clock that stands at --at (or now).
      { ...deps, mailer: runtime.mailer, clock: { now: () => now } },
      { now, concurrency },
    );
    const seconds = (performance.now() - started) / 1000;
    const lines = [`Digestronde op ${now.toISOString()} (mail: ${runtime.mailer.describe})`, `Te versturen: ${summary.due}`];
    for (const result of summary.results) {
      const found = await digestRepository(deps.db).findForDelivery({ tenantId: result.tenantId, id: result.subscriptionId });
      const who = found ? `${found.userName} (${found.userRole})` : result.subscriptionId;
      lines.push(`  ${result.periodKey.padEnd(10)} ${who.padEnd(48)} ${LABELS[result.outcome] ?? result.outcome}`);
    }
    const counts = Object.entries(summary.outcomes).map(([outcome, count]) => `${outcome}: ${count}`);
    lines.push(`Klaar in ${seconds.toFixed(1)} s. ${counts.length > 0 ? counts.join(', ') : 'Niets te doen.'}`);
    process.stdout.write(`${lines.join('\n')}\n`);
    if ((summary.outcomes.failed ?? 0) > 0) process.exitCode = 1;
  });
}
