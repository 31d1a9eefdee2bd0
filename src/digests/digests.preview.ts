import { tenants } from '../../db/schema/index.js';
import { suppressionRepository } from '../mail/suppressions.js';
import { buildDigest, type DeliveryDeps, previewWindow } from './digests.delivery.js';
import { digestRepository } from './digests.repository.js';

/*
 * Digest previews by mail (issue 11.15): `npm run digests:run -- --preview`. For every active
 * subscription (of one tenant, or one recipient) the digest is composed as if the recipient's day
 * and hour were now, reaching back at least one period, and mailed with "[Voorbeeld]" in the
 * subject. A preview is not a delivery: no delivery row, no mail_log row, no ranking run recorded
 * and no period moved, so the real schedule still sends each (subscription, period) exactly once.
 * Suppressed (bounced) addresses get nothing; `to` sends every preview to one address instead.
 */

export type PreviewOutcome = 'written' | 'empty' | 'suppressed';
export type PreviewResult = { tenantId: string; subscriptionId: string; recipient: string; outcome: PreviewOutcome; messageId?: string };

export const PREVIEW_SUBJECT_PREFIX = '[Voorbeeld]';

export async function mailDigestPreviews(
  deps: Pick<DeliveryDeps, 'db' | 'mailer' | 'clock' | 'secretKey' | 'publicUrl'>,
  { tenantId, recipientEmail, to }: { tenantId?: string | undefined; recipientEmail?: string | undefined; to?: string | undefined } = {},
): Promise<PreviewResult[]> {
  const { db, mailer, clock } = deps;
  const now = clock.now();
  const results: PreviewResult[] = [];
  const tenantIds = tenantId ? [tenantId] : (await db.select({ id: tenants.id }).from(tenants).orderBy(tenants.id)).map((row) => row.id);
  for (const id of tenantIds) {
    const repository = digestRepository(db);
    for (const schedule of await repository.activeSchedules(id)) {
      const found = await repository.findForDelivery({ tenantId: id, id: schedule.id });
      if (!found?.userEmail) continue;
      if (recipientEmail && found.userEmail.toLowerCase() !== recipientEmail.toLowerCase()) continue;
      const address = to ?? found.userEmail;
      const base = { tenantId: id, subscriptionId: schedule.id, recipient: found.userName };
      if (await suppressionRepository(db).isSuppressed({ tenantId: id, email: address })) {
        results.push({ ...base, outcome: 'suppressed' });
        continue;
      }
      const window = await previewWindow({ db, subscription: found.subscription, now, atLeastOnePeriod: true });
      const digest = await buildDigest({ db, deps, found, window, record: false });
      if (digest.content.sections.length === 0) {
        results.push({ ...base, outcome: 'empty' });
        continue;
      }
      const note =
        'Dit is een voorbeeld van uw overzicht, gemaakt alsof het vandaag uw dag is. Het telt niet als verstuurd: uw gewone overzicht komt op uw eigen dag.';
      const sent = await mailer.send({
        to: address,
        subject: `${PREVIEW_SUBJECT_PREFIX} ${digest.subject}`,
        text: `${note}\n\n${digest.text}`,
        html: /<body[^>]*>/i.test(digest.html)
          ? digest.html.replace(/<body[^>]*>/i, (body) => `${body}<p><em>${note}</em></p>`)
          : `<p><em>${note}</em></p>${digest.html}`,
        headers: { 'Auto-Submitted': 'auto-generated', 'X-Kansrijk-Preview': 'digest' },
      });
      results.push({ ...base, outcome: 'written', messageId: sent.messageId });
    }
  }
  return results;
}
