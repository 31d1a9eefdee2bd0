import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Db, Executor } from '../../db/client.js';
import { tenants } from '../../db/schema/index.js';
import type { Principal, Role } from '../auth/roles.js';
import { generateToken, hashToken } from '../auth/tokens.js';
import { createEmployerService } from '../employers/employers.service.js';
import { createLocationBodySchema, createEmployerBodySchema } from '../employers/employers.schemas.js';
import { geoRepository } from '../geo/geo.repository.js';
import { createGrowthPlanService } from '../growth-plans/growth-plans.service.js';
import { createGrowthPlanBodySchema } from '../growth-plans/growth-plans.schemas.js';
import type { Clock } from '../clock.js';
import { newId } from '../ids.js';
import { userRepository } from '../users/users.repository.js';
import { createUserService } from '../users/users.service.js';
import { createVacancyBodySchema } from '../vacancies/vacancies.schemas.js';
import { createCandidateBodySchema } from '../candidates/candidates.schemas.js';
import { submitIntakeBodySchema } from '../intake/intake.answers.js';
import { createVacancyService } from '../vacancies/vacancies.service.js';
import { createCandidateService } from '../candidates/candidates.service.js';
import { seedDemoSubscriptions } from '../digests/digests.demo.js';
import { CONSENT_TEXTS } from '../candidates/consent-texts.js';
import { seedDemoAuditAttributes } from '../privacy/demo-audit-attributes.js';
import { seedDemoHouseholds } from '../rekentool/rekentool.demo.js';
import { generateDemoCandidates } from './demo-candidates.js';
import { seedDemoHistory } from './demo-history.js';
import { DEMO_EMPLOYERS } from './demo-employers.js';
import { DEMO_POSTCODE_AREAS } from './demo-places.js';
import { DEMO_OCCUPATION_URIS, seedDemoTaxonomy, withDemoConcept } from './demo-taxonomy.js';

export const DEMO_TENANT_SLUG = 'demo-midden-brabant';

/** The demo Werkplein's staff. Invented people. */
const DEMO_STAFF: Array<{ key: string; name: string; email: string; role: Role }> = [
  { key: 'admin', name: 'Marieke de Vries', email: 'm.devries@werkplein-demo.example', role: 'admin' },
  { key: 'account-manager', name: 'Sanne Jansen', email: 's.jansen@werkplein-demo.example', role: 'account_manager' },
  { key: 'account-manager-2', name: 'Mohamed El Amrani', email: 'm.elamrani@werkplein-demo.example', role: 'account_manager' },
  { key: 'account-manager-3', name: 'Ruud van den Berg', email: 'r.vandenberg@werkplein-demo.example', role: 'account_manager' },
  { key: 'account-manager-4', name: 'Esra Yılmaz', email: 'e.yilmaz@werkplein-demo.example', role: 'account_manager' },
  { key: 'employer-relations', name: 'Jeroen Smits', email: 'j.smits@werkplein-demo.example', role: 'employer_relations' },
  { key: 'employer-relations-2', name: 'Linda Verhoeven', email: 'l.verhoeven@werkplein-demo.example', role: 'employer_relations' },
];

/**
 * The demo's future dates (growth plans) are written as seen from 25 November 2026; seeded later,
 * they move along by as many days, so that a demo started any day has the same months ahead of it.
 */
const DEMO_REFERENCE_DAY = Date.UTC(2026, 10, 25);

export function shiftDemoDate(date: string, seededAt: Date): string {
  const seedDay = Date.UTC(seededAt.getUTCFullYear(), seededAt.getUTCMonth(), seededAt.getUTCDate());
  const shift = Math.max(0, seedDay - DEMO_REFERENCE_DAY);
  return new Date(Date.parse(`${date}T00:00:00Z`) + shift).toISOString().slice(0, 10);
}

/** The demo accounts whose tokens are printed at start; env names fix them for scripts. */
export const DEMO_ACCOUNTS = [
  { key: 'account-manager', env: 'DEMO_STAFF_TOKEN', label: 'klantmanager (account_manager)' },
  { key: 'employer-relations', env: 'DEMO_EMPLOYER_RELATIONS_TOKEN', label: 'werkgeversdienstverlener (employer_relations)' },
  { key: 'admin', env: 'DEMO_ADMIN_TOKEN', label: 'beheerder (admin)' },
  { key: 'employer:hoge-wal', env: 'DEMO_EMPLOYER_TOKEN', label: 'werkgever De Hoge Wal (employer)' },
] as const;
export type DemoAccountEnv = (typeof DEMO_ACCOUNTS)[number]['env'];

export async function demoTenantId(db: Executor): Promise<string | undefined> {
  const [row] = await db.select({ id: tenants.id }).from(tenants).where(eq(tenants.slug, DEMO_TENANT_SLUG)).limit(1);
  return row?.id;
}

