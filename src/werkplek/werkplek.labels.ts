/** Dutch words for codes shown on werkplek pages (B1). */
export const FACTOR_LABELS: Record<string, string> = {
  competencies: 'Vaardigheden',
  motivation: 'Motivatie',
  potential: 'Leervermogen',
  shifts: 'Diensten',
  hours: 'Uren',
  travel: 'Reistijd',
  workWishes: 'Wensen',
  education: 'Opleiding',
};

export const DAY_PART_LABELS: Record<string, string> = { early: 'vroege dienst', day: 'dagdienst', late: 'late dienst', night: 'nachtdienst' };

export { TRAVEL_MODE_LABELS as MODE_LABELS } from '../pages/labels.js';

/** Where staff know a competence from (the intake's choices, and the candidate page). */
export const EVIDENCE_LABELS: Record<string, string> = {
  self_reported: 'zelf verteld',
  observed: 'gezien door de klantmanager',
  work_experience: 'werkervaring',
  volunteer_work: 'vrijwilligerswerk',
  certificate: 'certificaat',
};

export const STATUS_LABELS: Record<string, string> = {
  active: 'actief',
  paused: 'gepauzeerd',
  placed: 'geplaatst',
  participation_route: 'participatieroute',
  draft: 'concept',
  open: 'open',
  filled: 'vervuld',
  closed: 'gesloten',
  sent: 'verstuurd',
};

export const label = (labels: Record<string, string>, code: string) => labels[code] ?? code;

const DAY_FORMAT = new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const INSTANT_FORMAT = new Intl.DateTimeFormat('nl-NL', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Europe/Amsterdam',
});

/** A calendar date (YYYY-MM-DD) as people write it: 5 december 2026. */
export function formatDate(isoDate: string | null | undefined): string {
  if (!isoDate) return '';
  const [year, month, day] = isoDate.slice(0, 10).split('-').map(Number) as [number, number, number];
  return DAY_FORMAT.format(new Date(Date.UTC(year, month - 1, day)));
}

/** An instant (ISO 8601) on Dutch time: 5 december 2026 om 14:05. */
export function formatInstant(iso: string | Date | null | undefined): string {
  if (!iso) return '';
  return INSTANT_FORMAT.format(typeof iso === 'string' ? new Date(iso) : iso).replace(',', ' om');
}

export const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

export const CONSENT_PURPOSE_LABELS: Record<string, string> = {
  share_with_employers: 'gegevens delen met werkgevers',
  disclose_identity: 'naam en telefoonnummer delen met een werkgever',
  share_instrument_eligibility: 'regelingen tonen aan een werkgever (zoals no-riskpolis en loonkostenvoordeel)',
};

export const CONTRACT_LABELS: Record<string, string> = {
  permanent: 'vast contract',
  fixed_term: 'tijdelijk contract',
  agency: 'via een uitzendbureau',
  on_call: 'oproepcontract',
  work_learning: 'leerwerkbaan',
};

export const PLACEMENT_STATUS_LABELS: Record<string, string> = { active: 'loopt', ended: 'gestopt' };

export const FOLLOW_UP_OUTCOME_LABELS: Record<string, string> = {
  working: 'werkt daar nog',
  working_fewer_hours: 'werkt daar nog, minder uren',
  working_elsewhere: 'werkt nu ergens anders',
  dropped_out: 'is gestopt (uitgevallen)',
};

/** One source: the placement service writes the same words into a person's history. */
export { DROPOUT_REASON_LABELS } from '../placements/placements.labels.js';

export const INSTRUMENT_LABELS: Record<string, string> = {
  loonkostensubsidie: 'loonkostensubsidie',
  no_riskpolis: 'no-riskpolis',
  proefplaatsing: 'proefplaatsing',
  jobcoach: 'jobcoach',
  lkv_banenafspraak: 'loonkostenvoordeel banenafspraak',
  lkv_oudere_werknemer: 'loonkostenvoordeel oudere werknemer',
};

export const FEEDBACK_LABELS: Record<string, string> = { invite: 'uitnodigen', hire: 'aannemen', decline: 'niet nu' };
