import { sql } from 'drizzle-orm';
import t from 'tap';
import { apiTokens } from '../../db/schema/index.js';
import { hashToken } from '../../src/auth/tokens.js';
import { trustProxySchema } from '../../src/config.js';
import { newId } from '../../src/ids.js';
import { bearer, buildTenant } from '../support/factories.js';
import { buildTestApp, fixedClock } from '../support/harness.js';
import { waitFor } from '../support/wait.js';

t.test('tokens are stored hashed, never in the clear (A2)', async (t) => {
  const { database } = await buildTestApp(t);
  const world = await buildTenant(database.db);
  const rows = await database.db.execute<{ token_hash: string; prefix: string }>(sql`select token_hash, prefix from api_tokens`);
  t.ok(rows.rows.length >= 5);
  const hashes = rows.rows.map((row) => row.token_hash);
  t.ok(hashes.includes(hashToken(world.admin.token)), 'the SHA-256 hash is stored');
  const dump = JSON.stringify(rows.rows);
  t.notOk(dump.includes(world.admin.token), 'the token itself is nowhere in the table');
  t.ok(world.admin.token.length >= 40, 'tokens are long random strings');
});

t.test('tampered, unknown, revoked and expired tokens get 401; a valid one works (A2)', async (t) => {
  const clock = fixedClock();
  const { app, database } = await buildTestApp(t, { clock });
  const world = await buildTenant(database.db, { clock });
  const ok = await app.inject({ method: 'GET', url: '/v1/me', headers: bearer(world.accountManager) });
  t.equal(ok.statusCode, 200);
  t.equal(ok.json().user.role, 'account_manager');

  const token = world.accountManager.token;
  const tampered = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
  for (const [label, headers] of [
    ['no header', {}],
    ['tampered', { authorization: `Bearer ${tampered}` }],
    ['wrong scheme', { authorization: `Basic ${token}` }],
    ['garbage', { authorization: 'Bearer ' + 'x'.repeat(5) }],
  ] as const) {
    const response = await app.inject({ method: 'GET', url: '/v1/me', headers });
    t.equal(response.statusCode, 401, `${label} → 401`);
    t.equal(response.json().code, 'request.unauthenticated');
    t.match(String(response.headers['www-authenticate']), /Bearer/);
  }

  // Revoked: through the API, by an admin.
  const revoke = await app.inject({ method: 'DELETE', url: `/v1/tokens/${world.accountManager.principal.tokenId}`, headers: bearer(world.admin) });
  t.equal(revoke.statusCode, 200);
  t.ok(revoke.json().revokedAt);
  const afterRevoke = await app.inject({ method: 'GET', url: '/v1/me', headers: bearer(world.accountManager) });
  t.equal(afterRevoke.statusCode, 401, 'revoked → 401 at once');

  // Expired: the clock moves past the token's lifetime (30 days in the factory).
  const fresh = await app.inject({ method: 'GET', url: '/v1/me', headers: bearer(world.employerRelations) });
  t.equal(fresh.statusCode, 200);
  clock.advance(31 * 86_400_000);
  const expired = await app.inject({ method: 'GET', url: '/v1/me', headers: bearer(world.employerRelations) });
  t.equal(expired.statusCode, 401, 'expired → 401');

  // A deactivated user's tokens stop working.
  clock.set(new Date('2026-11-25T09:00:00Z'));
  const deactivate = await app.inject({
    method: 'PATCH',
    url: `/v1/users/${world.employerA.user.userId}`,
    headers: bearer(world.admin),
    payload: { active: false },
  });
  t.equal(deactivate.statusCode, 200);
  const inactive = await app.inject({ method: 'GET', url: '/v1/me', headers: bearer(world.employerA.user) });
  t.equal(inactive.statusCode, 401, 'deactivated user → 401');
});

