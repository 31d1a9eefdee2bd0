import type { FastifyBaseLogger } from 'fastify';
import { escapeHtml } from './jsx.js';
import type { Mailer } from '../mail/mailer.js';
import type { SessionService } from './sessions.service.js';

/** The sign-in mail in B1 Dutch: one link, how long it works, and what to do if you did not ask. */
export function signInMail({ name, tenantName, url, minutes }: { name: string; tenantName: string; url: string; minutes: number }) {
  const subject = `Inloggen bij ${tenantName}`;
  const lines = [
    `Beste ${name},`,
    '',
    `U vroeg om in te loggen bij ${tenantName} (Kansrijk). Klik op de link hieronder. De link werkt ${minutes} minuten en maar één keer.`,
    '',
    url,
    '',
    'Vroeg u dit niet? Dan hoeft u niets te doen. Zonder deze link kan niemand inloggen.',
  ];
  const html = `<!doctype html><html lang="nl"><body>
<p>Beste ${escapeHtml(name)},</p>
<p>U vroeg om in te loggen bij ${escapeHtml(tenantName)} (Kansrijk). Klik op de knop hieronder. De link werkt ${minutes} minuten en maar één keer.</p>
<p><a href="${escapeHtml(url)}">Inloggen bij ${escapeHtml(tenantName)}</a></p>
<p>Vroeg u dit niet? Dan hoeft u niets te doen. Zonder deze link kan niemand inloggen.</p>
</body></html>`;
  return { subject, text: lines.join('\n'), html };
}

/**
 * Mails a one-time link to every account of an address. Runs after the answer has gone out, so the
 * answer (and its timing) is the same for known and unknown addresses: no account enumeration.
 */
export async function mailSignInLinks({
  sessions,
  mailer,
  publicUrl,
  logger,
  email,
  returnTo,
}: {
  sessions: SessionService;
  mailer: Mailer | null;
  publicUrl: string;
  logger: FastifyBaseLogger;
  email: string;
  returnTo: string | undefined;
}) {
  const accounts = await sessions.accountsFor(email);
  for (const account of accounts) {
    const link = await sessions.createLink({ tenantId: account.tenantId, kind: account.kind, subjectId: account.subjectId, returnTo });
    if (!link) {
      logger.info({ kind: account.kind }, 'sign-in link not sent: asked too often');
      continue;
    }
    if (!mailer) {
      logger.error('sign-in link not sent: no mailer configured');
      continue;
    }
    const url = `${publicUrl}/inloggen/link?token=${encodeURIComponent(link.token)}`;
    const mail = signInMail({ name: account.name, tenantName: account.tenantName, url, minutes: sessions.settings.linkMinutes });
    await mailer.send({ to: email.trim(), ...mail });
  }
}
