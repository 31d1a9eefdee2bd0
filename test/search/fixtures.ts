import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client.js';
import type { ProfileExperience } from '../../db/schema/candidates.js';
import { DEMO_OCCUPATION_URIS, withDemoConcept } from '../../src/demo/demo-taxonomy.js';
import { bearer, buildTenant, createCandidate, intakeV2, vacancyBody, type TenantWorld } from '../support/factories.js';

/*
 * A small, realistic Werkplein for search tests: vacancies and jobseekers as account managers and
 * employers write them (compound job titles, synonyms, towns around Tilburg), created through the API.
 */

type Week = Partial<Record<'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun', Array<'early' | 'day' | 'late' | 'night'>>>;
const WORKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri'] as const;

function fixed(dayPart: 'early' | 'day' | 'late' | 'night', start: string, end: string, weekdays: readonly string[] = WORKDAYS) {
  return { kind: 'fixed', shifts: [{ dayPart, start, end, weekdays }] };
}

export async function post(app: FastifyInstance, account: { token: string }, url: string, payload: unknown) {
  const response = await app.inject({ method: 'POST', url, headers: bearer(account), payload: payload as object });
  if (response.statusCode >= 300) throw new Error(`POST ${url}: ${response.statusCode} ${response.body}`);
  return response.json();
}

/**
 * Registers a jobseeker with an intake; `week` is their availability. Competences are linked to the
 * demo concept staff would confirm for those words (as in the demo); experience is none unless given.
 */
export async function jobseeker(
  app: FastifyInstance,
  world: TenantWorld,
  person: {
    givenName: string;
    familyName: string;
    postcode: string;
    titles: string[];
    occupations?: string[];
    competencies: string[];
    week: Week;
    licences?: string[];
    modes?: string[];
    hours?: [number, number];
    experience?: ProfileExperience[];
    certificates?: string[];
  },
) {
  const candidate = await createCandidate(app, world.accountManager, {
    contact: {
      givenName: person.givenName,
      familyName: person.familyName,
      email: `${person.givenName.toLowerCase()}@voorbeeld.example`,
      phone: '06 9876 5432',
      street: 'Stationsstraat',
      houseNumber: '12',
      dateOfBirth: '1988-04-01',
    },
    postcode: person.postcode,
  });
  const week = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((day) => [day, person.week[day as keyof Week] ?? []]));
  const [hoursNow, hoursTarget] = person.hours ?? [24, 32];
  await post(
    app,
    world.accountManager,
    `/v1/candidates/${candidate.id}/intakes`,
    intakeV2({
      workWishes: { titles: person.titles, sectors: ['logistics'], occupationUris: (person.occupations ?? []).map((key) => DEMO_OCCUPATION_URIS[key]) },
      competencies: person.competencies.map((label) => withDemoConcept({ label, level: 2, evidence: 'observed' })),
      experience: person.experience ?? [],
      certificates: person.certificates ?? [],
      availability: { grid: week, hoursNow, hoursTarget, rampUpPlan: [] },
      mobility: { modes: person.modes ?? ['bike', 'public_transport'], drivingLicences: person.licences ?? [], maxTravelMinutes: 45 },
    }),
  );
  return candidate;
}

/**
 * A tenant with six vacancies at two employers (Tilburg and Waalwijk) and four jobseekers. The
 * reachtruck vacancy has no taxonomy occupation: only the synonyms setting links it to forklift titles.
 */
