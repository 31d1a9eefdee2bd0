import { sql } from 'drizzle-orm';
import t from 'tap';
import { bearer, buildTenant, vacancyBody } from '../support/factories.js';
import { buildTestApp, fixedClock } from '../support/harness.js';

t.test('an employer posts a vacancy with a structured shift pattern and reads it back', async (t) => {
  const { app, database } = await buildTestApp(t);
  const world = await buildTenant(database.db);
  const response = await app.inject({
    method: 'POST',
    url: '/v1/vacancies',
    headers: bearer(world.employerA.user),
    payload: vacancyBody({
      locationId: world.employerA.location.id,
      supportOffered: ['job_coach', 'trial_placement'],
      trainingOffered: [{ title: 'Heftruckcertificaat', durationWeeks: 1, leadsToCertificate: 'Heftruck' }],
      requiredCredentials: [{ type: 'driving_licence', category: 'B', legalGround: 'Wegenverkeerswet 1994, art. 107' }],
      startDate: '2027-01-05',
    }),
  });
  t.equal(response.statusCode, 201);
  const vacancy = response.json();
  t.equal(vacancy.employerId, world.employerA.employer.id, 'an employer token posts for its own employer');
  t.equal(vacancy.status, 'draft');
  t.same(vacancy.shiftSummary, { dayParts: ['early', 'late', 'night'], weekendWork: false, nightWork: true });
  t.equal(vacancy.rampUpFromHours, 16);
  t.equal(vacancy.location.city, 'Tilburg');
  const read = await app.inject({ method: 'GET', url: `/v1/vacancies/${vacancy.id}`, headers: bearer(world.accountManager) });
  t.equal(read.statusCode, 200);
  t.same(read.json(), vacancy);
});

