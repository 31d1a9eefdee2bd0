import { profileCompleteness } from '../intake/intake.derive.js';
import type { AssessmentRow, BarrierRow, CandidateListRow, ConsentRow, ContactRow } from './candidates.repository.js';
import type { AssessmentView, BarrierView, CandidateView, ConsentPurpose, ConsentView, ContactView } from './candidates.schemas.js';
import { CONSENT_TEXTS } from './consent-texts.js';

/* Presenters: stored rows → the shapes of the API (candidates.schemas.ts). No I/O. */

export function toCandidateView(row: CandidateListRow, barriersAsked: boolean): CandidateView {
  const { candidate, profile } = row;
  return {
    id: candidate.id,
    reference: candidate.reference,
    name: `${row.givenName} ${row.familyName}`,
    status: candidate.status as CandidateView['status'],
    accountManager: candidate.accountManagerId && row.accountManagerName ? { id: candidate.accountManagerId, name: row.accountManagerName } : null,
    postcode4: candidate.postcode4,
    municipality: candidate.municipality,
    completeness: profileCompleteness({
      workWishes: profile?.workWishes ?? null,
      experience: profile?.experience ?? null,
      competencies: profile?.competencies ?? null,
      availability: profile?.availability ?? null,
      hoursTarget: profile?.hoursTarget ?? null,
      mobility: profile?.mobility ?? null,
      educationLevel: profile?.educationLevel ?? null,
      hasMotivation: row.hasMotivation,
      hasPotential: row.hasPotential,
      barriersAsked,
    }),
    createdAt: candidate.createdAt.toISOString(),
    updatedAt: candidate.updatedAt.toISOString(),
  };
}

export function toContactView(row: ContactRow): ContactView {
  return {
    givenName: row.givenName,
    familyName: row.familyName,
    email: row.email,
    phone: row.phone,
    street: row.street,
    houseNumber: row.houseNumber,
    postcode: row.postcode,
    city: row.city,
    dateOfBirth: row.dateOfBirth,
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toAssessmentView(row: { assessment: AssessmentRow; assessorName: string }): AssessmentView {
  return {
    id: row.assessment.id,
    kind: row.assessment.kind as AssessmentView['kind'],
    score: row.assessment.score,
    evidence: row.assessment.evidence,
    assessedBy: { id: row.assessment.assessedBy, name: row.assessorName },
    assessedAt: row.assessment.assessedAt.toISOString(),
  };
}

export function toBarrierView(row: BarrierRow): BarrierView {
  return {
    id: row.id,
    domain: row.domain as BarrierView['domain'],
    severity: row.severity as BarrierView['severity'],
    solvable: row.solvable,
    description: row.description,
    action: row.action,
    actionOwner: row.actionOwner as BarrierView['actionOwner'],
    actionStatus: row.actionStatus as BarrierView['actionStatus'],
    actionDoneAt: row.actionDoneAt?.toISOString() ?? null,
    unlocksMode: row.unlocksMode as BarrierView['unlocksMode'],
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toConsentView(row: ConsentRow, now: Date, lang: 'nl' | 'en' = 'nl'): ConsentView {
  const purpose = row.purpose as ConsentPurpose;
  return {
    id: row.id,
    purpose,
    textVersion: row.textVersion,
    text: CONSENT_TEXTS[purpose].version === row.textVersion ? CONSENT_TEXTS[purpose].text[lang] : `(versie ${row.textVersion})`,
    givenAt: row.givenAt.toISOString(),
    expiresAt: row.expiresAt?.toISOString() ?? null,
    withdrawnAt: row.withdrawnAt?.toISOString() ?? null,
    active: row.withdrawnAt === null && (row.expiresAt === null || row.expiresAt > now),
  };
}
