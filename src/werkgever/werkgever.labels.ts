import { DAY_PARTS, WEEKDAYS, type DayPart, type Weekday } from '../schemas/schedule.js';

/* Dutch words (B1) for the codes the employer pages show. The API keeps its English codes. */

export const DAY_PART_LABELS: Record<DayPart, string> = { early: 'vroege dienst', day: 'dagdienst', late: 'late dienst', night: 'nachtdienst' };
/** Short names for the shift grid's column headers. */
export const DAY_PART_SHORT: Record<DayPart, string> = { early: 'Vroeg', day: 'Dag', late: 'Laat', night: 'Nacht' };
/** Usual times of each day part: the builder's defaults, which the employer can change. */
export const DAY_PART_TIMES: Record<DayPart, { start: string; end: string }> = {
  early: { start: '06:00', end: '14:00' },
  day: { start: '08:30', end: '17:00' },
  late: { start: '14:00', end: '22:00' },
  night: { start: '22:00', end: '06:00' },
};

export const WEEKDAY_LABELS: Record<Weekday, string> = {
  mon: 'maandag',
  tue: 'dinsdag',
  wed: 'woensdag',
  thu: 'donderdag',
  fri: 'vrijdag',
  sat: 'zaterdag',
  sun: 'zondag',
};
export const WEEKDAY_SHORT: Record<Weekday, string> = { mon: 'ma', tue: 'di', wed: 'wo', thu: 'do', fri: 'vr', sat: 'za', sun: 'zo' };

export const ROTATION_LABELS: Record<string, string> = {
  '2-shift': 'twee ploegen (vroeg en laat wisselen)',
  '3-shift': 'drie ploegen (vroeg, laat en nacht wisselen)',
  '5-shift': 'vijf ploegen (dag en nacht, ook in het weekend)',
};

export const EVIDENCE_LABELS: Record<string, string> = {
  self_reported: 'zegt de kandidaat zelf',
  observed: 'gezien door het Werkplein',
  work_experience: 'uit werkervaring',
  volunteer_work: 'uit vrijwilligerswerk',
  certificate: 'met een certificaat',
};

export { LEVEL_LABELS } from '../pages/labels.js';

export const TRAVEL_LABELS: Record<string, string> = {
  walk: 'lopend',
  bike: 'met de fiets',
  ebike: 'met de e-bike',
  moped: 'met de scooter',
  public_transport: 'met het openbaar vervoer',
  car: 'met de auto',
};

export const SUPPORT_LABELS: Record<string, string> = {
  job_coach: 'een jobcoach',
  trial_placement: 'een proefplaatsing',
  buddy: 'een vaste collega als maatje',
  adapted_workplace: 'een aangepaste werkplek',
  language_support: 'hulp bij de Nederlandse taal',
};

export const CONTRACT_LABELS: Record<string, string> = {
  permanent: 'vast contract',
  fixed_term: 'tijdelijk contract',
  agency: 'via een uitzendbureau',
  on_call: 'oproepcontract',
  work_learning: 'leerwerkbaan',
};

export const VACANCY_STATUS_LABELS: Record<string, string> = { draft: 'concept', open: 'open', filled: 'vervuld', closed: 'gesloten' };

export const IMPORTANCE_LABELS: Record<string, string> = {
  must: 'nodig vanaf de eerste dag',
  should: 'mooi meegenomen',
  trainable: 'mag iemand leren op de werkvloer',
};

/** "Niet nu": the structured reasons, in the words an employer would use. */
export const DECLINE_REASON_LABELS: Record<string, string> = {
  skills_mismatch: 'Mist iets wat echt nodig is voor dit werk',
  experience_insufficient: 'Te weinig ervaring voor dit werk',
  availability_mismatch: 'Kan niet op de dagen of diensten die wij nodig hebben',
  hours_mismatch: 'Het aantal uren past niet',
  travel_distance: 'De reis naar het werk is te lang of lastig',
  position_filled: 'De plek is al vergeven',
  other: 'Iets anders (schrijf het op)',
};

export const DECISION_LABELS: Record<string, string> = { invite: 'uitgenodigd', hire: 'aangenomen', decline: 'niet nu' };

export { dutchDate as dutchDay, label } from '../pages/labels.js';

const MOMENT_FORMAT = new Intl.DateTimeFormat('nl-NL', { weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });

/** A local wall-clock moment 2026-12-03T10:00 → "donderdag 3 december 10:00". */
export function dutchMoment(local: string): string {
  return MOMENT_FORMAT.format(new Date(`${local}:00Z`)).replace(' om ', ' ');
}

/** "maandag t/m vrijdag", "maandag, woensdag en zaterdag". */
export function weekdayList(days: readonly Weekday[]): string {
  const sorted = WEEKDAYS.filter((day) => days.includes(day));
  if (sorted.length === 0) return 'geen dagen';
  const first = WEEKDAYS.indexOf(sorted[0]!);
  const consecutive = sorted.every((day, index) => WEEKDAYS.indexOf(day) === first + index);
  if (consecutive && sorted.length >= 3) return `${WEEKDAY_LABELS[sorted[0]!]} t/m ${WEEKDAY_LABELS[sorted[sorted.length - 1]!]}`;
  const names = sorted.map((day) => WEEKDAY_LABELS[day]);
  return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} en ${names[names.length - 1]}`;
}

/** "vroege dienst en late dienst". */
export function dayPartList(parts: readonly DayPart[]): string {
  const names = DAY_PARTS.filter((part) => parts.includes(part)).map((part) => DAY_PART_LABELS[part]);
  if (names.length === 0) return 'geen diensten';
  return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} en ${names[names.length - 1]}`;
}

/** "1 kandidaat", "3 kandidaten". */
export function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}