t.test('bad input gives 400/413 problem+json with pointers, never a 5xx, and stores nothing', async (t) => {
  const { app, database } = await buildTestApp(t);
  const world = await buildTenant(database.db);
  const base = vacancyBody({ locationId: world.employerA.location.id });
  const nightWithoutHours = {
    ...base,
    shiftPattern: { kind: 'fixed', shifts: [{ dayPart: 'night', weekdays: ['mon', 'tue'] }] },
  };
  const cases: Array<{ label: string; payload: unknown; pointer?: string; status?: number }> = [
    { label: 'hours min above max', payload: { ...base, hoursPerWeek: { min: 32, max: 24 } }, pointer: '/body/hoursPerWeek/min' },
    { label: 'a night shift without hours', payload: nightWithoutHours, pointer: '/body/shiftPattern/shifts/0/start' },
    { label: 'an unknown field', payload: { ...base, salaryHidden: true }, pointer: '/body' },
    { label: 'an unknown nested field', payload: { ...base, hoursPerWeek: { min: 24, max: 32, avg: 28 } }, pointer: '/body/hoursPerWeek' },
    { label: 'a ramp-up not below the minimum', payload: { ...base, rampUpFromHours: 30 }, pointer: '/body/rampUpFromHours' },
    {
      label: 'a start time that does not fit the day part',
      payload: { ...base, shiftPattern: { kind: 'fixed', shifts: [{ dayPart: 'early', start: '15:00', end: '23:00', weekdays: ['mon'] }] } },
      pointer: '/body/shiftPattern/shifts/0/start',
    },
    {
      label: 'a 3-shift rotation without nights',
      payload: {
        ...base,
        shiftPattern: {
          kind: 'rotating',
          rotation: { system: '3-shift', cycleWeeks: 3 },
          shifts: [{ dayPart: 'early', start: '06:00', end: '14:00', weekdays: ['mon'] }],
        },
      },
      pointer: '/body/shiftPattern/shifts',
    },
    {
      label: 'a competency with an unknown importance',
      payload: { ...base, competencies: [{ label: 'x', importance: 'nice' }] },
      pointer: '/body/competencies/0/importance',
    },
    { label: 'a title that is too long', payload: { ...base, title: 'x'.repeat(201) }, pointer: '/body/title' },
    {
      label: 'a credential without legal ground',
      payload: { ...base, requiredCredentials: [{ type: 'certificate', name: 'VCA' }] },
      pointer: '/body/requiredCredentials/0/legalGround',
    },
    { label: 'a location of another employer', payload: { ...base, locationId: world.employerB.location.id }, pointer: '/body/locationId' },
    { label: 'not JSON', payload: '{"title": ', status: 400 },
  ];
  for (const testCase of cases) {
    const response = await app.inject({
      method: 'POST',
      url: '/v1/vacancies',
      headers: { ...bearer(world.employerA.user), 'content-type': 'application/json' },
      payload: typeof testCase.payload === 'string' ? testCase.payload : JSON.stringify(testCase.payload),
    });
    t.equal(response.statusCode, testCase.status ?? 400, `${testCase.label} → ${testCase.status ?? 400}`);
    t.match(response.headers['content-type'], /application\/problem\+json/);
    const problem = response.json();
    t.ok(problem.title && problem.code, `${testCase.label}: title and code`);
    if (testCase.pointer) {
      const pointers = (problem.errors ?? []).map((error: { pointer: string }) => error.pointer);
      t.ok(pointers.includes(testCase.pointer), `${testCase.label}: pointer ${testCase.pointer} in ${JSON.stringify(pointers)}`);
      t.ok(
        problem.errors.every((error: { detail: string }) => error.detail.length > 0),
        'each error says what is wrong',
      );
    }
  }

  const oversized = await app.inject({
    method: 'POST',
    url: '/v1/vacancies',
    headers: { ...bearer(world.employerA.user), 'content-type': 'application/json' },
    payload: JSON.stringify({ ...base, description: 'x'.repeat(300 * 1024) }),
  });
  t.equal(oversized.statusCode, 413, 'an oversized body → 413');
  t.equal(oversized.json().code, 'request.too_large');

  const pageTooLarge = await app.inject({ method: 'GET', url: '/v1/vacancies?limit=1000', headers: bearer(world.accountManager) });
  t.equal(pageTooLarge.statusCode, 400, 'page too large → 400');
  t.same(
    pageTooLarge.json().errors.map((error: { pointer: string }) => error.pointer),
    ['/querystring/limit'],
  );

  const badCursor = await app.inject({ method: 'GET', url: '/v1/vacancies?cursor=bm90LWEtY3Vyc29y', headers: bearer(world.accountManager) });
  t.equal(badCursor.statusCode, 400);
  t.equal(badCursor.json().code, 'request.invalid_cursor');

  const english = await app.inject({
    method: 'POST',
    url: '/v1/vacancies',
    headers: { ...bearer(world.employerA.user), 'accept-language': 'en' },
    payload: { ...base, hoursPerWeek: { min: 32, max: 24 } },
  });
  t.equal(english.json().title, 'The request is not valid');
  t.match(english.json().errors[0].detail, /minimum hours are higher/);

  const count = await database.db.execute<{ n: number }>(sql`select count(*)::int as n from vacancies where tenant_id = ${world.tenantId}`);
  t.equal(count.rows[0]!.n, 0, 'nothing was stored');
});

t.test('status moves only draft → open → filled | closed', async (t) => {
  const { app, database } = await buildTestApp(t);
  const world = await buildTenant(database.db);
  const created = await app.inject({
    method: 'POST',
    url: '/v1/vacancies',
    headers: bearer(world.employerA.user),
    payload: vacancyBody({ locationId: world.employerA.location.id }),
  });
  const id = created.json().id;
  const move = (status: string) => app.inject({ method: 'PATCH', url: `/v1/vacancies/${id}`, headers: bearer(world.employerA.user), payload: { status } });
  const toFilled = await move('filled');
  t.equal(toFilled.statusCode, 409, 'draft → filled is refused');
  t.equal(toFilled.json().code, 'vacancy.invalid_transition');
  t.match(toFilled.json().detail, /"draft".*"filled"/);
  t.equal((await move('open')).statusCode, 200, 'draft → open');
  t.equal((await move('draft')).statusCode, 409, 'open → draft is refused');
  t.equal((await move('filled')).json().status, 'filled', 'open → filled');
  t.equal((await move('closed')).statusCode, 409, 'filled → closed is refused');
  const edit = await app.inject({ method: 'PATCH', url: `/v1/vacancies/${id}`, headers: bearer(world.employerA.user), payload: { title: 'Nieuw' } });
  t.equal(edit.statusCode, 409, 'a filled vacancy cannot be edited');
  t.equal(edit.json().code, 'vacancy.not_editable');

  const other = await app.inject({
    method: 'POST',
    url: '/v1/vacancies',
    headers: bearer(world.employerRelations),
    payload: { ...vacancyBody({ employerId: world.employerB.employer.id, locationId: world.employerB.location.id }), status: 'open' },
  });
  t.equal(other.json().status, 'open', 'staff can post straight to open');
  const closed = await app.inject({
    method: 'PATCH',
    url: `/v1/vacancies/${other.json().id}`,
    headers: bearer(world.employerRelations),
    payload: { status: 'closed' },
  });
  t.equal(closed.json().status, 'closed', 'open → closed');
});

