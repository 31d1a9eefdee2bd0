import { DEFAULT_RULE_SETS } from '../../src/rekentool/rekentool.defaults.js';
import { intakeV2, vacancyBody } from './factories.js';

type Context = { locationId?: string; employerId?: string };

/**
 * A valid body for every route that takes one, so that generated tests (isolation, fuzzing) reach
 * the handler instead of stopping at validation. A new route with a body fails those tests until
 * it has a sample here.
 */
const SAMPLES: Record<string, (context: Context) => unknown> = {
  'POST /v1/users': (context) => ({ email: 'nieuw@test.example', name: 'Nieuwe Gebruiker', role: 'employer', employerId: context.employerId }),
  'PATCH /v1/users/:id': () => ({ name: 'Andere Naam' }),
  'POST /v1/users/:id/tokens': () => ({ label: 'portaal' }),
  'POST /v1/employers': () => ({ name: 'Nieuwe Werkgever B.V.', sector: 'retail' }),
  'PATCH /v1/employers/:id': () => ({ description: 'Nieuwe omschrijving' }),
  'POST /v1/employers/:id/locations': () => ({ name: 'Tweede locatie', postcode: '5038 AB' }),
  'PATCH /v1/employers/:id/locations/:locationId': () => ({ name: 'Hernoemd' }),
  'POST /v1/vacancies': (context) => vacancyBody({ locationId: context.locationId ?? '01a21417-0000-7000-8000-000000000000', employerId: context.employerId }),
  'PATCH /v1/vacancies/:id': () => ({ title: 'Orderpicker (aangepast)' }),
  'POST /v1/employers/:id/growth-plans': (context) => ({
    name: 'Uitbreiding',
    locationId: context.locationId,
    roles: [
      {
        title: 'Orderpicker',
        headcount: 10,
        expectedDate: '2027-04-01',
        hoursPerWeek: { min: 32, max: 40 },
        shiftPattern: {
          kind: 'fixed',
          shifts: [{ dayPart: 'early', start: '06:00', end: '14:00', weekdays: ['mon', 'tue', 'wed', 'thu', 'fri'] }],
        },
        trainingLeadTimeWeeks: 6,
      },
    ],
  }),
  'PATCH /v1/growth-plans/:id': () => ({ name: 'Uitbreiding (aangepast)' }),
  'POST /v1/candidates': () => ({ contact: { givenName: 'Fatma', familyName: 'Demir' }, postcode: '5038' }),
  'PATCH /v1/candidates/:id': () => ({ status: 'paused' }),
  'PATCH /v1/candidates/:id/contact': () => ({ phone: '06 9876 5432' }),
  'POST /v1/candidates/:id/intakes': () => intakeV2(),
  'PATCH /v1/candidates/:id/profile': () => ({ hoursNow: 20 }),
  'POST /v1/candidates/:id/assessments': () => ({ kind: 'motivation', score: 4, evidence: 'Gesprek op 25 november' }),
  'PATCH /v1/candidates/:id/barriers/:barrierId': () => ({ actionStatus: 'done' }),
  'POST /v1/candidates/:id/consents': () => ({ purpose: 'share_with_employers', textVersion: '2026-1' }),
  'PUT /v1/taxonomy/skills/:id/labels': () => ({ label: 'heftruck rijden', synonyms: ['vorkheftruck besturen'] }),
  'PATCH /v1/settings': () => ({ benefitMonthlyAmount: 1500 }),
  'PUT /v1/matching/weights': () => ({
    weights: { competencies: 0.3, motivation: 0.2, potential: 0.15, shifts: 0.1, hours: 0.1, travel: 0.1, workWishes: 0.05, education: 0 },
    note: 'Meer nadruk op vakmanschap',
  }),
  'POST /v1/matching/weights/what-if': () => ({
    weights: { competencies: 0.3, motivation: 0.2, potential: 0.15, shifts: 0.1, hours: 0.1, travel: 0.1, workWishes: 0.05, education: 0 },
    months: 6,
  }),
  'POST /v1/vacancies/:id/shortlists': () => ({ noteToEmployer: 'Drie mensen die graag bij u willen beginnen.' }),
  'PATCH /v1/shortlists/:id': () => ({ noteToEmployer: 'Aangepaste toelichting' }),
  'POST /v1/shortlists/:id/candidates': () => ({ candidateId: '01a21417-0000-7000-8000-00000000c0de', pitch: { strengths: 'Betrouwbaar en leert snel' } }),
  'PATCH /v1/shortlists/:id/candidates/:candidateId': () => ({ pitch: { strengths: 'Betrouwbaar, leert snel en werkt graag in een team' } }),
  'POST /v1/shortlists/:id/candidates/:candidateId/pitch-override': () => ({ reason: 'Met de persoon besproken: zij wil dat de werkgever dit weet.' }),
  'POST /v1/shortlists/:id/candidates/:candidateId/feedback': () => ({ decision: 'decline', reasonCode: 'position_filled' }),
  'POST /v1/placements': () => ({
    candidateId: '01a21417-0000-7000-8000-00000000c0de',
    vacancyId: '01a21417-0000-7000-8000-00000000beef',
    startDate: '2027-01-04',
    hoursPerWeek: 24,
    contractType: 'fixed_term',
    contractMonths: 6,
  }),
  'POST /v1/placements/:id/follow-ups': () => ({ monthMark: 1, outcome: 'working' }),
  'POST /v1/placements/:id/check-ins': () => ({ monthMark: 1, goingWell: 'yes', needsSomething: false }),
  'POST /v1/digest-subscriptions': () => ({ frequency: 'weekly', weekday: 'mon', hour: 7 }),
  'PATCH /v1/digest-subscriptions/:id': () => ({ hour: 8 }),
  'POST /v1/unsubscribe': () => ({ 'List-Unsubscribe': 'One-Click' }),
  'POST /v1/mail/bounces': () => ({ email: 'bounce@test.example' }),
  'POST /v1/candidates/:id/erase': () => ({ reason: 'Verzoek van de persoon (AVG artikel 17)' }),
  'POST /v1/candidates/:id/proposals/:proposalId/decision': () => ({ decision: 'reject', note: 'Dit klopt nog niet' }),
  'PUT /v1/candidates/:id/household': () => ({ situation: 'single', costSharers: 0, ageGroup: '27_to_pension_age' }),
  'POST /v1/income-rules': () => ({ rules: { ...DEFAULT_RULE_SETS[0]!, validFrom: '2027-01-01' }, reason: 'Nieuwe normen per 1 januari 2027 (Staatscourant)' }),
  'PUT /v1/candidates/:id/audit-attributes': () => ({
    gender: 'female',
    ageBand: '27-44',
    migrationBackground: null,
    disability: 'no',
    enteredOnlyForAudit: true,
  }),
};

export function sampleBody(method: string, url: string, context: Context): Record<string, unknown> {
  const sample = SAMPLES[`${method} ${url}`];
  if (!sample) throw new Error(`No sample body for ${method} ${url}: add one to test/support/sample-bodies.ts`);
  return sample(context) as Record<string, unknown>;
}

export function hasSampleBody(method: string, url: string): boolean {
  return `${method} ${url}` in SAMPLES;
}