/** Puts the demo region's postcode areas in place, without overriding imported GeoNames data. */
export async function seedDemoPostcodes(db: Executor): Promise<void> {
  const repository = geoRepository(db);
  const known = await repository.findAreas(DEMO_POSTCODE_AREAS.map((area) => area.postcode4));
  const missing = DEMO_POSTCODE_AREAS.filter((area) => !known.has(area.postcode4));
  await repository.upsertAreas(missing.map((area) => ({ ...area, source: 'demo (approximate)' })));
}

/**
 * Seeds the demo Werkplein (fictional, Midden-Brabant): staff, 27 employers in seven sectors,
 * their locations, 60+ vacancies, three growth plans and 260 synthetic jobseekers with intakes, and
 * (unless `history` is false) a few months of activity before now. Everything goes through the same
 * services and schemas as the API, in one transaction. Does nothing when it already exists.
 */
export async function seedDemo({
  db,
  clock,
  logger,
  history = true,
}: {
  db: Db;
  clock: Clock;
  logger: Logger;
  /** Also seed the demo's past months of activity (demo-history.ts); off for figures fixed in time. */
  history?: boolean;
}): Promise<{ created: boolean; tenantId: string }> {
  const existing = await demoTenantId(db);
  if (existing) return { created: false, tenantId: existing };
  const employers = createEmployerService({ db, clock });
  const vacancies = createVacancyService({ db, clock });
  const growthPlans = createGrowthPlanService({ db, clock, vacancies });
  const candidates = createCandidateService({ db, clock });

  const tenantId = await db.transaction(async (tx) => {
    const now = clock.now();
    const tenantId = newId(now.getTime());
    await tx.insert(tenants).values({ id: tenantId, slug: DEMO_TENANT_SLUG, name: 'Werkplein Midden-Brabant (demo)', settings: { rankingEnabled: true } });
    await seedDemoPostcodes(tx);
    await seedDemoTaxonomy(tx);

    const repository = userRepository(tx);
    const staffIds = new Map<string, string>();
    for (const person of DEMO_STAFF) {
      const row = await repository.insert({ tenantId, id: newId(now.getTime()), email: person.email, name: person.name, role: person.role, createdAt: now });
      staffIds.set(person.key, row.id);
    }
    const admin: Principal = { tenantId, userId: staffIds.get('admin')!, tokenId: 'seed', role: 'admin', employerId: null };

    let vacancyCount = 0;
    for (const demo of DEMO_EMPLOYERS) {
      const employer = await employers.create(
        tx,
        admin,
        createEmployerBodySchema.parse({
          name: demo.name,
          kvkNumber: demo.kvkNumber,
          sector: demo.sector,
          description: demo.description,
          contacts: [demo.contact],
        }),
      );
      const locationIds: string[] = [];
      for (const location of demo.locations) {
        const created = await employers.createLocation({ tx, principal: admin, employerId: employer.id, body: createLocationBodySchema.parse(location) });
        locationIds.push(created.id);
      }
      const contactUser = await repository.insert({
        tenantId,
        id: newId(now.getTime()),
        email: demo.contact.email,
        name: demo.contact.name,
        role: 'employer',
        employerId: employer.id,
        createdAt: now,
      });
      staffIds.set(`employer:${demo.key}`, contactUser.id);

      for (const vacancy of demo.vacancies) {
        await vacancies.create(
          tx,
          admin,
          createVacancyBodySchema.parse({
            employerId: employer.id,
            locationId: locationIds[vacancy.location ?? 0],
            title: vacancy.title,
            occupationUri: vacancy.occupation ? DEMO_OCCUPATION_URIS[vacancy.occupation] : undefined,
            description: vacancy.description,
            hoursPerWeek: { min: vacancy.hours[0], max: vacancy.hours[1] },
            rampUpFromHours: vacancy.rampUpFromHours ?? null,
            shiftPattern: vacancy.shiftPattern,
            contractType: vacancy.contractType,
            startDate: '2027-01-05',
            positions: vacancy.positions,
            competencies: vacancy.competencies.map(withDemoConcept),
            trainingOffered: vacancy.training ?? [],
            supportOffered: vacancy.support ?? [],
            requiredCredentials: vacancy.credentials ?? [],
            status: vacancy.status ?? 'open',
          }),
        );
        vacancyCount += 1;
      }
      for (const plan of demo.growthPlans ?? []) {
        const { location, ...body } = plan;
        const roles = body.roles.map((role) => ({
          ...role,
          competencies: role.competencies?.map(withDemoConcept),
          expectedDate: shiftDemoDate(role.expectedDate, now),
        }));
        await growthPlans.create({
          tx,
          principal: admin,
          employerId: employer.id,
          body: createGrowthPlanBodySchema.parse({ ...body, roles, locationId: locationIds[location] }),
        });
      }
    }
    const accountManagers = ['account-manager', 'account-manager-2', 'account-manager-3', 'account-manager-4'].map((key): Principal => ({
      tenantId,
      userId: staffIds.get(key)!,
      tokenId: 'seed',
      role: 'account_manager',
      employerId: null,
    }));
    const people = generateDemoCandidates();
    for (const person of people) {
      const caseworker = accountManagers[person.accountManagerIndex]!;
      const candidate = await candidates.create(
        tx,
        caseworker,
        createCandidateBodySchema.parse({ contact: { givenName: person.givenName, familyName: person.familyName }, postcode: person.postcode }),
      );
      await candidates.submitIntake({ tx, principal: caseworker, id: candidate.id, body: submitIntakeBodySchema.parse(person.intake) });
      if (person.consentToShare) {
        await candidates.giveConsent({
          tx,
          principal: caseworker,
          id: candidate.id,
          body: { purpose: 'share_with_employers', textVersion: CONSENT_TEXTS.share_with_employers.version },
          lang: 'nl',
        });
      }
      if (person.status !== 'active') await candidates.update({ tx, principal: caseworker, id: candidate.id, body: { status: person.status } });
    }
    // Synthetic audit attributes, so that the demo's fairness report has groups to compare.
    await seedDemoAuditAttributes(tx, tenantId, { clock });
    // Invented household situations, so that the rekentool can be tried on demo people.
    await seedDemoHouseholds(tx, tenantId, { clock });
    // Weekly digests for the demo's staff and employer contacts (the first goes out in the next period).
    await seedDemoSubscriptions(tx, tenantId, now);
    // A few months of shortlists, answers, placements and follow-ups before now, timed for the first digests.
    if (history) await seedDemoHistory({ db, tx, tenantId, now: clock.now(), logger });
    logger.info({ employers: DEMO_EMPLOYERS.length, vacancies: vacancyCount, candidates: people.length }, 'demo Werkplein seeded');
    return tenantId;
  });
  return { created: true, tenantId };
}

