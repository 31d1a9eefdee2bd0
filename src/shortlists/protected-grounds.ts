/*
 * Employer feedback that points at a protected ground (Algemene wet gelijke behandeling, WGBL for
 * age, WGBH/CZ for disability and chronic illness) is flagged for staff to follow up. It is a signal,
 * not a verdict: a flag never blocks the feedback, and a person decides what it means. Dutch and
 * English terms; matched on whole words (or word starts, for stems) in lower case without accents.
 */

export const PROTECTED_GROUNDS = ['age', 'pregnancy', 'origin', 'religion', 'disability', 'gender', 'sexual_orientation', 'civil_status'] as const;
export type ProtectedGround = (typeof PROTECTED_GROUNDS)[number];

/** A term: `word` matches only the whole word(s); `stem` also matches longer words starting with it. */
type Term = { term: string; ground: ProtectedGround; stem?: boolean };

const TERMS: Term[] = [
  // Age
  ...[
    'te oud',
    'te jong',
    'leeftijd',
    'ouder',
    'oudere',
    'jonger',
    'jongere',
    'jong team',
    'pensioen',
    'bejaard',
    'too old',
    'too young',
    'age',
    'aged',
    'older',
    'younger',
    'retirement',
  ].map((term): Term => ({ term, ground: 'age' })),
  // Pregnancy and motherhood
  { term: 'zwanger', ground: 'pregnancy', stem: true },
  { term: 'kinderwens', ground: 'pregnancy' },
  { term: 'zwangerschapsverlof', ground: 'pregnancy' },
  { term: 'bevallingsverlof', ground: 'pregnancy' },
  { term: 'pregnan', ground: 'pregnancy', stem: true },
  { term: 'maternity', ground: 'pregnancy' },
  // Origin, nationality, race, language as a proxy
  ...['buitenland', 'allochto', 'migra', 'accent', 'donker', 'getint', 'etnic', 'ethnic', 'foreign'].map((term): Term => ({
    term,
    ground: 'origin',
    stem: true,
  })),
  ...['afkomst', 'herkomst', 'nationaliteit', 'huidskleur', 'ras', 'origin', 'nationality', 'race', 'skin colour', 'skin color'].map((term): Term => ({
    term,
    ground: 'origin',
  })),
  // Religion and belief
  ...['hoofddoek', 'geloof', 'gelovig', 'religi', 'moslim', 'islam', 'christ', 'headscarf', 'muslim', 'pray'].map((term): Term => ({
    term,
    ground: 'religion',
    stem: true,
  })),
  ...['joods', 'keppel', 'gebed', 'bidden', 'ramadan', 'hijab', 'jewish'].map((term): Term => ({ term, ground: 'religion' })),
  // Disability and chronic illness
  { term: 'handicap', ground: 'disability', stem: true },
  { term: 'gehandicapt', ground: 'disability', stem: true },
  { term: 'chronisch', ground: 'disability', stem: true },
  { term: 'autis', ground: 'disability', stem: true },
  { term: 'psychisch', ground: 'disability', stem: true },
  { term: 'disab', ground: 'disability', stem: true },
  { term: 'chronic', ground: 'disability', stem: true },
  ...[
    'beperking',
    'arbeidsbeperking',
    'ziek',
    'ziekte',
    'ziekten',
    'rolstoel',
    'adhd',
    'burn-out',
    'burnout',
    'depressie',
    'illness',
    'sick',
    'wheelchair',
    'mental health',
  ].map((term): Term => ({ term, ground: 'disability' })),
  // Gender
  ...['vrouw', 'vrouwen', 'man', 'mannen', 'mannelijk', 'vrouwelijk', 'geslacht', 'gender', 'transgender', 'woman', 'women', 'female', 'male', 'sex'].map(
    (term): Term => ({ term, ground: 'gender' }),
  ),
  // Sexual orientation
  ...[
    'homo',
    'homoseksueel',
    'lesbisch',
    'lesbienne',
    'biseksueel',
    'geaardheid',
    'seksuele gerichtheid',
    'gay',
    'lesbian',
    'bisexual',
    'sexual orientation',
  ].map((term): Term => ({ term, ground: 'sexual_orientation' })),
  // Civil status
  ...['getrouwd', 'gehuwd', 'burgerlijke staat', 'alleenstaande moeder', 'married', 'marital status', 'single mother'].map((term): Term => ({
    term,
    ground: 'civil_status',
  })),
];

/** Lower case, accents removed, everything but letters and digits a single space. */
export function normaliseForTerms(text: string): string {
  return ` ${text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, ' ')
    .trim()} `;
}

const escape = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const PATTERNS = TERMS.map((entry) => ({
  ...entry,
  pattern: new RegExp(`(?<=[ -])${escape(entry.term)}${entry.stem ? '[a-z]*' : ''}(?=[ -])`),
}));

export type ProtectedGroundCheck = { flagged: boolean; terms: string[]; grounds: ProtectedGround[] };

/** The protected-ground terms a free text points at. */
export function checkProtectedGrounds(text: string | null | undefined): ProtectedGroundCheck {
  if (!text) return { flagged: false, terms: [], grounds: [] };
  const normalised = normaliseForTerms(text);
  const hits = PATTERNS.filter((entry) => entry.pattern.test(normalised));
  const terms = [...new Set(hits.map((entry) => entry.term))];
  const grounds = PROTECTED_GROUNDS.filter((ground) => hits.some((entry) => entry.ground === ground));
  return { flagged: terms.length > 0, terms, grounds };
}

/** The grounds of stored terms, for the staff list of flagged feedback. */
export function groundsOfTerms(terms: readonly string[]): ProtectedGround[] {
  return PROTECTED_GROUNDS.filter((ground) => TERMS.some((entry) => entry.ground === ground && terms.includes(entry.term)));
}

/*
 * A pitch goes to an employer. Words that point at health, debts, benefits or other special-category
 * data are shown to staff as a warning before they approve; the approving person decides.
 */
const PITCH_TERMS = [
  'bijstand',
  'uitkering',
  'participatiewet',
  'schuld',
  'schulden',
  'schuldhulp',
  'schuldsanering',
  'bewind',
  'beschermingsbewind',
  'verslaving',
  'verslaafd',
  'detentie',
  'gevangenis',
  'strafblad',
  'diagnose',
  'medicatie',
  'benefits',
  'welfare',
  'debt',
  'debts',
  'addiction',
];
const PITCH_PATTERNS = PITCH_TERMS.map((term) => ({ term, pattern: new RegExp(`(?<=[ -])${escape(term)}(?=[ -])`) }));

/** Terms in a pitch that staff should look at again before approving. */
export function pitchWarnings(texts: ReadonlyArray<string | null | undefined>): string[] {
  const normalised = normaliseForTerms(texts.filter(Boolean).join(' \n '));
  const special = PITCH_PATTERNS.filter((entry) => entry.pattern.test(normalised)).map((entry) => entry.term);
  const grounds = checkProtectedGrounds(normalised).terms;
  return [...new Set([...special, ...grounds])];
}
