import type { Lang } from '../schemas/messages.js';
import type { TenantSettings } from '../settings/settings.schemas.js';
import { readEmployerView } from './employer-view.js';
import { disclosesProtectedFact, localiseOffers, offersForEmployer, readEntryInstruments } from './instruments.js';
import { groundsOfTerms, pitchWarnings } from './protected-grounds.js';
import type { shortlistRepository, FeedbackRow, ShortlistRow } from './shortlists.repository.js';
import type {
  EmployerEntryView,
  EmployerShortlistView,
  FeedbackDecision,
  FeedbackReasonCode,
  FlaggedFeedbackView,
  RemovalReason,
  ShortlistSummary,
  StaffEntryView,
  StaffShortlistView,
} from './shortlists.schemas.js';

/*
 * Presenters: stored rows → the shapes of the API (shortlists.schemas.ts). No I/O; the services
 * load what they need and pass it in.
 */

type Repository = ReturnType<typeof shortlistRepository>;
export type ShortlistWithContext = NonNullable<Awaited<ReturnType<Repository['find']>>>;
export type StaffEntryRow = Awaited<ReturnType<Repository['staffEntries']>>[number];
export type EmployerEntryRow = Awaited<ReturnType<Repository['employerEntries']>>[number];
export type FlaggedFeedbackRow = Awaited<ReturnType<Repository['flaggedFeedback']>>[number];
export type LatestFeedback = { feedback: FeedbackRow; giverName: string };

export function toFeedbackView(row: LatestFeedback) {
  return {
    id: row.feedback.id,
    decision: row.feedback.decision as FeedbackDecision,
    reasonCode: row.feedback.reasonCode as FeedbackReasonCode | null,
    reasonText: row.feedback.reasonText,
    invitation: row.feedback.invitation ?? null,
    protectedGroundFlag: row.feedback.protectedGroundFlag,
    flaggedTerms: row.feedback.flaggedTerms,
    grounds: groundsOfTerms(row.feedback.flaggedTerms),
    givenBy: { id: row.feedback.givenBy, name: row.giverName },
    givenAt: row.feedback.givenAt.toISOString(),
  };
}

/**
 * How staff see an offer (issue 11.11): whether it discloses a protected fact, and so is shown to the
 * employer only with the person's consent for it, and whether it is held back now for want of it.
 */
function staffMark(code: string, instrumentConsent: boolean): { needsConsent: boolean; heldBack: boolean } {
  const needsConsent = disclosesProtectedFact(code);
  return { needsConsent, heldBack: needsConsent && !instrumentConsent };
}

/** An entry as staff curate it: the person, the pitch with its warnings, instruments, approval, consent, feedback. */
export function toStaffEntryView({
  row,
  feedback,
  lang,
  settings,
}: {
  row: StaffEntryRow;
  feedback: LatestFeedback | undefined;
  lang: Lang;
  settings: TenantSettings;
}): StaffEntryView {
  const { entry } = row;
  const instruments = readEntryInstruments(entry.instruments);
  const warnings = pitchWarnings([entry.pitchStrengths, entry.pitchSupport, entry.pitchStartPlan]);
  return {
    id: entry.id,
    candidateId: entry.candidateId,
    reference: row.reference,
    name: `${row.givenName} ${row.familyName}`,
    candidateStatus: row.candidateStatus as StaffEntryView['candidateStatus'],
    position: entry.position,
    source: entry.source as StaffEntryView['source'],
    matchRunId: entry.matchRunId,
    matchTotal: entry.matchTotal,
    pitch: { strengths: entry.pitchStrengths, support: entry.pitchSupport, startPlan: entry.pitchStartPlan },
    pitchWarnings: warnings,
    pitchBlocked: warnings.length > 0 && entry.pitchOverrideAt === null,
    pitchOverride:
      entry.pitchOverrideAt && entry.pitchOverrideBy && entry.pitchOverrideReason
        ? { by: { id: entry.pitchOverrideBy, name: row.overriderName ?? '' }, at: entry.pitchOverrideAt.toISOString(), reason: entry.pitchOverrideReason }
        : null,
    eligibility: instruments.eligibility,
    instruments: localiseOffers(instruments.offers, lang, settings).map((offer) => ({ ...offer, ...staffMark(offer.code, Boolean(row.instrumentConsent)) })),
    approval: entry.approvedAt && entry.approvedBy ? { by: { id: entry.approvedBy, name: row.approverName ?? '' }, at: entry.approvedAt.toISOString() } : null,
    sharedAt: entry.sharedAt?.toISOString() ?? null,
    consents: {
      shareWithEmployers: Boolean(row.shareConsent),
      discloseIdentity: Boolean(row.identityConsent),
      instrumentEligibility: Boolean(row.instrumentConsent),
    },
    removed: entry.removedAt && entry.removedReason ? { at: entry.removedAt.toISOString(), reason: entry.removedReason as RemovalReason } : null,
    feedback: feedback ? toFeedbackView(feedback) : null,
    createdAt: entry.createdAt.toISOString(),
    updatedAt: entry.updatedAt.toISOString(),
  };
}

