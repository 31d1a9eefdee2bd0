import { fixtureJson } from '../support/assert.js';
import { eq } from 'drizzle-orm';
import t from 'tap';
import { auditLog } from '../../db/schema/index.js';
import { bearer, buildTenant, createCandidate, intakeV2, vacancyBody, type Account } from '../support/factories.js';
import { buildPageApp, form, sessionCookieFor } from '../support/pages.js';
import { sampleBody } from '../support/sample-bodies.js';

/*
 * Issue 11.12 for the page forms: pages call the same services as the API, so a form that writes
 * leaves the same audit row, naming the signed-in person. Every POST page route is listed here:
 * checked (the form is sent and must succeed and leave a row naming the caller), a sign-in step
 * (not a change of the Werkplein's data), or, for now, covered by the API test only (the service
 * it calls is proven there, test/privacy/writes-audited.test.ts). A new form route fails here until
 * it is listed.
 */

/** Sign-in steps: sessions and one-time links, by someone who is not signed in yet (or signing out). */
const SIGN_IN: Record<string, string> = {
  'POST /inloggen': 'asks for a sign-in link by e-mail; not signed in, changes no data of the Werkplein',
  'POST /inloggen/link': 'uses a one-time link to start a session',
  'POST /inloggen/code': 'uses a one-time code to start a session',
  'POST /uitloggen': 'ends the own session',
};

/** Form routes whose service call is proven to audit by the API test (the same service function). */
const SERVICE_PROVEN_BY_API: Record<string, string> = {
  'POST /werkplek/shortlists/:id/kandidaten/:candidateId': 'shortlists.updateEntry / removeEntry',
  'POST /werkplek/shortlists/:id/kandidaten/:candidateId/goedkeuren': 'shortlists.approve',
  'POST /werkplek/shortlists/:id/kandidaten/:candidateId/uitzondering': 'shortlists.overridePitchWarnings',
  'POST /werkplek/shortlists/:id/versturen': 'shortlists.send',
  'POST /werkplek/beheer/instellingen': 'settings.update',
  'POST /werkplek/kandidaten/:id/intake/:step': 'candidates.saveIntakeDraftSection (no API route; it audits candidate.change intake_draft itself)',
  'POST /werkplek/kandidaten/:id/intake/afronden': 'candidates.finishIntakeDraft → submitIntake (POST /v1/candidates/:id/intakes)',
  'POST /werkplek/kandidaten/:id/beoordelingen': 'candidates.addAssessment (POST /v1/candidates/:id/assessments)',
  'POST /werkplek/werkgevers/:id/bewerken': 'employers.update (PATCH /v1/employers/:id)',
  'POST /werkplek/werkgevers/:id/locaties/:locationId/bewerken': 'employers.updateLocation (PATCH /v1/employers/:id/locations/:locationId)',
  'POST /werkplek/werkgevers/:id/vacatures/:vacancyId/bewerken': 'vacancies.update (PATCH /v1/vacancies/:id)',
  'POST /werkplek/beheer/gegevens/kandidaten/:id/inzage': 'privacy.exportCandidate',
  'POST /werkplek/beheer/gegevens/kandidaten/:id/verwijderen': 'privacy.eraseCandidate',
  'POST /werkplek/beheer/gewichten/voorbeeld': 'the weights what-if (weights.what_if)',
  'POST /werkplek/beheer/gewichten': 'matching.setWeights',
  'POST /werkplek/beheer/rekenregels': 'rekentool rules (rekentool.rules_change)',
  'POST /werkplek/kandidaten/:id/inlogcode': 'audits jobseeker.sign_in_code in the page itself',
  'POST /werkplek/kandidaten/:id/besproken/:vacancyId': 'jobseeker.markDiscussed',
  'POST /werkplek/kandidaten/:id/besproken/:vacancyId/weg': 'jobseeker.unmarkDiscussed',
  'POST /werkplek/kandidaten/:id/voorstellen/:proposalId': 'jobseeker.decide',
  'POST /werkplek/werkgevers/:id/locaties': 'employers.createLocation',
  'POST /werkplek/werkgevers/:id/vacatures/nieuw': 'vacancies.create',
  'POST /werkplek/vacatures/:id/shortlist': 'shortlists.create / addEntry',
  'POST /werkgever/medewerkers/:id/check-in': 'placements.recordCheckIn',
  'POST /werkgever/shortlists/:id/kandidaten/:candidateId/antwoord': 'shortlists.giveFeedback',
  'POST /werkgever/groeiplannen/nieuw': 'growthPlans.create',
  'POST /werkgever/vacatures/nieuw': 'vacancies.create',
  'POST /werkgever/vacatures/:id/bewerken': 'vacancies.update',
  'POST /werkgever/vacatures/:id/status': 'vacancies.update (status)',
  'POST /mijn/toestemmingen/:consentId/intrekken': 'jobseeker.withdrawOwnConsent (actor: the person)',
  'POST /mijn/wensen': 'jobseeker.proposeCorrection (actor: the person)',
};

