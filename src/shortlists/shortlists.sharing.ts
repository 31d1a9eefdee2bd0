import { pgErrorOf, type Executor } from '../../db/client.js';
import { audit } from '../audit/audit.js';
import type { Principal } from '../auth/roles.js';
import { ProblemError, type FieldError } from '../http/problems.js';
import type { Lang } from '../schemas/messages.js';
import { loadTenantSettings } from '../settings/settings.service.js';
import { buildEmployerView } from './employer-view.js';
import { eligibleInstruments, readEntryInstruments } from './instruments.js';
import { instrumentStartDate, storeInstruments, unresolvedPitchWarnings } from './shortlists.curation.js';
import { shortlistProblems } from './shortlists.errors.js';
import { loadShortlistForChange, loadVacancyContext, staffShortlistView, type ShortlistDeps } from './shortlists.reads.js';
import { shortlistRepository } from './shortlists.repository.js';
import type { StaffShortlistView } from './shortlists.schemas.js';
import { travelToVacancy } from './travel.js';

/*
 * Sharing with the employer: only approved entries (F3) of people who consent to it (P3), checked
 * here and again by the database; what the employer receives is frozen at the moment of sending.
 */

const SHARE_BLOCKING_CONSTRAINTS = new Set(['shortlist_candidates_shared_needs_consent', 'shortlist_candidates_shared_needs_approval']);

const READINESS_TEXT: Record<'not_approved' | 'no_consent' | 'not_active', Record<Lang, (reference: string) => string>> = {
  not_approved: {
    nl: (reference) => `${reference}: nog niet goedgekeurd door een medewerker.`,
    en: (reference) => `${reference}: not yet approved by a staff member.`,
  },
  no_consent: {
    nl: (reference) => `${reference}: geen geldige toestemming om te delen met werkgevers.`,
    en: (reference) => `${reference}: no valid consent to share with employers.`,
  },
  not_active: {
    nl: (reference) => `${reference}: heeft niet meer de status "active".`,
    en: (reference) => `${reference}: no longer has status "active".`,
  },
};

const PITCH_WARNING_TEXT: Record<Lang, (reference: string, warnings: string[]) => string> = {
  nl: (reference, warnings) => `${reference}: de tekst noemt misschien privézaken (${warnings.join(', ')}).`,
  en: (reference, warnings) => `${reference}: the text may mention private matters (${warnings.join(', ')}).`,
};

