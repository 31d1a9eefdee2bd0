/*
 * A worked example for the body of every operation that takes one, as an integrator would send it
 * (the interactive docs at /docs show and prefill it). Keyed by method and route as declared
 * (`POST /v1/users/:id/tokens`). Each example must pass the route's own body schema: building the
 * OpenAPI document fails otherwise (src/http/openapi-document.ts), and `npm run lint:api` fails on
 * a request body without one and checks each against the JSON schema too.
 */
import { CONSENT_TEXTS } from '../candidates/consent-texts.js';
import { DEFAULT_RULE_SETS } from '../rekentool/rekentool.defaults.js';

/** Ids as the API hands them out (UUID version 7); in a real call, ids of your own Werkplein. */
const ids = {
  employer: '0193b0c4-5e21-7a3c-9f10-2b7d4e6a8c01',
  location: '0193b0c4-6a02-7d41-8e22-3c8e5f7b9d12',
  user: '0193b0c2-1f43-7b55-a1c3-4d9f6a8bae23',
  accountManager: '0193b0c2-2a14-7c66-b2d4-5eaf7b9cbf34',
  candidate: '0193b1d7-3b25-7d77-83e5-6fb08cadc045',
  vacancy: '0193b1e2-4c36-7e88-94f6-70c19dbed156',
  shortlist: '0193b1f0-5d47-7f99-a507-81d2aecfe267',
  matchRun: '0193b1ef-6e58-70aa-b618-92e3bfd0f378',
  placement: '0193c4a1-7f69-71bb-8729-a3f4c0e10489',
} as const;

const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri'];
/** Early and late shifts on weekdays, as a distribution centre runs them. */
const twoShifts = {
  kind: 'rotating',
  rotation: { system: '2-shift', cycleWeeks: 2 },
  shifts: [
    { dayPart: 'early', start: '06:00', end: '14:00', weekdays },
    { dayPart: 'late', start: '14:00', end: '22:00', weekdays },
  ],
};
const contact = { name: 'Sanne de Vries', role: 'HR-adviseur', email: 's.devries@vanderlinden-logistiek.nl', phone: '013 580 1234' };
const intakeAnswers = {
  workWishes: { titles: ['orderpicker', 'magazijnmedewerker'], sectors: ['logistics'], notes: 'Liefst in Tilburg-Noord, goed bereikbaar met de bus.' },
  experience: [
    { kind: 'volunteer', title: 'Voedselbank: pakketten samenstellen', months: 18 },
    { kind: 'care', title: 'Mantelzorg voor moeder', months: 36 },
  ],
  competencies: [
    { label: 'orderpicken', level: 2, evidence: 'volunteer_work' },
    { label: 'samenwerken in een team', level: 3, evidence: 'observed', note: 'Coördineerde de zaterdagploeg van de voedselbank.' },
  ],
  availability: {
    grid: { mon: ['early', 'day'], tue: ['early', 'day'], wed: ['early', 'day'], thu: ['early', 'day'], fri: ['early', 'day'], sat: [], sun: [] },
    hoursNow: 16,
    hoursTarget: 32,
    rampUpPlan: [16, 24, 32],
  },
  mobility: { modes: ['public_transport', 'walk'], drivingLicences: [], maxTravelMinutes: 45 },
  motivation: { score: 5, evidence: 'Kwam elke afspraak op tijd en zocht zelf drie vacatures uit.' },
  learningAbility: { score: 4, evidence: 'Leerde het scansysteem bij de voedselbank in één middag.' },
  barriers: [
    {
      domain: 'mobility',
      severity: 'moderate',
      solvable: true,
      action: 'fiets regelen via de fietsenbank',
      actionOwner: 'account_manager',
      unlocksMode: 'bike',
    },
  ],
  certificates: [],
  diplomas: { educationLevel: 1, items: [] },
};

