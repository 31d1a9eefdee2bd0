import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/client.js';
import { tenants } from '../../db/schema/index.js';
import type { Principal, Role } from '../../src/auth/roles.js';
import { seedDemoPostcodes } from '../../src/demo/seed.js';
import { createEmployerService } from '../../src/employers/employers.service.js';
import type { Clock } from '../../src/clock.js';
import { newId } from '../../src/ids.js';
import { userRepository } from '../../src/users/users.repository.js';
import { createUserService } from '../../src/users/users.service.js';
import type { CreateVacancyBody } from '../../src/vacancies/vacancies.schemas.js';

const systemClock: Clock = { now: () => new Date() };

export type Account = { userId: string; token: string; principal: Principal };

/**
 * A fresh tenant with one user of every role and two employers (A and B), each with a location
 * and an employer user. Every test builds its own, so test files share nothing.
 */
/** Test users are named in Dutch, as pages show them ("Ingelogd als Test klantmanager"). */
export const ROLE_NAMES: Record<Role, string> = {
  admin: 'beheerder',
  account_manager: 'klantmanager',
  employer_relations: 'werkgeversdienstverlener',
  employer: 'werkgever',
};

export async function buildTenant(db: Db, { clock = systemClock, name = 'Werkplein Test' }: { clock?: Clock; name?: string } = {}) {
  await seedDemoPostcodes(db);
  const tenantId = newId();
  await db.insert(tenants).values({ id: tenantId, slug: `test-${randomBytes(5).toString('hex')}`, name, settings: { rankingEnabled: true } });
  const users = createUserService({ db, clock, tokenTtlDays: 30 });
  const employers = createEmployerService({ db, clock });

  async function account(role: Role, employerId: string | null = null): Promise<Account> {
    const row = await userRepository(db).insert({
      tenantId,
      id: newId(),
      email: `${role}-${randomBytes(4).toString('hex')}@test.example`,
      name: `Test ${ROLE_NAMES[role]}`,
      role,
      employerId,
      createdAt: clock.now(),
    });
    const issued = await users.issueToken(db, { tenantId, userId: row.id, label: 'test' });
    return { userId: row.id, token: issued.token, principal: { tenantId, userId: row.id, tokenId: issued.id, role, employerId } };
  }

  const admin = await account('admin');
  const accountManager = await account('account_manager');
  const employerRelations = await account('employer_relations');

  async function employerWithLocation(label: string) {
    const employer = await employers.create(db, admin.principal, {
      name: `${label} B.V.`,
      sector: 'logistics',
      contacts: [{ name: `Contact ${label}` }],
    });
    const location = await employers.createLocation({
      tx: db,
      principal: admin.principal,
      employerId: employer.id,
      body: {
        name: `Locatie ${label}`,
        postcode: { pc4: '5047', letters: 'AB' },
      },
    });
    const user = await account('employer', employer.id);
    return { employer, location, user };
  }

  const employerA = await employerWithLocation('Werkgever A');
  const employerB = await employerWithLocation('Werkgever B');
  return { tenantId, admin, accountManager, employerRelations, employerA, employerB };
}

export type TenantWorld = Awaited<ReturnType<typeof buildTenant>>;

export function bearer(account: { token: string }): { authorization: string } {
  return { authorization: `Bearer ${account.token}` };
}

/** A valid vacancy body: a 3-shift order-picker job with a ramp-up start. */
export function vacancyBody(overrides: Partial<CreateVacancyBody> & { employerId?: string; locationId: string }) {
  return {
    title: 'Orderpicker',
    hoursPerWeek: { min: 24, max: 32 },
    rampUpFromHours: 16,
    shiftPattern: {
      kind: 'rotating',
      rotation: { system: '3-shift', cycleWeeks: 3 },
      shifts: [
        { dayPart: 'early', start: '06:00', end: '14:00', weekdays: ['mon', 'tue', 'wed', 'thu', 'fri'] },
        { dayPart: 'late', start: '14:00', end: '22:00', weekdays: ['mon', 'tue', 'wed', 'thu', 'fri'] },
        { dayPart: 'night', start: '22:00', end: '06:00', weekdays: ['mon', 'tue', 'wed', 'thu', 'fri'] },
      ],
    },
    contractType: 'agency',
    positions: 3,
    competencies: [
      { label: 'orderpicken', importance: 'trainable' },
      { label: 'lichamelijk zwaar werk aankunnen', importance: 'must' },
    ],
    ...overrides,
  };
}