t.test('the page forms that write leave an audit row naming the signed-in person (issue 11.12)', async (t) => {
  const { app, database } = await buildPageApp(t, { listen: false });
  const db = database.db;
  const world = await buildTenant(db, { name: 'Werkplein Formulieren' });
  const staff = world.accountManager;
  const owner = world.employerA;
  const post = (url: string, payload: unknown, account: Account = staff) =>
    app.inject({ method: 'POST', url, headers: bearer(account), payload: payload as object });
  const vacancy = await fixtureJson(
    'vacancy',
    post('/v1/vacancies', { ...vacancyBody({ employerId: owner.employer.id, locationId: owner.location.id }), status: 'open' }, world.employerRelations),
  );
  const person = async () => {
    const candidate = await createCandidate(app, staff);
    await fixtureJson('intake', post(`/v1/candidates/${candidate.id}/intakes`, intakeV2()));
    return candidate.id;
  };
  const placement = await fixtureJson(
    'placement',
    post('/v1/placements', {
      candidateId: await person(),
      vacancyId: vacancy.id,
      startDate: '2026-01-05',
      hoursPerWeek: 24,
      contractType: 'fixed_term',
      contractMonths: 6,
    }),
  );
  const growthPlan = () =>
    fixtureJson(
      'growth plan',
      post(
        `/v1/employers/${owner.employer.id}/growth-plans`,
        sampleBody('POST', '/v1/employers/:id/growth-plans', { locationId: owner.location.id }),
        world.employerRelations,
      ),
    );
  const token = await fixtureJson('token', post(`/v1/users/${owner.user.userId}/tokens`, { label: 'reserve' }, world.admin));

  type Check = { account: Account; url: string; fields: Record<string, string | string[]> };
  const checks: Record<string, () => Promise<Check>> = {
    'POST /werkplek/beheer/gebruikers': async () => ({
      account: world.admin,
      url: '/werkplek/beheer/gebruikers',
      fields: { name: 'Nieuwe Collega', email: 'collega@test.example', role: 'account_manager', employerId: '' },
    }),
    'POST /werkplek/beheer/gebruikers/:id': async () => ({
      account: world.admin,
      url: `/werkplek/beheer/gebruikers/${owner.user.userId}`,
      fields: { name: 'Andere Naam', role: '', active: 'true' },
    }),
    'POST /werkplek/beheer/gebruikers/:id/tokens': async () => ({
      account: world.admin,
      url: `/werkplek/beheer/gebruikers/${owner.user.userId}/tokens`,
      fields: { label: 'portaal', ttlDays: '30' },
    }),
    'POST /werkplek/beheer/tokens/:id/intrekken': async () => ({ account: world.admin, url: `/werkplek/beheer/tokens/${token.id}/intrekken`, fields: {} }),
    'POST /werkplek/kandidaten/:id/woonsituatie': async () => ({
      account: staff,
      url: `/werkplek/kandidaten/${await person()}/woonsituatie`,
      fields: { situation: 'partners', ageGroup: '27_to_pension_age', costSharers: '0', partnerNetMonthlyIncome: '1.250,50', vacature: vacancy.id },
    }),
    'POST /werkplek/plaatsingen': async () => ({
      account: staff,
      url: '/werkplek/plaatsingen',
      fields: {
        candidateId: await person(),
        vacancyId: vacancy.id,
        shortlistId: '',
        startDate: '2027-01-04',
        hoursPerWeek: '24',
        contractType: 'fixed_term',
        contractMonths: '6',
      },
    }),
    'POST /werkplek/plaatsingen/:id/gesprek': async () => ({
      account: staff,
      url: `/werkplek/plaatsingen/${placement.id}/gesprek`,
      fields: { monthMark: '1', outcome: 'working', dropoutReason: '', endedOn: '', note: '' },
    }),
    'POST /werkplek/werkgevers/:id/groeiplannen/nieuw': async () => ({
      account: world.employerRelations,
      url: `/werkplek/werkgevers/${owner.employer.id}/groeiplannen/nieuw`,
      fields: {
        naam: 'Nieuwe hal',
        locatie: owner.location.id,
        titel: 'Orderpicker',
        plaatsen: '8',
        start: '2027-05-03',
        urenMin: '24',
        urenMax: '32',
        contract: 'fixed_term',
        opleidenWeken: '4',
        dienst: ['mon:early', 'tue:early'],
      },
    }),
    'POST /werkplek/groeiplannen/:id/bewerken': async () => {
      const plan = await growthPlan();
      return {
        account: world.employerRelations,
        url: `/werkplek/groeiplannen/${plan.id}/bewerken`,
        fields: {
          naam: 'Uitbreiding (later)',
          omschrijving: '',
          locatie: owner.location.id,
          status: 'planned',
          'rol-0': plan.roles[0].id,
          'titel-0': 'Orderpicker',
          'plaatsen-0': '12',
          'start-0': '2027-06-01',
          'opleidenWeken-0': '6',
        },
      };
    },
    'POST /werkplek/groeiplannen/:id/vacatures': async () => ({
      account: world.employerRelations,
      url: `/werkplek/groeiplannen/${(await growthPlan()).id}/vacatures`,
      fields: {},
    }),
    'POST /werkplek/werkgevers/:id/locaties/:locationId/verwijderen': async () => {
      const spare = await fixtureJson(
        'location',
        post(`/v1/employers/${owner.employer.id}/locations`, { name: 'Reservelocatie', postcode: '5047 AB' }, world.employerRelations),
      );
      return { account: world.employerRelations, url: `/werkplek/werkgevers/${owner.employer.id}/locaties/${spare.id}/verwijderen`, fields: {} };
    },
    'POST /werkplek/werkgevers': async () => ({
      account: world.employerRelations,
      url: '/werkplek/werkgevers',
      fields: { name: 'Bakkerij Formulier', sector: 'retail' },
    }),
  };

  const formRoutes = app.routeTable.filter((route) => route.method === 'POST' && route.page).map((route) => `${route.method} ${route.url}`);
  const listed = new Set([...Object.keys(SIGN_IN), ...Object.keys(SERVICE_PROVEN_BY_API), ...Object.keys(checks)]);
  t.same(
    formRoutes.filter((key) => !listed.has(key)),
    [],
    'every form route that writes is checked here or listed with why not',
  );
  t.same(
    [...listed].filter((key) => !formRoutes.includes(key)),
    [],
    'no stale entries',
  );

  const sessions = new Map<string, { cookie: string; csrf: string }>();
  for (const [key, make] of Object.entries(checks)) {
    const check = await make();
    const session = sessions.get(check.account.userId) ?? (await sessionCookieFor(app, check.account));
    sessions.set(check.account.userId, session);
    const before = new Set((await db.select({ id: auditLog.id }).from(auditLog).where(eq(auditLog.tenantId, world.tenantId))).map((row) => row.id));
    const body = form({ _csrf: session.csrf, ...check.fields });
    const response = await app.inject({ method: 'POST', url: check.url, headers: { cookie: session.cookie, ...body.headers }, payload: body.payload });
    t.ok([200, 201, 303].includes(response.statusCode), `${key} succeeded (${response.statusCode})`);
    const rows = (await db.select().from(auditLog).where(eq(auditLog.tenantId, world.tenantId))).filter((row) => !before.has(row.id));
    t.ok(
      rows.some((row) => row.actorUserId === check.account.userId),
      `${key} left an audit row naming the signed-in person (${rows.map((row) => row.action).join(', ') || 'none'})`,
    );
  }
});
