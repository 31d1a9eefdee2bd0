/*
 * One digest round by hand: `npm run digests:run -- --now [--at 2026-11-30T07:05:00+01:00] [--concurrency 4]`.
 *
 * Finds every digest that is due (its weekday and hour have passed in the current period and it
 * has not gone out), composes and sends it in this process, and prints what happened per
 * subscription. Safe to run next to the workers and to repeat: every (subscription, period) goes
 * out once. `--at` runs as if it were that moment (to try a schedule); mail goes wherever the
 * configured mailer sends it (SMTP_URL, or .eml files in var/mail).
 */
import { runDigestRoundInline } from '../src/digests/digests.round.js';
import { digestRepository } from '../src/digests/digests.repository.js';
import { fail, parseArgs, withRuntime } from './lib/cli.js';

const args = parseArgs();
if (!args.has('now') && !args.has('at')) {
  fail('Gebruik: npm run digests:run -- --now   (of --at <ISO-tijdstip> om te doen alsof het dan is)');
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
