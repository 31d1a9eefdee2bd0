import { sql } from 'drizzle-orm';
import t from 'tap';
import { auditLog } from '../../db/schema/index.js';
import { audit } from '../../src/audit/audit.js';
import { newId } from '../../src/ids.js';
import { bearer, buildTenant, createCandidate, intakeV2 } from '../support/factories.js';
import { buildTestApp, fixedClock } from '../support/harness.js';

/*
 * The audit log: admins read it with filters and pages; the database refuses every update, delete
 * and truncate, whatever the code path (append-only by trigger).
 */

t.test('admins page through the audit log with filters; other tenants’ rows never show', async (t) => {
  const { app, database } = await buildTestApp(t);
  const db = database.db;
  const world = await buildTenant(db);
  const other = await buildTenant(db);
  const candidate = await createCandidate(app, world.accountManager);
  await app.inject({ method: 'POST', url: `/v1/candidates/${candidate.id}/intakes`, headers: bearer(world.accountManager), payload: intakeV2() });
  await app.inject({ method: 'GET', url: `/v1/candidates/${candidate.id}/barriers`, headers: bearer(world.accountManager) });
  await app.inject({ method: 'GET', url: `/v1/candidates/${candidate.id}/export`, headers: bearer(world.admin) });
  await app.inject({ method: 'PATCH', url: '/v1/settings', headers: bearer(world.admin), payload: { benefitMonthlyAmount: 1500 } });
  await app.inject({ method: 'PATCH', url: '/v1/settings', headers: bearer(other.admin), payload: { benefitMonthlyAmount: 1600 } });
  // Rows at known moments, for the period filter.
  const clock = fixedClock(new Date('2026-03-10T12:00:00Z'));
  await audit(db, clock, { principal: world.admin.principal, action: 'search.bulk', subjectType: 'candidate', reason: 'jaarlijkse controle' });
  clock.set(new Date('2026-04-02T12:00:00Z'));
  await audit(db, clock, {
    principal: { tenantId: world.tenantId, userId: null },
    action: 'retention.purge',
    subjectType: 'tenant',
    subjectId: world.tenantId,
  });

  const get = async (query: string, as = world.admin) => app.inject({ method: 'GET', url: `/v1/audit${query}`, headers: bearer(as) });
  t.equal((await get('', world.accountManager)).statusCode, 403, 'admins only');

  const all = (await get('?limit=100')).json();
  t.ok(all.items.length >= 6);
  t.notOk(
    all.items.some((item: { details: { changed?: unknown } }) => JSON.stringify(item).includes(other.admin.userId)),
    'no row of another tenant',
  );
  const ids = all.items.map((item: { id: string }) => item.id);
  t.same(ids, [...ids].sort().reverse(), 'newest first');

  const reads = (await get(`?action=special_category.read&subjectId=${candidate.id}`)).json();
  t.ok(reads.items.length >= 1);
  t.ok(
    reads.items.every(
      (item: { action: string; subjectId: string; actor: { id: string; name: string } }) =>
        item.action === 'special_category.read' && item.subjectId === candidate.id && item.actor.name === 'Test klantmanager',
    ),
  );
  t.match((await get('?action=candidate.export')).json().items, [{ action: 'candidate.export', subjectType: 'candidate', actor: { id: world.admin.userId } }]);
  t.ok(
    (await get(`?actorUserId=${world.admin.userId}&subjectType=tenant`)).json().items.every((item: { action: string }) => item.action === 'settings.change'),
  );
  t.match(
    (await get('?from=2026-03-01&to=2026-03-31')).json().items,
    [{ action: 'search.bulk', reason: 'jaarlijkse controle' }],
    'a period of days (Europe/Amsterdam)',
  );
  t.match(
    (await get(`?from=${encodeURIComponent('2026-04-01T00:00:00+02:00')}&to=2026-04-02`)).json().items,
    [{ action: 'retention.purge', actor: null }],
    'moments too; the system as actor',
  );

  // Pages of one, following the cursor, give every row once.
  const seen: string[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: Array<{ id: string }>; nextCursor: string | null } = (await get(`?limit=1${cursor ? `&cursor=${cursor}` : ''}`)).json();
    seen.push(...page.items.map((item: { id: string }) => item.id));
    cursor = page.nextCursor;
  } while (cursor && seen.length < 100);
  t.same(seen, ids, 'the pages together are the whole log');
  t.equal((await get('?cursor=nonsense')).statusCode, 400);
  t.equal((await get('?limit=1000')).statusCode, 400, 'page size is bounded');
  t.equal((await get('?from=0000-01-01T00:00:00Z')).statusCode, 400, 'moments outside 1970–2999: 400, never a 5xx');
});

t.test('the database refuses to change or remove audit rows (append-only)', async (t) => {
  const { database } = await buildTestApp(t);
  const db = database.db;
  const world = await buildTenant(db);
  const id = newId();
  await db
    .insert(auditLog)
    .values({ tenantId: world.tenantId, id, actorUserId: world.admin.userId, action: 'candidate.export', subjectType: 'candidate', details: {} });
  const statements: Array<[string, ReturnType<typeof sql>]> = [
    ['update one row', sql`update audit_log set reason = 'weggepoetst' where id = ${id}`],
    ['update all rows', sql`update audit_log set actor_user_id = null`],
    ['delete one row', sql`delete from audit_log where id = ${id}`],
    ['delete all rows', sql`delete from audit_log`],
    ['truncate', sql`truncate audit_log`],
  ];
  for (const [label, statement] of statements) {
    const error = await db.execute(statement).then(
      () => null,
      (failure: unknown) => failure as { cause?: { code?: string; message?: string } },
    );
    t.ok(error, `${label}: refused`);
    t.equal(error?.cause?.code, '42501', `${label}: insufficient_privilege, from the trigger`);
    t.match(error?.cause?.message, /append-only/);
  }
  const [row] = (await db.execute<{ reason: string | null }>(sql`select reason from audit_log where id = ${id}`)).rows;
  t.equal(row?.reason, null, 'the row is unchanged');
});
