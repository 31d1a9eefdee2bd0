import type { Meilisearch } from 'meilisearch';
import type { Logger } from 'pino';
import type { Db, Executor } from '../../db/client.js';
import { audit, SYSTEM_ACTOR_ID } from '../audit/audit.js';
import type { Principal } from '../auth/roles.js';
import { candidateProblems } from '../candidates/candidates.errors.js';
import { maySeeSpecialCategory } from '../candidates/candidates.access.js';
import type { Clock } from '../clock.js';
import type { Lang } from '../schemas/messages.js';
import { emailHash } from '../mail/addresses.js';
import type { MailCopies } from '../mail/mail-files.js';
import { ProblemError } from '../http/problems.js';
import { eraseCandidate, type ErasureReceipt } from './erasure.js';
import { privacyRepository } from './privacy.repository.js';
import { EXPORT_PURPOSE, type AuditAttributesBody, type CandidateExport, type ErasureReceiptView } from './privacy.schemas.js';
import { toAuditAttributesView } from './privacy.views.js';

const PURPOSE_TEXT: Record<Lang, string> = {
  nl:
    'Inzageverzoek (AVG artikel 15): alle gegevens die Kansrijk over deze persoon heeft, voor de persoon zelf. ' +
    'Niet bedoeld voor, en niet te gebruiken voor, iets anders: zeker niet voor handhaving of controle op de uitkering.',
  en:
    'Access request (GDPR article 15): all data Kansrijk holds on this person, for the person themselves. ' +
    'Not meant for, and not to be used for, anything else: certainly not for benefit enforcement or checks.',
};

/** Plain JSON: dates become ISO strings, so the export is exactly what a file of it would hold. */
const plain = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
const plainRecord = (value: unknown): Record<string, unknown> => plain(value) as Record<string, unknown>;

/** The person's entry in a vacancy run: `{ rank, candidateId, total, eligible, conditional, contributions }`. */
function entryOf(results: unknown[], candidateId: string): Record<string, unknown> | null {
  for (const entry of results) {
    if (entry && typeof entry === 'object') {
      const record = entry as Record<string, unknown>;
      if (record.candidateId === candidateId) return record;
    }
  }
  return null;
}