/**
 * Makes sure each demo account has a working token and returns them for the start-up banner.
 * Tokens come from the environment (DEMO_*_TOKEN) when set, and otherwise are generated once and
 * kept in VAR_DIR/demo-tokens.json, so that they stay the same across restarts of the demo.
 */
export async function ensureDemoTokens({
  db,
  clock,
  varDir,
  fixed,
}: {
  db: Db;
  clock: Clock;
  varDir: string;
  fixed: Partial<Record<DemoAccountEnv, string | undefined>>;
}): Promise<Array<{ label: string; env: DemoAccountEnv; token: string }>> {
  const tenantId = await demoTenantId(db);
  if (!tenantId) return [];
  const file = path.join(varDir, 'demo-tokens.json');
  const stored = (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {}) as Partial<Record<DemoAccountEnv, string>>;
  const users = createUserService({ db, clock, tokenTtlDays: 365 });
  const repository = userRepository(db);
  const result: Array<{ label: string; env: DemoAccountEnv; token: string }> = [];
  for (const account of DEMO_ACCOUNTS) {
    let token = fixed[account.env] ?? stored[account.env] ?? generateToken();
    const existing = await repository.findTokenByHash(hashToken(token));
    if (existing && (existing.revokedAt || existing.expiresAt <= clock.now())) {
      // Revoked or expired on purpose: never resurrect it. A fixed token stays dead; a stored one is replaced.
      if (fixed[account.env] !== undefined) continue;
      token = generateToken();
    }
    if (!existing || token !== (fixed[account.env] ?? stored[account.env])) {
      const user = await demoUser(db, tenantId, account.key);
      if (!user) continue;
      await db.transaction((tx) => users.issueToken(tx, { tenantId, userId: user, label: `demo: ${account.label}`, token }));
    }
    stored[account.env] = token;
    result.push({ label: account.label, env: account.env, token });
  }
  await mkdir(varDir, { recursive: true });
  const fromFileOnly = Object.fromEntries(Object.entries(stored).filter(([env]) => fixed[env as DemoAccountEnv] === undefined));
  await writeFile(file, JSON.stringify(fromFileOnly, null, 2), { mode: 0o600 });
  return result;
}

/** The demo accounts with their users, for the direct sign-in links `npm start` prints. */
export async function demoAccountUsers(db: Db): Promise<Array<{ label: string; tenantId: string; userId: string }>> {
  const tenantId = await demoTenantId(db);
  if (!tenantId) return [];
  const result: Array<{ label: string; tenantId: string; userId: string }> = [];
  for (const account of DEMO_ACCOUNTS) {
    const userId = await demoUser(db, tenantId, account.key);
    if (userId) result.push({ label: account.label, tenantId, userId });
  }
  return result;
}

async function demoUser(db: Executor, tenantId: string, key: string): Promise<string | undefined> {
  const repository = userRepository(db);
  if (key.startsWith('employer:')) {
    const demo = DEMO_EMPLOYERS.find((employer) => `employer:${employer.key}` === key);
    return demo ? (await repository.findByEmail({ tenantId, email: demo.contact.email }))?.id : undefined;
  }
  const person = DEMO_STAFF.find((staff) => staff.key === key);
  return person ? (await repository.findByEmail({ tenantId, email: person.email }))?.id : undefined;
}