export function toSummary(row: { shortlist: ShortlistRow; vacancyTitle: string; candidates: number }): ShortlistSummary {
  return {
    id: row.shortlist.id,
    vacancy: { id: row.shortlist.vacancyId, title: row.vacancyTitle },
    status: row.shortlist.status as ShortlistSummary['status'],
    sentAt: row.shortlist.sentAt?.toISOString() ?? null,
    candidates: row.candidates,
  };
}

export function toStaffShortlistView(row: ShortlistWithContext, entries: StaffEntryView[]): StaffShortlistView {
  const { shortlist } = row;
  return {
    view: 'staff',
    id: shortlist.id,
    vacancy: { id: shortlist.vacancyId, title: row.vacancyTitle, status: row.vacancyStatus },
    employer: { id: shortlist.employerId, name: row.employerName },
    status: shortlist.status as StaffShortlistView['status'],
    noteToEmployer: shortlist.noteToEmployer,
    createdBy: shortlist.createdBy,
    createdAt: shortlist.createdAt.toISOString(),
    updatedAt: shortlist.updatedAt.toISOString(),
    sentAt: shortlist.sentAt?.toISOString() ?? null,
    sentBy: shortlist.sentBy,
    entries,
  };
}

/** An entry as the employer sees it (REQUIREMENTS A3): the frozen, allow-listed snapshot, identity only with consent. */
export function toEmployerEntryView({
  row,
  answer,
  lang,
  settings,
}: {
  row: EmployerEntryRow;
  answer: FeedbackRow | undefined;
  lang: Lang;
  settings: TenantSettings;
}): EmployerEntryView {
  const { entry, givenName, familyName, phone, instrumentConsent } = row;
  const snapshot = readEmployerView(entry.employerView ?? {});
  return {
    candidateId: entry.candidateId,
    position: entry.position,
    competencies: snapshot.competencies,
    availability: snapshot.availability,
    hours: snapshot.hours,
    travel: snapshot.travel as EmployerEntryView['travel'],
    pitch: snapshot.pitch,
    instruments: localiseOffers(offersForEmployer(snapshot.instruments, Boolean(instrumentConsent)), lang, settings),
    sharedAt: entry.sharedAt!.toISOString(),
    identity: givenName !== null && familyName !== null ? { name: `${givenName} ${familyName}`, phone } : null,
    feedback: answer
      ? {
          decision: answer.decision as FeedbackDecision,
          reasonCode: answer.reasonCode as FeedbackReasonCode | null,
          reasonText: answer.reasonText,
          invitation: answer.invitation ?? null,
          givenAt: answer.givenAt.toISOString(),
        }
      : null,
  };
}

export function toEmployerShortlistView(row: ShortlistWithContext, entries: EmployerEntryView[]): EmployerShortlistView {
  return {
    view: 'employer',
    id: row.shortlist.id,
    vacancy: { id: row.shortlist.vacancyId, title: row.vacancyTitle },
    noteToEmployer: row.shortlist.noteToEmployer,
    sentAt: row.shortlist.sentAt!.toISOString(),
    entries,
  };
}

export function toFlaggedFeedbackView(row: FlaggedFeedbackRow): FlaggedFeedbackView {
  return {
    id: row.feedback.id,
    shortlistId: row.shortlistId,
    vacancy: { id: row.vacancyId, title: row.vacancyTitle },
    employer: { id: row.employerId, name: row.employerName },
    candidate: { id: row.candidateId, reference: row.reference },
    decision: row.feedback.decision as FlaggedFeedbackView['decision'],
    reasonCode: row.feedback.reasonCode as FlaggedFeedbackView['reasonCode'],
    reasonText: row.feedback.reasonText,
    flaggedTerms: row.feedback.flaggedTerms,
    grounds: groundsOfTerms(row.feedback.flaggedTerms),
    givenBy: { id: row.feedback.givenBy, name: row.giverName },
    givenAt: row.feedback.givenAt.toISOString(),
  };
}