export const requestExamples: Record<string, unknown> = {
  'POST /v1/users': { email: 's.devries@vanderlinden-logistiek.nl', name: 'Sanne de Vries', role: 'employer', employerId: ids.employer },
  'PATCH /v1/users/:id': { name: 'Sanne de Vries-Jansen' },
  'POST /v1/users/:id/tokens': { label: 'Koppeling werkgeversportaal', ttlDays: 90 },
  'POST /v1/employers': {
    name: 'Van der Linden Logistiek B.V.',
    kvkNumber: '18012345',
    sector: 'logistics',
    description: 'Distributiecentrum voor supermarkten, 140 medewerkers in twee ploegen.',
    website: 'https://www.vanderlinden-logistiek.nl',
    contacts: [contact],
  },
  'PATCH /v1/employers/:id': { description: 'Distributiecentrum voor supermarkten, 160 medewerkers in twee ploegen; vanaf maart ook een nachtploeg.' },
  'POST /v1/employers/:id/locations': { name: 'DC Tilburg-Noord', street: 'Kraaivenstraat', houseNumber: '21', postcode: '5048 AB', city: 'Tilburg' },
  'PATCH /v1/employers/:id/locations/:locationId': { name: 'DC Tilburg-Noord (hal 2)', houseNumber: '21a' },
  'POST /v1/vacancies': {
    locationId: ids.location,
    title: 'Orderpicker',
    description:
      'Je verzamelt bestellingen voor supermarkten met een handscanner en een elektrische palletwagen. Je werkt in een vast team en wordt ingewerkt door een buddy.',
    hoursPerWeek: { min: 24, max: 32 },
    rampUpFromHours: 16,
    shiftPattern: twoShifts,
    contractType: 'fixed_term',
    startDate: '2027-02-01',
    positions: 3,
    competencies: [
      { label: 'orderpicken', importance: 'trainable' },
      { label: 'werken met een handscanner', importance: 'trainable' },
      { label: 'lichamelijk zwaar werk aankunnen', importance: 'must' },
    ],
    trainingOffered: [{ title: 'Rijbewijs elektrische palletwagen', durationWeeks: 1, leadsToCertificate: 'Certificaat elektrische pallettruck' }],
    supportOffered: ['buddy', 'job_coach'],
    public: true,
    validThrough: '2027-03-31',
    salary: { min: 14.4, max: 16.1, period: 'HOUR' },
    status: 'open',
  },
  'PATCH /v1/vacancies/:id': { positions: 4, hoursPerWeek: { min: 20, max: 32 }, public: false },
  'POST /v1/employers/:id/growth-plans': {
    name: 'Nieuwe vestiging Tilburg-Noord',
    description: 'In het voorjaar opent hal 2; daarvoor zijn orderpickers en een teamleider nodig.',
    locationId: ids.location,
    roles: [
      {
        title: 'Orderpicker',
        headcount: 12,
        expectedDate: '2027-04-01',
        hoursPerWeek: { min: 24, max: 38 },
        shiftPattern: twoShifts,
        competencies: [{ label: 'orderpicken', importance: 'trainable' }],
        trainingLeadTimeWeeks: 6,
        contractType: 'fixed_term',
      },
    ],
  },
  'PATCH /v1/growth-plans/:id': { status: 'in_progress' },
  'POST /v1/taxonomy/skills/suggestions': { texts: ['heftruck rijden', 'klanten te woord staan'], limit: 5 },
  'PUT /v1/taxonomy/skills/:id/labels': { label: 'heftruck rijden', synonyms: ['vorkheftruck besturen', 'reachtruck rijden'] },
  'POST /v1/candidates': {
    contact: {
      givenName: 'Fatma',
      familyName: 'Demir',
      email: 'fatma.demir@example.nl',
      phone: '06 1234 5678',
      street: 'Ringbaan-West',
      houseNumber: '112',
      city: 'Tilburg',
    },
    postcode: '5038 KL',
    accountManagerId: ids.accountManager,
  },
  'PATCH /v1/candidates/:id': { status: 'paused' },
  'PATCH /v1/candidates/:id/contact': { phone: '06 9876 5432', street: 'Piusstraat', houseNumber: '45' },
  'POST /v1/candidates/:id/intakes': { questionnaireVersion: 'v2', answers: intakeAnswers },
  'PATCH /v1/candidates/:id/profile': { hoursNow: 24, rampUpPlan: [24, 32] },
  'POST /v1/candidates/:id/assessments': {
    kind: 'motivation',
    score: 4,
    evidence: 'Deed mee aan de proefdag bij het distributiecentrum en vroeg zelf om een tweede dag.',
  },
  'PATCH /v1/candidates/:id/barriers/:barrierId': { actionStatus: 'done' },
  'POST /v1/candidates/:id/consents': { purpose: 'share_with_employers', textVersion: CONSENT_TEXTS.share_with_employers.version },
  'PATCH /v1/settings': { benefitMonthlyAmount: 1450, retentionDays: { closedCandidates: 730 } },
  'PUT /v1/matching/weights': {
    weights: { competencies: 0.3, motivation: 0.2, potential: 0.15, shifts: 0.1, hours: 0.1, travel: 0.1, workWishes: 0.05, education: 0 },
    note: 'Meer nadruk op vakmanschap na de evaluatie van het eerste kwartaal',
  },
  'POST /v1/matching/weights/what-if': {
    weights: { competencies: 0.3, motivation: 0.2, potential: 0.15, shifts: 0.1, hours: 0.1, travel: 0.1, workWishes: 0.05, education: 0 },
    months: 6,
  },
  'POST /v1/vacancies/:id/shortlists': { noteToEmployer: 'Drie mensen die graag bij u willen beginnen; alle drie kunnen in de vroege dienst.' },
  'PATCH /v1/shortlists/:id': { noteToEmployer: 'Twee mensen kunnen ook in de late dienst.' },
  'POST /v1/shortlists/:id/candidates': {
    candidateId: ids.candidate,
    matchRunId: ids.matchRun,
    pitch: {
      strengths: 'Betrouwbaar en leert snel; werkte anderhalf jaar in het magazijn van de voedselbank.',
      startPlan: 'Begint met 16 uur en bouwt in drie maanden op naar 32.',
    },
  },
  'PATCH /v1/shortlists/:id/candidates/:candidateId': { position: 1, pitch: { support: 'De eerste maand komt een jobcoach wekelijks langs.' } },
  'POST /v1/shortlists/:id/candidates/:candidateId/pitch-override': {
    reason: 'Met de persoon besproken: zij wil dat de werkgever weet dat zij op dinsdag naar de fysiotherapeut gaat.',
  },
  'POST /v1/shortlists/:id/candidates/:candidateId/feedback': {
    decision: 'invite',
    invitation: { kind: 'times', times: ['2027-01-12T10:00', '2027-01-13T14:30'] },
  },
  'POST /v1/placements': {
    candidateId: ids.candidate,
    vacancyId: ids.vacancy,
    shortlistId: ids.shortlist,
    startDate: '2027-02-01',
    hoursPerWeek: 24,
    contractType: 'fixed_term',
    contractMonths: 6,
    instrumentsUsed: [{ code: 'jobcoach', months: 6 }],
  },
  'POST /v1/placements/:id/follow-ups': { monthMark: 1, outcome: 'working', note: 'Werkt nu 24 uur; wil na de zomer naar 32.' },
  'POST /v1/placements/:id/check-ins': {
    monthMark: 1,
    goingWell: 'yes',
    needsSomething: true,
    note: 'Gaat goed in de vroege dienst; een tweede gesprek met de jobcoach zou helpen.',
  },
  'POST /v1/candidates/:id/erase': { reason: 'Verzoek van de persoon (AVG artikel 17), ontvangen op 4 januari 2027' },
  'PUT /v1/candidates/:id/audit-attributes': { gender: 'female', ageBand: '27-44', migrationBackground: null, disability: 'no', enteredOnlyForAudit: true },
  'POST /v1/digest-subscriptions': {
    frequency: 'weekly',
    weekday: 'mon',
    hour: 7,
    scope: { sections: ['new_candidates', 'strong_matches'], minMatchScore: 70 },
    lang: 'nl',
  },
  'PATCH /v1/digest-subscriptions/:id': { hour: 8, active: true },
  'POST /v1/mail/bounces': { email: 'oud.adres@example.nl', reason: 'hard_bounce' },
  'POST /v1/unsubscribe': { 'List-Unsubscribe': 'One-Click' },
  'PUT /v1/candidates/:id/household': { situation: 'single_parent', costSharers: 0, ageGroup: '27_to_pension_age' },
  'POST /v1/income-rules': {
    rules: DEFAULT_RULE_SETS.at(-1),
    reason: 'Cijfers per 1 juli 2026 opnieuw vastgesteld na controle van de bronnen',
  },
  'POST /v1/candidates/:id/proposals/:proposalId/decision': { decision: 'accept', note: 'Besproken aan de telefoon: de maandag kan zij nu ook.' },
};