t.test('issuing tokens: shown once, usable, scoped to the user’s role (A2)', async (t) => {
  const { app, database } = await buildTestApp(t);
  const world = await buildTenant(database.db);
  const issued = await app.inject({
    method: 'POST',
    url: `/v1/users/${world.employerA.user.userId}/tokens`,
    headers: bearer(world.employerRelations),
    payload: { label: 'portaal', ttlDays: 7 },
  });
  t.equal(issued.statusCode, 201);
  const body = issued.json();
  t.match(body.token, /^krj_/);
  t.equal(body.prefix, body.token.slice(0, 10));
  const me = await app.inject({ method: 'GET', url: '/v1/me', headers: { authorization: `Bearer ${body.token}` } });
  t.equal(me.json().user.role, 'employer');
  const listed = await app.inject({ method: 'GET', url: `/v1/users/${world.employerA.user.userId}/tokens`, headers: bearer(world.admin) });
  t.notOk(JSON.stringify(listed.json()).includes(body.token), 'listings never show the secret');
  const staffOnly = await app.inject({ method: 'GET', url: '/v1/users', headers: { authorization: `Bearer ${body.token}` } });
  t.equal(staffOnly.statusCode, 403, 'an employer token cannot list users');

  // Employer relations staff may not mint tokens for staff.
  const forAdmin = await app.inject({
    method: 'POST',
    url: `/v1/users/${world.admin.userId}/tokens`,
    headers: bearer(world.employerRelations),
    payload: { label: 'poging' },
  });
  t.equal(forAdmin.statusCode, 404);
  const staffUser = await app.inject({
    method: 'POST',
    url: '/v1/users',
    headers: bearer(world.employerRelations),
    payload: { email: 'nieuw@test.example', name: 'Nieuwe beheerder', role: 'admin' },
  });
  t.equal(staffUser.statusCode, 403);
  t.equal(staffUser.json().code, 'user.role_not_allowed');
});

t.test('brute force on tokens is slowed down with 429 and Retry-After (A2)', async (t) => {
  const { app } = await buildTestApp(t, { config: { AUTH_FAILURES_PER_MINUTE: 5 } });
  const statuses: number[] = [];
  for (let i = 0; i < 8; i += 1) {
    const response = await app.inject({ method: 'GET', url: '/v1/me', headers: { authorization: `Bearer krj_${'guess'.repeat(8)}${i}` } });
    statuses.push(response.statusCode);
  }
  t.same(statuses.slice(0, 5), [401, 401, 401, 401, 401]);
  t.same(statuses.slice(5), [429, 429, 429]);
  const blocked = await app.inject({ method: 'GET', url: '/v1/me', headers: { authorization: 'Bearer krj_whatever_whatever_whatever_whatever' } });
  t.equal(blocked.statusCode, 429);
  t.equal(blocked.json().code, 'request.auth_rate_limited');
  t.ok(Number(blocked.headers['retry-after']) > 0, 'Retry-After is set');
});

t.test('a burst of requests gets 429 with Retry-After (A4)', async (t) => {
  const { app, database } = await buildTestApp(t, { config: { RATE_LIMIT_PER_MINUTE: 10 } });
  const world = await buildTenant(database.db);
  const statuses: number[] = [];
  let last;
  for (let i = 0; i < 13; i += 1) {
    last = await app.inject({ method: 'GET', url: '/v1/employers', headers: bearer(world.admin) });
    statuses.push(last.statusCode);
  }
  t.equal(statuses.filter((status) => status === 200).length, 10);
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- tsc needs it (it fails without; the rule misreads this type)
  t.equal(last!.statusCode, 429);
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- tsc needs it (it fails without; the rule misreads this type)
  t.equal(last!.json().code, 'request.rate_limited');
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- tsc needs it (it fails without; the rule misreads this type)
  t.ok(Number(last!.headers['retry-after']) > 0);
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- tsc needs it (it fails without; the rule misreads this type)
  t.match(last!.headers['content-type'], /problem\+json/);
  const health = await app.inject({ method: 'GET', url: '/healthz' });
  t.equal(health.statusCode, 200, 'health checks are not rate limited');
});