/** A realistic v2 intake: motivated, no diploma, a mobility barrier with an agreed action, and debts. */
export function intakeV2(overrides: Record<string, unknown> = {}) {
  return {
    questionnaireVersion: 'v2' as const,
    answers: {
      workWishes: { titles: ['orderpicker', 'magazijnwerk'], sectors: ['logistics'], occupationUris: [] },
      experience: [
        { kind: 'volunteer', title: 'Voedselbank: pakketten inpakken', months: 18 },
        { kind: 'care', title: 'Mantelzorg voor moeder', months: 36 },
      ],
      competencies: [
        { label: 'orderpicken', level: 2, evidence: 'volunteer_work' },
        { label: 'samenwerken in een team', level: 3, evidence: 'observed' },
      ],
      availability: {
        grid: { mon: ['early', 'day'], tue: ['early', 'day'], wed: ['early', 'day'], thu: ['early', 'day'], fri: ['early', 'day'], sat: [], sun: [] },
        hoursNow: 16,
        hoursTarget: 32,
        rampUpPlan: [16, 24, 32],
      },
      mobility: { modes: ['public_transport', 'walk'], drivingLicences: [], maxTravelMinutes: 45 },
      motivation: { score: 5, evidence: 'Kwam elke afspraak op tijd en zocht zelf vacatures.' },
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
        {
          domain: 'finances',
          severity: 'moderate',
          solvable: true,
          description: 'Schulden; traject bij schuldhulp loopt.',
          action: 'aanmelden bij schuldhulpverlening',
          actionOwner: 'partner',
        },
      ],
      certificates: [],
      diplomas: { educationLevel: 1, items: [] },
      ...overrides,
    },
  };
}

/** Registers a candidate through the API as `account` (an account manager becomes the assigned one). */
export async function createCandidate(
  app: import('fastify').FastifyInstance,
  account: { token: string },
  overrides: Record<string, unknown> = {},
): Promise<{ id: string; reference: string }> {
  const response = await app.inject({
    method: 'POST',
    url: '/v1/candidates',
    headers: bearer(account),
    payload: {
      contact: { givenName: 'Test', familyName: `Persoon ${randomBytes(3).toString('hex')}`, email: 'persoon@test.example', phone: '06 1234 5678' },
      postcode: '5038 AB',
      ...overrides,
    },
  });
  if (response.statusCode !== 201) throw new Error(`candidate fixture failed: ${response.statusCode} ${response.body}`);
  return response.json();
}

const dayShifts = {
  kind: 'fixed' as const,
  shifts: [
    {
      dayPart: 'day' as const,
      start: '08:30',
      end: '16:30',
      weekdays: ['mon', 'tue', 'wed', 'thu', 'fri'] as Array<'mon' | 'tue' | 'wed' | 'thu' | 'fri'>,
      required: true,
    },
  ],
};

/** An open warehouse vacancy on weekday day shifts, made by employer relations for employer A: most intake people fit it. */
export async function dayVacancy(app: import('fastify').FastifyInstance, world: TenantWorld) {
  const response = await app.inject({
    method: 'POST',
    url: '/v1/vacancies',
    headers: bearer(world.employerRelations),
    payload: vacancyBody({
      employerId: world.employerA.employer.id,
      locationId: world.employerA.location.id,
      status: 'open',
      title: 'Medewerker magazijn',
      shiftPattern: dayShifts,
      competencies: [
        { label: 'orderpicken', importance: 'must' },
        { label: 'samenwerken in een team', importance: 'should' },
        { label: 'heftruck rijden', importance: 'trainable' },
      ],
    } as never),
  });
  if (response.statusCode !== 201) throw new Error(`vacancy fixture: ${response.body}`);
  return response.json<{ id: string }>();
}
