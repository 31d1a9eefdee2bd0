import { and, eq, sql } from 'drizzle-orm';
import t from 'tap';
import { auditLog } from '../../db/schema/index.js';
import type { Role } from '../../src/auth/roles.js';
import { bearer, buildTenant, type Account, createCandidate, intakeV2, vacancyBody } from '../support/factories.js';
import { buildTestApp } from '../support/harness.js';
import { fillPath } from '../support/routes.js';
import { hasSampleBody, sampleBody } from '../support/sample-bodies.js';

/*
 * Issue 11.12: every write by a person leaves an audit row. Every writing API route (POST, PUT,
 * PATCH, DELETE) of the route table is called with its sample body and the ids of a tenant that has
 * one of everything; when it succeeds (2xx), that tenant's audit_log must have grown. A new writing
 * route fails here until it audits (src/audit/audit.ts, one writer) or is listed below with why.
 */

/** Writes that are not a person's change of the Werkplein's data: each says why it writes no audit row. */
const NOT_A_PERSONS_WRITE: Record<string, string> = {
  // Opening a one-click unsubscribe link: the subscription row records the unsubscription, no staff actor.
  'POST /v1/unsubscribe': 'the person behind a mail link, recorded on the subscription itself',
  // A bounce report from the mail system, not a person: it adds a suppression row.
  'POST /v1/mail/bounces': 'the mail system reports a bounce; kept as a suppression',
};