t.test('openedAt records when a vacancy became open, once: posted as open or moved draft → open', async (t) => {
  const clock = fixedClock(new Date('2026-11-02T09:00:00Z'));
  const { app, database } = await buildTestApp(t, { clock });
  const world = await buildTenant(database.db, { clock });
  const staff = bearer(world.employerRelations);
  const post = (status: 'draft' | 'open', side: 'employerA' | 'employerB' = 'employerA') =>
    app.inject({
      method: 'POST',
      url: '/v1/vacancies',
      headers: staff,
      payload: { ...vacancyBody({ employerId: world[side].employer.id, locationId: world[side].location.id }), status },
    });
  const patch = (id: string, payload: Record<string, unknown>) => app.inject({ method: 'PATCH', url: `/v1/vacancies/${id}`, headers: staff, payload });
  const storedOpenedAt = async (id: string) => {
    const result = await database.db.execute<{ ms: number | null }>(
      sql`select (extract(epoch from opened_at) * 1000)::float8 as ms from vacancies where id = ${id}`,
    );
    const ms = result.rows[0]!.ms;
    return ms === null ? null : new Date(ms).toISOString();
  };

  // Posted straight to open: opened when created.
  const direct = (await post('open')).json();
  t.equal(direct.openedAt, '2026-11-02T09:00:00.000Z', 'posted as open: opened at creation');
  t.equal(direct.openedAt, direct.createdAt);

  // Drafted on 2 November, opened on 16 November.
  const draft = (await post('draft')).json();
  t.equal(draft.openedAt, null, 'a draft has not been opened');
  t.equal(await storedOpenedAt(draft.id), null);
  clock.set(new Date('2026-11-09T10:00:00Z'));
  const edited = await patch(draft.id, { title: 'Orderpicker (concept)' });
  t.equal(edited.json().openedAt, null, 'editing a draft does not open it');
  clock.set(new Date('2026-11-16T08:30:00Z'));
  const opened = await patch(draft.id, { status: 'open' });
  t.equal(opened.statusCode, 200);
  t.equal(opened.json().openedAt, '2026-11-16T08:30:00.000Z', 'draft → open: opened now');
  t.equal(opened.json().createdAt, '2026-11-02T09:00:00.000Z', 'created_at stays the draft’s');

  // Later edits, a no-op status and filling it leave openedAt alone.
  clock.set(new Date('2026-11-20T12:00:00Z'));
  t.equal((await patch(draft.id, { title: 'Orderpicker', positions: 3 })).json().openedAt, '2026-11-16T08:30:00.000Z', 'an edit does not move it');
  t.equal((await patch(draft.id, { status: 'open' })).json().openedAt, '2026-11-16T08:30:00.000Z', 'open → open does not move it');
  clock.set(new Date('2026-11-27T12:00:00Z'));
  const filled = await patch(draft.id, { status: 'filled' });
  t.equal(filled.json().status, 'filled');
  t.equal(filled.json().openedAt, '2026-11-16T08:30:00.000Z', 'filling it does not move it');
  t.equal(await storedOpenedAt(draft.id), '2026-11-16T08:30:00.000Z', 'stored as such');

  // Closing an open one keeps it; a draft closed without ever opening has none.
  const closed = await patch(direct.id, { status: 'closed' });
  t.equal(closed.json().status, 'closed');
  t.equal(closed.json().openedAt, '2026-11-02T09:00:00.000Z', 'closing it does not move it');
  const neverOpened = (await post('draft', 'employerB')).json();
  const closedDraft = await patch(neverOpened.id, { status: 'closed' });
  t.equal(closedDraft.json().status, 'closed');
  t.equal(closedDraft.json().openedAt, null, 'draft → closed: never opened');

  // Readers see the same value.
  const read = await app.inject({ method: 'GET', url: `/v1/vacancies/${draft.id}`, headers: bearer(world.accountManager) });
  t.equal(read.json().openedAt, '2026-11-16T08:30:00.000Z');
});

