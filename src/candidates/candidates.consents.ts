import type { Executor } from '../../db/client.js';
import type { Principal } from '../auth/roles.js';
import { ProblemError } from '../http/problems.js';
import { newId } from '../ids.js';
import { enqueueOutbox } from '../outbox/outbox.js';
import type { Lang } from '../schemas/messages.js';
import { markChanged, recordHistory, requireCandidate, type CandidateDeps } from './candidates.access.js';
import { candidateProblems } from './candidates.errors.js';
import { candidateRepository } from './candidates.repository.js';
import type { ConsentPurpose, ConsentView } from './candidates.schemas.js';
import { toConsentView } from './candidates.views.js';
import { CONSENT_TEXTS, CONSENT_VALIDITY_DAYS } from './consent-texts.js';

/** A consent as staff record it: the purpose and the version of the text the person agreed to. */
type GiveConsentInput = { purpose: ConsentPurpose; textVersion: string; expiresAt?: string | undefined };

/*
 * Consents per purpose (REQUIREMENTS P3), recorded with the text version; a withdrawal, by staff or
 * by the person on their own page, takes effect before the next share.
 */
export function createCandidateConsents({ db, clock }: CandidateDeps) {
  return {
    async listConsents(principal: Principal, id: string, lang: Lang): Promise<ConsentView[]> {
      await requireCandidate({ executor: db, principal, id });
      const now = clock.now();
      return (await candidateRepository(db).consents({ tenantId: principal.tenantId, candidateId: id })).map((row) => toConsentView(row, now, lang));
    },

    async giveConsent({ tx, principal, id, body, lang }: { tx: Executor; principal: Principal; id: string; body: GiveConsentInput; lang: Lang }) {
      await requireCandidate({ executor: tx, principal, id, forUpdate: true });
      const current = CONSENT_TEXTS[body.purpose].version;
      if (body.textVersion !== current) throw new ProblemError(candidateProblems.consent_text_outdated, { values: { current } });
      const repository = candidateRepository(tx);
      const now = clock.now();
      const active = await repository.activeConsent({ tenantId: principal.tenantId, candidateId: id, purpose: body.purpose });
      if (active && (active.expiresAt === null || active.expiresAt > now)) throw new ProblemError(candidateProblems.consent_already_given);
      if (active) await repository.withdrawConsent({ tenantId: principal.tenantId, candidateId: id, id: active.id, at: now, by: principal.userId });
      const row = await repository.insertConsent({
        tenantId: principal.tenantId,
        id: newId(now.getTime()),
        candidateId: id,
        purpose: body.purpose,
        textVersion: body.textVersion,
        givenAt: now,
        recordedBy: principal.userId,
        expiresAt: body.expiresAt ? new Date(body.expiresAt) : new Date(now.getTime() + CONSENT_VALIDITY_DAYS * 86_400_000),
      });
      await recordHistory({
        tx,
        clock,
        principal,
        candidateId: id,
        change: 'consent',
        fields: [`consent.${body.purpose}`],
        summary: `Toestemming gegeven (tekst ${body.textVersion})`,
      });
      return toConsentView(row, now, lang);
    },

    /** Withdraws a consent; it takes effect at once (shortlists check it before every share). */
    async withdrawConsent({ tx, principal, id, consentId, lang }: { tx: Executor; principal: Principal; id: string; consentId: string; lang: Lang }) {
      await requireCandidate({ executor: tx, principal, id, forUpdate: true });
      const repository = candidateRepository(tx);
      const existing = await repository.findConsent({ tenantId: principal.tenantId, candidateId: id, id: consentId });
      if (!existing) throw new ProblemError(candidateProblems.consent_not_found);
      if (existing.withdrawnAt) throw new ProblemError(candidateProblems.consent_already_withdrawn);
      const now = clock.now();
      const row = await repository.withdrawConsent({ tenantId: principal.tenantId, candidateId: id, id: consentId, at: now, by: principal.userId });
      await recordHistory({
        tx,
        clock,
        principal,
        candidateId: id,
        change: 'consent',
        fields: [`consent.${existing.purpose}`],
        summary: 'Toestemming ingetrokken',
      });
      await markChanged({ tx, clock, principal, candidateId: id });
      return { consent: toConsentView(row!, now, lang), purpose: existing.purpose as ConsentPurpose };
    },

    /**
     * The person withdraws a consent on their own page (issue 17): as effective as staff doing it
     * (REQUIREMENTS P3: the database takes them off open shortlists); the history says who did it.
     */
    async withdrawOwnConsent({
      tx,
      tenantId,
      candidateId,
      consentId,
      lang,
    }: {
      tx: Executor;
      tenantId: string;
      candidateId: string;
      consentId: string;
      lang: Lang;
    }) {
      const repository = candidateRepository(tx);
      if (!(await repository.find({ tenantId, id: candidateId, forUpdate: true }))) throw new ProblemError(candidateProblems.not_found);
      const existing = await repository.findConsent({ tenantId, candidateId, id: consentId });
      if (!existing) throw new ProblemError(candidateProblems.consent_not_found);
      if (existing.withdrawnAt) throw new ProblemError(candidateProblems.consent_already_withdrawn);
      const now = clock.now();
      const row = await repository.withdrawConsent({ tenantId, candidateId, id: consentId, at: now, by: null });
      await repository.addHistory({
        tenantId,
        id: newId(now.getTime()),
        candidateId,
        at: now,
        actorUserId: null,
        change: 'consent',
        fields: [`consent.${existing.purpose}`],
        summary: 'Toestemming ingetrokken door de persoon zelf',
      });
      await repository.update({ tenantId, id: candidateId, values: { updatedAt: now } });
      await enqueueOutbox(tx, { tenantId, topic: 'search.candidate', entityId: candidateId, operation: 'upsert' });
      return { consent: toConsentView(row!, now, lang), purpose: existing.purpose as ConsentPurpose };
    },

    /** The person's own consents, for their own page. */
    async ownConsents({ tenantId, candidateId }: { tenantId: string; candidateId: string }, lang: Lang) {
      const now = clock.now();
      return (await candidateRepository(db).consents({ tenantId, candidateId })).map((row) => toConsentView(row, now, lang));
    },
  };
}
