import { fixtureJson } from '../support/assert.js';
import { and, eq, sql } from 'drizzle-orm';
import t from 'tap';
import { auditLog } from '../../db/schema/index.js';
import type { Role } from '../../src/auth/roles.js';
import { bearer, buildTenant, type Account, createCandidate, intakeV2, vacancyBody } from '../support/factories.js';
import { seedDemoTaxonomy } from '../../src/demo/demo-taxonomy.js';
import { buildTestApp } from '../support/harness.js';
import { fillPath } from '../support/routes.js';
import { hasSampleBody, sampleBody } from '../support/sample-bodies.js';

/*
 * Issue 11.12: every write by a person leaves an audit row. Every writing API route (POST, PUT,
 * PATCH, DELETE) of the route table is called with its sample body and the ids of a tenant that has
 * one of everything (routes with a precondition get a fresh state of their own first); each must
 * succeed (2xx) and leave a new audit row whose actor is the caller. A new writing route fails here
 * until it audits (src/audit/audit.ts, one writer) or is listed below with why. The page forms that
 * write are checked the same way in test/pages/page-writes-audited.test.ts.
 */

/**
 * Writing routes that are not a person's change of the Werkplein's data: each says why it leaves no
 * audit row. Everything else must succeed here and leave a row naming the caller.
 */
const NOT_A_PERSONS_WRITE: Record<string, string> = {
  // Opening a one-click unsubscribe link: the subscription row records the unsubscription, no staff actor.
  'POST /v1/unsubscribe': 'the person behind a mail link, recorded on the subscription itself',
  // A bounce report from the mail system, not a person: it adds a suppression row.
  'POST /v1/mail/bounces': 'the mail system reports a bounce; kept as a suppression',
  // A read with a body (the texts to match can be long): it stores nothing.
  'POST /v1/taxonomy/skills/suggestions': 'a read: suggests skills for texts, stores nothing',
};