export function createShortlistSharing({ clock }: ShortlistDeps) {
  return {
    /**
     * Shares every approved entry not yet shared, in one transaction: checks approval and consent
     * (P3, F3; the database checks both again), freezes the employer view and the instruments, and
     * writes the audit row. Entries shared before stay as they were sent.
     */
    async send({ tx, principal, id, lang }: { tx: Executor; principal: Principal; id: string; lang: Lang }): Promise<StaffShortlistView> {
      const { shortlist } = await loadShortlistForChange(tx, principal, id);
      const repository = shortlistRepository(tx);
      const context = await loadVacancyContext(tx, principal.tenantId, shortlist.vacancyId);
      if (context.vacancy.status === 'filled' || context.vacancy.status === 'closed') {
        throw new ProblemError(shortlistProblems.vacancy_closed, { values: { status: context.vacancy.status } });
      }
      const now = clock.now();
      const rows = await repository.staffEntries({ tenantId: principal.tenantId, shortlistId: id, now });
      const pending = rows.filter((row) => row.entry.removedAt === null && row.entry.sharedAt === null);
      if (pending.length === 0) throw new ProblemError(shortlistProblems.nothing_to_send);

      // A pitch that may name health, debts or benefits does not leave, approved or not (issue 11.10).
      const warned = pending
        .map((row) => ({ row, warnings: unresolvedPitchWarnings(row.entry) }))
        .filter(({ warnings }) => warnings.length > 0)
        .map(({ row, warnings }) => ({ pointer: `/entries/${row.entry.candidateId}`, detail: PITCH_WARNING_TEXT[lang](row.reference, warnings) }));
      if (warned.length > 0) throw new ProblemError(shortlistProblems.pitch_warning_unresolved, { values: { count: warned.length }, errors: warned });

      const errors: FieldError[] = [];
      for (const row of pending) {
        const pointer = `/entries/${row.entry.candidateId}`;
        if (!row.entry.approvedAt) errors.push({ pointer, detail: READINESS_TEXT.not_approved[lang](row.reference) });
        if (!row.shareConsent) errors.push({ pointer, detail: READINESS_TEXT.no_consent[lang](row.reference) });
        if (row.candidateStatus !== 'active') errors.push({ pointer, detail: READINESS_TEXT.not_active[lang](row.reference) });
      }
      if (errors.length > 0) {
        throw new ProblemError(shortlistProblems.not_ready, { values: { count: new Set(errors.map((error) => error.pointer)).size }, errors });
      }

      const settings = await loadTenantSettings(tx, principal.tenantId);
      const travelVacancy = {
        id: context.vacancy.id,
        title: context.vacancy.title,
        occupationUri: context.vacancy.occupationUri,
        sector: context.sector,
        location: { latitude: context.latitude, longitude: context.longitude },
        hoursMin: context.vacancy.hoursMin,
        hoursMax: context.vacancy.hoursMax,
        rampUpFromHours: context.vacancy.rampUpFromHours,
        shiftPattern: context.vacancy.shiftPattern,
        competencies: context.vacancy.competencies,
        requiredCredentials: context.vacancy.requiredCredentials,
      };
      for (const row of pending) {
        const { entry } = row;
        const facts = await repository.candidateFacts({ tenantId: principal.tenantId, candidateId: entry.candidateId });
        const profile = facts?.profile ?? null;
        const { eligibility } = readEntryInstruments(entry.instruments);
        const offers = eligibleInstruments({
          settings,
          eligibility,
          supportOffered: context.vacancy.supportOffered,
          dateOfBirth: facts?.dateOfBirth ?? null,
          startDate: instrumentStartDate(context, clock.now()),
        });
        const home =
          facts?.candidate.homeLatitude != null && facts.candidate.homeLongitude != null
            ? { latitude: facts.candidate.homeLatitude, longitude: facts.candidate.homeLongitude }
            : null;
        const profileFields = {
          competencies: profile?.competencies ?? null,
          availability: profile?.availability ?? null,
          hoursNow: profile?.hoursNow ?? null,
          hoursTarget: profile?.hoursTarget ?? null,
          rampUpPlan: profile?.rampUpPlan ?? null,
        };
        const travel = travelToVacancy(travelVacancy, {
          id: entry.candidateId,
          home,
          profile: { ...profileFields, mobility: profile?.mobility ?? null, certificates: profile?.certificates ?? null },
        });
        const view = buildEmployerView({
          candidateId: entry.candidateId,
          profile: profileFields,
          travel,
          pitch: { strengths: entry.pitchStrengths, support: entry.pitchSupport, startPlan: entry.pitchStartPlan },
          instruments: offers,
        });
        try {
          await repository.updateEntry({
            tenantId: principal.tenantId,
            id: entry.id,
            values: {
              employerView: view,
              instruments: storeInstruments({ eligibility, offers }),
              sharedAt: now,
              identityDisclosed: Boolean(row.identityConsent),
              updatedAt: now,
            },
          });
        } catch (error) {
          // The database refused (consent withdrawn a moment ago, say): nothing of this send is kept.
          const constraint = pgErrorOf(error)?.constraint;
          if (!constraint || !SHARE_BLOCKING_CONSTRAINTS.has(constraint)) throw error;
          throw new ProblemError(shortlistProblems.not_ready, {
            values: { count: 1 },
            errors: [{ pointer: `/entries/${entry.candidateId}`, detail: READINESS_TEXT.no_consent[lang](row.reference) }],
            cause: error,
          });
        }
      }
      await repository.update({
        tenantId: principal.tenantId,
        id,
        values: { status: 'sent', sentAt: now, sentBy: principal.userId, updatedAt: now },
      });
      await audit(tx, clock, {
        principal,
        action: 'shortlist.send',
        subjectType: 'shortlist',
        subjectId: id,
        details: {
          vacancyId: shortlist.vacancyId,
          employerId: shortlist.employerId,
          entries: pending.map((row) => row.entry.id),
          candidates: pending.map((row) => row.entry.candidateId),
          resend: shortlist.sentAt !== null,
        },
      });
      return staffShortlistView({ executor: tx, clock, principal, id, lang });
    },
  };
}