t.test('a retried POST with the same Idempotency-Key creates one vacancy', async (t) => {
  const { app, database } = await buildTestApp(t);
  const world = await buildTenant(database.db);
  const payload = vacancyBody({ locationId: world.employerA.location.id });
  const headers = { ...bearer(world.employerA.user), 'idempotency-key': 'vacature-2026-11-25-orderpicker' };
  const first = await app.inject({ method: 'POST', url: '/v1/vacancies', headers, payload });
  const second = await app.inject({ method: 'POST', url: '/v1/vacancies', headers, payload });
  t.equal(first.statusCode, 201);
  t.equal(second.statusCode, 201);
  t.equal(second.headers['idempotent-replayed'], 'true');
  t.equal(second.json().id, first.json().id, 'the retry answers with the first vacancy');

  // Concurrent duplicates: one row, every answer the same.
  const concurrentHeaders = { ...bearer(world.employerA.user), 'idempotency-key': 'gelijktijdig-0001' };
  const answers = await Promise.all(Array.from({ length: 6 }, () => app.inject({ method: 'POST', url: '/v1/vacancies', headers: concurrentHeaders, payload })));
  t.same(new Set(answers.map((answer) => answer.statusCode)), new Set([201]));
  t.equal(new Set(answers.map((answer) => answer.json().id)).size, 1);

  const reused = await app.inject({ method: 'POST', url: '/v1/vacancies', headers, payload: { ...payload, title: 'Iets anders' } });
  t.equal(reused.statusCode, 422, 'the same key with another body is refused');
  t.equal(reused.json().code, 'idempotency.key_reused');

  const count = await database.db.execute<{ n: number }>(sql`select count(*)::int as n from vacancies where tenant_id = ${world.tenantId}`);
  t.equal(count.rows[0]!.n, 2, 'two keys, two vacancies');

  const otherUser = await app.inject({
    method: 'POST',
    url: '/v1/vacancies',
    headers: { ...bearer(world.employerRelations), 'idempotency-key': 'vacature-2026-11-25-orderpicker' },
    payload: { ...payload, employerId: world.employerA.employer.id },
  });
  t.equal(otherUser.statusCode, 201, 'keys are per caller');
  t.not(otherUser.json().id, first.json().id);
});

t.test('list filters and cursor pagination', async (t) => {
  const { app, database } = await buildTestApp(t);
  const world = await buildTenant(database.db);
  for (let i = 0; i < 7; i += 1) {
    await app.inject({
      method: 'POST',
      url: '/v1/vacancies',
      headers: bearer(world.employerRelations),
      payload: {
        ...vacancyBody({ employerId: world.employerA.employer.id, locationId: world.employerA.location.id, title: `Vacature ${i}` }),
        status: i % 2 === 0 ? 'open' : 'draft',
        ...(i === 0 ? { shiftPattern: { kind: 'fixed', shifts: [{ dayPart: 'day', start: '08:00', end: '16:00', weekdays: ['mon'] }] } } : {}),
      },
    });
  }
  const seen: string[] = [];
  let cursor: string | null = null;
  do {
    const query: string = cursor ? `?limit=3&cursor=${cursor}` : '?limit=3';
    const page = await app.inject({ method: 'GET', url: `/v1/vacancies${query}`, headers: bearer(world.accountManager) });
    t.equal(page.statusCode, 200);
    const body = page.json();
    t.ok(body.items.length <= 3);
    seen.push(...body.items.map((item: { id: string }) => item.id));
    cursor = body.nextCursor;
  } while (cursor);
  t.equal(seen.length, 7);
  t.equal(new Set(seen).size, 7, 'no duplicates across pages');
  t.same([...seen].sort().reverse(), seen, 'newest first');

  const open = await app.inject({ method: 'GET', url: '/v1/vacancies?status=open', headers: bearer(world.accountManager) });
  t.equal(open.json().items.length, 4);
  const nights = await app.inject({ method: 'GET', url: '/v1/vacancies?dayPart=night', headers: bearer(world.accountManager) });
  t.equal(nights.json().items.length, 6);
  const titled = await app.inject({ method: 'GET', url: '/v1/vacancies?q=cature%203', headers: bearer(world.accountManager) });
  t.same(
    titled.json().items.map((item: { title: string }) => item.title),
    ['Vacature 3'],
  );
});