t.test('every writing API route that succeeds leaves an audit row naming the caller (issue 11.12)', async (t) => {
  const { app, database } = await buildTestApp(t);
  const db = database.db;
  await seedDemoTaxonomy(db);
  const world = await buildTenant(db, { name: 'Werkplein Alles Gelogd' });
  const staff = world.accountManager;
  const owner = world.employerA;
  const post = (url: string, payload: unknown, account: Account = staff) =>
    app.inject({ method: 'POST', url, headers: bearer(account), ...(payload === undefined ? {} : { payload: payload as object }) });

  const newVacancy = async () =>
    (
      await fixtureJson(
        'vacancy',
        post('/v1/vacancies', { ...vacancyBody({ employerId: owner.employer.id, locationId: owner.location.id }), status: 'open' }, world.employerRelations),
      )
    ).id as string;
  const vacancyId = await newVacancy();
  const plan = await fixtureJson(
    'growth plan',
    post(
      `/v1/employers/${owner.employer.id}/growth-plans`,
      sampleBody('POST', '/v1/employers/:id/growth-plans', { locationId: owner.location.id }),
      world.employerRelations,
    ),
  );
  /** A person with an intake and, unless `consent` is false, consent to share with employers. */
  const person = async ({ consent = true } = {}) => {
    const candidate = await createCandidate(app, staff);
    const intake = await fixtureJson('intake', post(`/v1/candidates/${candidate.id}/intakes`, intakeV2()));
    const given = consent
      ? await fixtureJson('consent', post(`/v1/candidates/${candidate.id}/consents`, { purpose: 'share_with_employers', textVersion: '2026-1' }))
      : null;
    return { id: candidate.id, intake, consentId: (given?.id ?? '') as string };
  };
  /** A shortlist of its own (on a vacancy of its own) holding one person, approved and sent when asked. */
  const shortlistWith = async ({ pitch = { strengths: 'Betrouwbaar en leert snel' }, approve = false, send = false } = {}) => {
    const someone = await person();
    const shortlist = await fixtureJson('shortlist', post(`/v1/vacancies/${await newVacancy()}/shortlists`, {}));
    await fixtureJson('entry', post(`/v1/shortlists/${shortlist.id}/candidates`, { candidateId: someone.id, pitch }));
    if (approve || send) await fixtureJson('approval', post(`/v1/shortlists/${shortlist.id}/candidates/${someone.id}/approve`, undefined));
    if (send) await fixtureJson('send', post(`/v1/shortlists/${shortlist.id}/send`, undefined));
    return { shortlists: shortlist.id as string, candidates: someone.id };
  };

  const candidate = await person();
  const toPlace = await person();
  const toErase = await person();
  const shortlist = await fixtureJson('shortlist', post(`/v1/vacancies/${vacancyId}/shortlists`, {}));
  await fixtureJson(
    'entry',
    post(`/v1/shortlists/${shortlist.id}/candidates`, { candidateId: candidate.id, pitch: { strengths: 'Betrouwbaar en leert snel' } }),
  );
  const placed = await person();
  const placement = await fixtureJson(
    'placement',
    post('/v1/placements', { candidateId: placed.id, vacancyId, startDate: '2026-01-05', hoursPerWeek: 24, contractType: 'fixed_term', contractMonths: 6 }),
  );
  const digest = await fixtureJson('digest', post('/v1/digest-subscriptions', { frequency: 'weekly', weekday: 'mon', hour: 7 }));
  // A token of its own to revoke, so that no caller below loses theirs.
  const spareToken = await fixtureJson('token', post(`/v1/users/${owner.user.userId}/tokens`, { label: 'reserve' }, world.admin));
  const skill = await db.execute<{ id: string }>(
    sql`select substring(uri from '[0-9a-f-]{36}$') as id from taxonomy_skills where uri ~ '[0-9a-f-]{36}$' limit 1`,
  );
  t.ok(skill.rows[0], 'a skill to label');

  const ids: Record<string, string | undefined> = {
    candidates: candidate.id,
    vacancies: vacancyId,
    employers: owner.employer.id,
    locations: owner.location.id,
    'growth-plans': plan.id,
    users: owner.user.userId,
    tokens: spareToken.id,
    barriers: candidate.intake.profile?.barriers?.[0]?.id,
    consents: candidate.consentId,
    shortlists: shortlist.id,
    placements: placement.id,
    'digest-subscriptions': digest.id,
    skills: skill.rows[0]?.id,
  };
  /** Bodies with real ids where the shared sample's fixed ids would only meet a 404. */
  const bodies: Record<string, unknown> = {
    'POST /v1/shortlists/:id/candidates': { candidateId: toPlace.id, pitch: { strengths: 'Werkt nauwkeurig' } },
    'POST /v1/placements': { candidateId: toPlace.id, vacancyId, startDate: '2027-01-04', hoursPerWeek: 24, contractType: 'fixed_term', contractMonths: 6 },
    'POST /v1/shortlists/:id/candidates/:candidateId/pitch-override': sampleBody('POST', '/v1/shortlists/:id/candidates/:candidateId/pitch-override', {}),
  };
  /**
   * Routes that need a state of their own to succeed (a write that ends or changes what the others
   * need, or a precondition): made just before the call, as ids for the path.
   */
  const prepare: Record<string, () => Promise<Record<string, string>>> = {
    'POST /v1/candidates/:id/erase': async () => ({ candidates: toErase.id }),
    'POST /v1/candidates/:id/consents': async () => ({ candidates: (await person({ consent: false })).id }),
    'DELETE /v1/employers/:id/locations/:locationId': async () => ({
      locations: (
        await fixtureJson(
          'location',
          post(`/v1/employers/${owner.employer.id}/locations`, { name: 'Tijdelijke locatie', postcode: '5038 AB' }, world.employerRelations),
        )
      ).id,
    }),
    'PATCH /v1/shortlists/:id/candidates/:candidateId': () => shortlistWith(),
    'DELETE /v1/shortlists/:id/candidates/:candidateId': () => shortlistWith(),
    'POST /v1/shortlists/:id/candidates/:candidateId/approve': () => shortlistWith(),
    'POST /v1/shortlists/:id/candidates/:candidateId/pitch-override': () =>
      shortlistWith({ pitch: { strengths: 'Werkt nauwkeurig en is weer fit na een burn-out' } }),
    'POST /v1/shortlists/:id/send': () => shortlistWith({ approve: true }),
    'POST /v1/shortlists/:id/candidates/:candidateId/feedback': () => shortlistWith({ send: true }),
    'POST /v1/candidates/:id/proposals/:proposalId/decision': async () => {
      const proposal = await app.services.jobseeker.propose(db, { tenantId: world.tenantId, candidateId: candidate.id }, { changes: { hoursTarget: 24 } });
      return { candidates: candidate.id, proposals: proposal.id };
    },
  };

  const callers: Array<{ role: Role; account: Account }> = [
    { role: 'admin', account: world.admin },
    { role: 'account_manager', account: staff },
    { role: 'employer_relations', account: world.employerRelations },
    { role: 'employer', account: owner.user },
  ];
  const auditIds = async () => new Set((await db.select({ id: auditLog.id }).from(auditLog).where(eq(auditLog.tenantId, world.tenantId))).map((row) => row.id));
  const newAuditRows = async (before: Set<string>) =>
    (await db.select().from(auditLog).where(eq(auditLog.tenantId, world.tenantId))).filter((row) => !before.has(row.id));

  const writes = app.routeTable.filter(
    (route) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(route.method) && !route.page && !route.hidden && route.url.startsWith('/v1/'),
  );
  // Erasure last: it removes rows the other calls read.
  writes.sort((a, b) => Number(a.url.endsWith('/erase')) - Number(b.url.endsWith('/erase')));
  const unaudited: string[] = [];
  const succeeded: string[] = [];
  const unreached: string[] = [];
  for (const route of writes) {
    const key = `${route.method} ${route.url}`;
    if (key in NOT_A_PERSONS_WRITE) continue;
    const roles = route.access === 'public' || route.access === undefined ? [] : route.access;
    const caller = callers.find((entry) => roles.includes(entry.role));
    if (!caller) {
      unreached.push(`${key} → no caller may call it`);
      continue;
    }
    const own = (await prepare[key]?.()) ?? {};
    const url = fillPath(route.url, (_param, resource) => own[resource] ?? ids[resource] ?? `unknown-${resource}`);
    const before = await auditIds();
    const payload =
      bodies[key] ??
      (route.hasBody && hasSampleBody(route.method, route.url)
        ? sampleBody(route.method, route.url, { locationId: owner.location.id, employerId: owner.employer.id })
        : undefined);
    const response = await app.inject({
      method: route.method as 'POST',
      url,
      headers: bearer(caller.account),
      ...(payload !== undefined ? { payload: payload } : {}),
    });
    if (response.statusCode >= 300) {
      unreached.push(`${key} → ${response.statusCode} ${response.body.slice(0, 200)}`);
      continue;
    }
    succeeded.push(key);
    const rows = await newAuditRows(before);
    if (!rows.some((row) => row.actorUserId === caller.account.userId)) {
      unaudited.push(
        `${key} (${caller.role} → ${response.statusCode}; new rows: ${rows.map((row) => `${row.action} by ${row.actorUserId}`).join(', ') || 'none'})`,
      );
    }
  }
  t.same(unreached, [], "every writing route that is a person's write was reached (or is listed above with why not)");
  t.same(unaudited, [], 'every write that succeeded left an audit row naming the caller');
  t.ok(succeeded.length >= 50, `${succeeded.length} of ${writes.length} writing routes succeeded and were checked`);
  // The allow-list names real writing routes only.
  const known = new Set(writes.map((route) => `${route.method} ${route.url}`));
  t.same(
    Object.keys(NOT_A_PERSONS_WRITE).filter((key) => !known.has(key)),
    [],
    'no stale allow-list entries',
  );
  const tokenRows = await db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.tenantId, world.tenantId), eq(auditLog.action, 'token.issue')));
  t.ok(
    tokenRows.every((row) => !JSON.stringify(row.details).includes('krj_')),
    'an audit row never holds a token',
  );
});