t.test('token use is recorded at most once a minute', async (t) => {
  const clock = fixedClock();
  const { app, database } = await buildTestApp(t, { clock });
  const world = await buildTenant(database.db, { clock });
  const lastUsed = async () => {
    // The write is not awaited by the request, but started before the answer: wait until the
    // app's pool has no query in flight (the pool is the one the app writes through).
    await waitFor(() => database.pool.waitingCount === 0 && database.pool.idleCount === database.pool.totalCount, {
      what: 'the token use write',
      intervalMs: 5,
    });
    const rows = await database.db.execute<{ at: string | null }>(
      sql`select last_used_at::text as at from api_tokens where id = ${world.admin.principal.tokenId}`,
    );
    return rows.rows[0]!.at;
  };
  const call = () => app.inject({ method: 'GET', url: '/v1/employers', headers: bearer(world.admin) });
  t.equal(await lastUsed(), null);
  t.equal((await call()).statusCode, 200);
  const first = await lastUsed();
  t.ok(first, 'the first use is recorded');
  clock.advance(30_000);
  await call();
  t.equal(await lastUsed(), first, 'half a minute later: unchanged');
  clock.advance(31_000);
  await call();
  t.not(await lastUsed(), first, 'after a minute: recorded again');
});

t.test('the failure lockout never refuses a valid token; behind a trusted proxy it counts per client (issue 11.8)', async (t) => {
  const { app, database } = await buildTestApp(t, { config: { AUTH_FAILURES_PER_MINUTE: 3, TRUST_PROXY: ['127.0.0.1'] } });
  const world = await buildTenant(database.db);
  const guess = (i: number, forwardedFor: string) =>
    app.inject({ method: 'GET', url: '/v1/me', headers: { authorization: `Bearer krj_${'guess'.repeat(8)}${i}`, 'x-forwarded-for': forwardedFor } });
  for (let i = 0; i < 4; i += 1) await guess(i, '203.0.113.7');
  t.equal((await guess(9, '203.0.113.7')).statusCode, 429, 'the guessing client is slowed down');
  const valid = await app.inject({ method: 'GET', url: '/v1/me', headers: { ...bearer(world.admin), 'x-forwarded-for': '203.0.113.7' } });
  t.equal(valid.statusCode, 200, 'a valid token from the same address still works');
  t.equal((await guess(10, '198.51.100.4')).statusCode, 401, 'another client behind the same proxy is not locked out');
});

t.test('TRUST_PROXY: off by default, addresses or a hop count, never "true" (issue 11.8)', async (t) => {
  t.equal(trustProxySchema.parse(undefined), false);
  t.equal(trustProxySchema.parse('false'), false);
  t.equal(trustProxySchema.parse('2'), 2);
  t.same(trustProxySchema.parse('10.0.0.1, 10.8.0.0/16,fd00::/8'), ['10.0.0.1', '10.8.0.0/16', 'fd00::/8']);
  t.notOk(trustProxySchema.safeParse('true').success, '"true" would let any client name its own address');
  t.notOk(trustProxySchema.safeParse('proxy.internal').success);
  t.notOk(trustProxySchema.safeParse('10.0.0.0/40').success);
});

t.test('the request rate limit counts per token id, not per the token text (issue 11.8)', async (t) => {
  const { app, database } = await buildTestApp(t, { config: { RATE_LIMIT_PER_MINUTE: 3 } });
  const world = await buildTenant(database.db);
  // Two tokens of two users whose last 24 characters are equal: the old key (the header's last 24
  // characters) put them in one bucket.
  const tail = 'S'.repeat(24);
  const tokens = ['krj_' + 'a'.repeat(19) + tail, 'krj_' + 'b'.repeat(19) + tail];
  for (const [index, token] of tokens.entries()) {
    await database.db.insert(apiTokens).values({
      tenantId: world.tenantId,
      id: newId(),
      userId: index === 0 ? world.admin.userId : world.accountManager.userId,
      tokenHash: hashToken(token),
      prefix: token.slice(0, 10),
      label: 'rate-limit test',
      expiresAt: new Date(Date.now() + 86_400_000),
    });
  }
  const call = (token: string) => app.inject({ method: 'GET', url: '/v1/me', headers: { authorization: `Bearer ${token}` } });
  const first = [];
  for (let i = 0; i < 4; i += 1) first.push((await call(tokens[0]!)).statusCode);
  t.same(first, [200, 200, 200, 429], 'the first token is limited');
  t.equal((await call(tokens[1]!)).statusCode, 200, 'the second token has its own budget');
});