export async function searchWorld(app: FastifyInstance, db: Db, { name = 'Werkplein Test' }: { name?: string } = {}) {
  const world = await buildTenant(db, { name });
  const admin = world.admin;
  const a = world.employerA;
  const waalwijk = await post(app, admin, `/v1/employers/${world.employerB.employer.id}/locations`, { name: 'DC Waalwijk', postcode: '5141 AB' });
  const vacancy = (title: string, occupation: string | undefined, employerId: string, locationId: string, extra: Record<string, unknown> = {}) =>
    post(
      app,
      admin,
      '/v1/vacancies',
      vacancyBody({ title, employerId, locationId, status: 'open', ...(occupation ? { occupationUri: DEMO_OCCUPATION_URIS[occupation] } : {}), ...extra }),
    );

  const vacancies = {
    forklift: await vacancy('Heftruckchauffeur', 'forklift-operator', a.employer.id, a.location.id, {
      competencies: [
        { label: 'heftruck rijden', importance: 'must' },
        { label: 'orders verzamelen', importance: 'trainable' },
      ],
    }),
    warehouse: await vacancy('Magazijnmedewerker', 'warehouse-worker', a.employer.id, a.location.id, {
      shiftPattern: fixed('day', '08:00', '16:30'),
      rampUpFromHours: null,
      competencies: [{ label: 'orders verzamelen', importance: 'should' }],
    }),
    truck: await vacancy('Vrachtwagenchauffeur CE', 'truck-driver', world.employerB.employer.id, waalwijk.id, {
      shiftPattern: fixed('early', '06:00', '14:30'),
      rampUpFromHours: null,
      hoursPerWeek: { min: 36, max: 40 },
      competencies: [{ label: 'verkeersregels', importance: 'must' }],
    }),
    cleaner: await vacancy('Schoonmaker kantoren', 'building-cleaner', world.employerB.employer.id, waalwijk.id, {
      shiftPattern: fixed('late', '17:00', '21:00'),
      rampUpFromHours: null,
      hoursPerWeek: { min: 12, max: 20 },
      contractType: 'permanent',
      competencies: [{ label: 'vloeren reinigen', importance: 'trainable' }],
    }),
    reachtruck: await vacancy('Reachtruckchauffeur nachtdienst', undefined, world.employerB.employer.id, waalwijk.id, {
      shiftPattern: fixed('night', '22:00', '06:00', ['mon', 'tue', 'wed', 'thu']),
      rampUpFromHours: null,
    }),
    cook: await vacancy('Kok', 'cook', a.employer.id, a.location.id, {
      shiftPattern: fixed('day', '10:00', '18:00', ['sat', 'sun']),
      rampUpFromHours: null,
      hoursPerWeek: { min: 16, max: 16 },
      competencies: [{ label: 'koken', importance: 'must' }],
    }),
  };

  const candidates = {
    fatima: await jobseeker(app, world, {
      givenName: 'Fatima',
      familyName: 'Yilmaz',
      postcode: '5038 AB',
      titles: ['heftruckchauffeur'],
      occupations: ['forklift-operator'],
      competencies: ['heftruck rijden', 'samenwerken in een team'],
      week: { mon: ['early', 'late', 'night'], tue: ['early', 'late', 'night'], wed: ['early', 'late', 'night'], sat: ['day'] },
      licences: ['B'],
      modes: ['car', 'bike'],
      hours: [32, 36],
      experience: [{ kind: 'paid', title: 'Heftruckchauffeur bij een distributiecentrum', months: 30 }],
    }),
    joost: await jobseeker(app, world, {
      givenName: 'Joost',
      familyName: 'de Vries',
      postcode: '5141 AB',
      titles: ['magazijnmedewerker'],
      competencies: ['orders verzamelen'],
      week: { mon: ['day'], tue: ['day'], wed: ['day'], thu: ['day'], fri: ['day'] },
      hours: [24, 32],
      experience: [
        { kind: 'volunteer', title: 'Voedselbank: pakketten inpakken', months: 18 },
        { kind: 'care', title: 'Mantelzorg voor moeder', months: 36 },
      ],
    }),
    sanne: await jobseeker(app, world, {
      givenName: 'Sanne',
      familyName: 'Bakker',
      postcode: '5051 AB',
      titles: ['schoonmaakster'],
      occupations: ['building-cleaner'],
      competencies: ['vloeren reinigen'],
      week: { mon: ['late'], tue: ['late'], thu: ['late'] },
      hours: [12, 16],
    }),
    mohamed: await jobseeker(app, world, {
      givenName: 'Mohamed',
      familyName: 'El Amrani',
      postcode: '5141 AB',
      titles: ['vrachtwagenchauffeur'],
      competencies: ['verkeersregels'],
      week: { mon: ['early'], tue: ['early'], wed: ['early'], thu: ['early'], fri: ['early'] },
      licences: ['B', 'C', 'CE'],
      modes: ['car'],
      hours: [36, 40],
      experience: [{ kind: 'paid', title: 'Werkervaringsplek via de schuldhulp', description: 'Bezorgen met een bestelbus', months: 6 }],
    }),
  };
  return { world, vacancies, candidates };
}