t.test('every writing API route that succeeds leaves an audit row for its tenant (issue 11.12)', async (t) => {
  const { app, database } = await buildTestApp(t);
  const db = database.db;
  const world = await buildTenant(db, { name: 'Werkplein Alles Gelogd' });
  const staff = world.accountManager;
  const owner = world.employerA;

  const vacancy = await app.inject({
    method: 'POST',
    url: '/v1/vacancies',
    headers: bearer(world.employerRelations),
    payload: { ...vacancyBody({ employerId: owner.employer.id, locationId: owner.location.id }), status: 'open' },
  });
  t.equal(vacancy.statusCode, 201, `fixture vacancy ${vacancy.body}`);
  const vacancyId = vacancy.json().id as string;
  const plan = await app.inject({
    method: 'POST',
    url: `/v1/employers/${owner.employer.id}/growth-plans`,
    headers: bearer(world.employerRelations),
    payload: sampleBody('POST', '/v1/employers/:id/growth-plans', { locationId: owner.location.id }),
  });
  const person = async () => {
    const candidate = await createCandidate(app, staff);
    const intake = await app.inject({ method: 'POST', url: `/v1/candidates/${candidate.id}/intakes`, headers: bearer(staff), payload: intakeV2() });
    const consent = await app.inject({ method: 'POST', url: `/v1/candidates/${candidate.id}/consents`, headers: bearer(staff), payload: { purpose: 'share_with_employers', textVersion: '2026-1' } });
    return { id: candidate.id, intake: intake.json(), consentId: consent.json().id as string };
  };
  const candidate = await person();
  const toPlace = await person();
  const toErase = await person();
  const shortlist = await app.inject({ method: 'POST', url: `/v1/vacancies/${vacancyId}/shortlists`, headers: bearer(staff), payload: {} });
  const shortlistId = shortlist.json().id as string;
  await app.inject({ method: 'POST', url: `/v1/shortlists/${shortlistId}/candidates`, headers: bearer(staff), payload: { candidateId: candidate.id, pitch: { strengths: 'Betrouwbaar en leert snel' } } });
  const placed = await person();
  const placement = await app.inject({
    method: 'POST',
    url: '/v1/placements',
    headers: bearer(staff),
    payload: { candidateId: placed.id, vacancyId, startDate: '2026-01-05', hoursPerWeek: 24, contractType: 'fixed_term', contractMonths: 6 },
  });
  const digest = await app.inject({ method: 'POST', url: '/v1/digest-subscriptions', headers: bearer(staff), payload: { frequency: 'weekly', weekday: 'mon', hour: 7 } });
  // A token of its own to revoke, so that no caller below loses theirs.
  const spareToken = await app.inject({ method: 'POST', url: `/v1/users/${owner.user.userId}/tokens`, headers: bearer(world.admin), payload: { label: 'reserve' } });

  const ids: Record<string, string | undefined> = {
    candidates: candidate.id,
    vacancies: vacancyId,
    employers: owner.employer.id,
    locations: owner.location.id,
    'growth-plans': plan.json().id,
    users: owner.user.userId,
    tokens: spareToken.json().id,
    barriers: candidate.intake.profile?.barriers?.[0]?.id,
    consents: candidate.consentId,
    shortlists: shortlistId,
    placements: placement.json().id,
    'digest-subscriptions': digest.json().id,
  };
  /** Bodies with real ids where the shared sample's fixed ids would only meet a 404. */
  const bodies: Record<string, unknown> = {
    'POST /v1/shortlists/:id/candidates': { candidateId: toPlace.id, pitch: { strengths: 'Werkt nauwkeurig' } },
    'POST /v1/placements': { candidateId: toPlace.id, vacancyId, startDate: '2027-01-04', hoursPerWeek: 24, contractType: 'fixed_term', contractMonths: 6 },
  };
  /** Routes whose own id must be a person of their own (the call ends what the others need). */
  const ownIds: Record<string, Record<string, string>> = { 'POST /v1/candidates/:id/erase': { candidates: toErase.id } };

  const callers: Array<{ role: Role; account: Account }> = [
    { role: 'admin', account: world.admin },
    { role: 'account_manager', account: staff },
    { role: 'employer_relations', account: world.employerRelations },
    { role: 'employer', account: owner.user },
  ];
  const auditRows = async () =>
    (await db.select({ n: sql<number>`count(*)::int` }).from(auditLog).where(eq(auditLog.tenantId, world.tenantId)))[0]!.n;

  const writes = app.routeTable.filter((route) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(route.method) && !route.page && !route.hidden && route.url.startsWith('/v1/'));
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
    if (!caller) continue;
    const url = fillPath(route.url, (_param, resource) => ownIds[key]?.[resource] ?? ids[resource] ?? `unknown-${resource}`);
    const before = await auditRows();
    const payload = bodies[key] ?? (route.hasBody && hasSampleBody(route.method, route.url) ? sampleBody(route.method, route.url, { locationId: owner.location.id, employerId: owner.employer.id }) : undefined);
    const response = await app.inject({ method: route.method as 'POST', url, headers: bearer(caller.account), ...(payload !== undefined ? { payload: payload } : {}) });
    if (response.statusCode >= 300) {
      unreached.push(`${key} → ${response.statusCode}`);
      continue;
    }
    succeeded.push(key);
    const after = await auditRows();
    if (after <= before) unaudited.push(`${key} (${caller.role} → ${response.statusCode})`);
  }
  t.ok(succeeded.length >= 25, `${succeeded.length} of ${writes.length} writing routes succeeded and were checked`);
  t.same(unaudited, [], 'every write that succeeded left an audit row');
  // Not checked here: the sample met a precondition (409) or is not a write (suggestions are a read).
  t.comment(`not reached: ${unreached.join('; ')}`);
  for (const key of ['POST /v1/users', 'POST /v1/users/:id/tokens', 'DELETE /v1/tokens/:id', 'POST /v1/placements', 'POST /v1/placements/:id/follow-ups', 'POST /v1/placements/:id/check-ins']) {
    t.ok(succeeded.includes(key), `${key} was reached`);
  }
  // The allow-lists name real routes only.
  const known = new Set(app.routeTable.map((route) => `${route.method} ${route.url}`));
  t.same(Object.keys(NOT_A_PERSONS_WRITE).filter((key) => !known.has(key)), [], 'no stale allow-list entries');
  const tokenRows = await db.select().from(auditLog).where(and(eq(auditLog.tenantId, world.tenantId), eq(auditLog.action, 'token.issue')));
  t.ok(tokenRows.every((row) => !JSON.stringify(row.details).includes('krj_')), 'an audit row never holds a token');
});