/** Data rights of a person: the access request (P6), erasure (P5), and audit attributes kept apart (F6). */
export function createPrivacyService({
  db,
  search,
  searchPrefix,
  clock,
  logger,
  mailCopies,
}: {
  db: Db;
  search: Meilisearch | null;
  searchPrefix: string;
  clock: Clock;
  logger?: Logger;
  mailCopies?: MailCopies | undefined;
}) {
  return {
    /** Everything about one person, as JSON; the export is audited ('candidate.export'). */
    async exportCandidate(principal: Principal, candidateId: string, { reason, lang }: { reason?: string | undefined; lang: Lang }): Promise<CandidateExport> {
      return db.transaction(async (tx) => {
        const repository = privacyRepository(tx);
        const candidate = await repository.candidate({ tenantId: principal.tenantId, id: candidateId });
        if (!candidate) throw new ProblemError(candidateProblems.not_found);
        const scope = { tenantId: principal.tenantId, candidateId };
        const personal = await repository.personalData(scope);
        const runs = await repository.rankingRuns(scope);
        const inputs = await repository.rankingInputs(scope);
        const shortlisted = await repository.shortlistEntries(scope);
        const placed = await repository.placements(scope);
        const mails = await repository.mails({ ...scope, email: personal.contact?.email ?? null });
        const accessLog = await repository.accessLog(scope);
        const result: CandidateExport = {
          purpose: EXPORT_PURPOSE,
          purposeText: PURPOSE_TEXT[lang],
          generatedAt: clock.now().toISOString(),
          candidate: plainRecord(candidate),
          contact: personal.contact ? plainRecord(personal.contact) : null,
          profile: personal.profile ? plainRecord(personal.profile) : null,
          intakes: plain(personal.intakes),
          // Like submitted intakes and barriers: the person's own data in full, special-category answers included (art. 15).
          intakeDraft: personal.intakeDraft ? plainRecord(personal.intakeDraft) : null,
          assessments: plain(personal.assessments),
          barriers: plain(personal.barriers),
          consents: plain(personal.consents),
          history: plain(personal.history),
          auditAttributes: personal.auditAttributes ? plainRecord(personal.auditAttributes) : null,
          household: personal.household ? plainRecord(personal.household) : null,
          discussedVacancies: plain(personal.discussed),
          proposals: plain(personal.proposals),
          rankingRuns: runs.map(({ run, vacancyTitle }) => ({
            runId: run.id,
            kind: run.kind as 'vacancy' | 'candidate',
            at: run.at.toISOString(),
            matcherVersion: run.matcherVersion,
            weightsVersion: run.weightsVersion,
            weights: run.weights,
            subject: { type: run.kind as 'vacancy' | 'candidate', id: run.subjectId, title: vacancyTitle },
            entry: run.kind === 'vacancy' ? plain(entryOf(run.results, candidateId)) : null,
            results: run.kind === 'candidate' ? (plain(run.results) as Array<Record<string, unknown>>) : null,
          })),
          rankingInputs: inputs.map((input) => ({ runId: input.runId, input: plainRecord(input.input) })),
          shortlists: shortlisted.entries.map(({ entry, shortlist, vacancyTitle, employerName }) =>
            plainRecord({
              ...entry,
              shortlist: {
                id: shortlist.id,
                status: shortlist.status,
                vacancyId: shortlist.vacancyId,
                vacancyTitle,
                employerId: shortlist.employerId,
                employerName,
                sentAt: shortlist.sentAt,
              },
              feedback: shortlisted.feedback.filter((feedback) => feedback.shortlistCandidateId === entry.id),
            }),
          ),
          placements: placed.rows.map(({ placement, vacancyTitle, employerName }) =>
            plainRecord({
              ...placement,
              vacancyTitle,
              employerName,
              followUps: placed.followUps.filter((followUp) => followUp.placementId === placement.id),
              checkIns: placed.checkIns.filter((checkIn) => checkIn.placementId === placement.id),
            }),
          ),
          // Other people's addresses (the staff or employers who got a mail about the person) are
          // their data, not this person's (GDPR art. 15(4)): kept only when the mail went to them.
          mails: plain(
            mails.map((mail) => (personal.contact?.email && mail.recipientHash === emailHash(personal.contact.email) ? mail : { ...mail, recipient: null })),
          ),
          accessLog: plain(accessLog),
        };
        // Bulk extraction of one person (A6): allowed for the access request, and always on record.
        await audit(tx, clock, {
          principal,
          action: 'candidate.export',
          subjectType: 'candidate',
          subjectId: candidateId,
          reason: reason ?? null,
          details: { purpose: EXPORT_PURPOSE, runs: runs.length, mails: mails.length, intakeDraft: personal.intakeDraft !== undefined },
        });
        return result;
      });
    },

    /** Erases the person everywhere and returns the receipt; asking again returns the first receipt. */
    async eraseCandidate(principal: Principal, candidateId: string, reason: string): Promise<ErasureReceiptView> {
      const result = await eraseCandidate(
        { db, search, searchPrefix, clock, logger, mailCopies },
        { tenantId: principal.tenantId, candidateId, actorUserId: principal.userId, systemActorId: SYSTEM_ACTOR_ID, reason },
      );
      if (result.outcome === 'not_found') throw new ProblemError(candidateProblems.not_found);
      const receipt: ErasureReceipt = result.receipt;
      return {
        candidateId,
        alreadyErased: result.outcome === 'already_erased',
        candidateHash: receipt.candidateHash,
        erasedAt: receipt.erasedAt,
        reason: receipt.reason,
        searchIndex: result.outcome === 'erased' ? result.searchIndex : 'removed',
        counts: receipt.counts,
        kept: receipt.kept,
      };
    },

    /**
     * Records audit attributes: the assigned account manager or an admin, and only with the explicit
     * confirmation in the body. Audited without the values (they are special-category data).
     */
    async setAuditAttributes({
      tx,
      principal,
      candidateId,
      body,
      lang,
    }: {
      tx: Executor;
      principal: Principal;
      candidateId: string;
      body: AuditAttributesBody;
      lang: Lang;
    }) {
      const repository = privacyRepository(tx);
      const candidate = await repository.candidate({ tenantId: principal.tenantId, id: candidateId, forUpdate: true });
      if (!candidate) throw new ProblemError(candidateProblems.not_found);
      if (!maySeeSpecialCategory(principal, candidate)) throw new ProblemError(candidateProblems.not_assigned);
      const row = await repository.upsertAuditAttributes({
        tenantId: principal.tenantId,
        candidateId,
        gender: body.gender,
        ageBand: body.ageBand,
        migrationBackground: body.migrationBackground,
        disability: body.disability,
        recordedAt: clock.now(),
        recordedBy: principal.userId,
      });
      await audit(tx, clock, {
        principal,
        action: 'audit_attributes.write',
        subjectType: 'candidate',
        subjectId: candidateId,
        details: { stated: (['gender', 'ageBand', 'migrationBackground', 'disability'] as const).filter((key) => body[key] !== null) },
      });
      return toAuditAttributesView(row, lang);
    },
  };
}
