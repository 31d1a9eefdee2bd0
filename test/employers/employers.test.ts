import t from 'tap';
import { bearer, buildTenant } from '../support/factories.js';
import { buildTestApp } from '../support/harness.js';

t.test('employer relations staff register an employer; the employer maintains its details and locations', async (t) => {
  const { app, database } = await buildTestApp(t);
  const world = await buildTenant(database.db);
  const created = await app.inject({
    method: 'POST',
    url: '/v1/employers',
    headers: bearer(world.employerRelations),
    payload: {
      name: 'Tuincentrum De Groene Vingers',
      kvkNumber: '12345678',
      sector: 'retail',
      contacts: [{ name: 'Ilse de Wit', role: 'Eigenaar', email: 'ilse@groenevingers.example', phone: '013 555 1234' }],
    },
  });
  t.equal(created.statusCode, 201);
  const employer = created.json();
  t.equal(employer.sector, 'retail');

  const byEmployer = await app.inject({
    method: 'POST',
    url: '/v1/employers',
    headers: bearer(world.employerA.user),
    payload: { name: 'X', sector: 'retail' },
  });
  t.equal(byEmployer.statusCode, 403, 'an employer user cannot register employers');

  const patched = await app.inject({
    method: 'PATCH',
    url: `/v1/employers/${world.employerA.employer.id}`,
    headers: bearer(world.employerA.user),
    payload: { description: 'Wij zoeken mensen met zin in werken.', website: 'https://werkgever-a.example' },
  });
  t.equal(patched.statusCode, 200);
  t.equal(patched.json().website, 'https://werkgever-a.example');

  const location = await app.inject({
    method: 'POST',
    url: `/v1/employers/${world.employerA.employer.id}/locations`,
    headers: bearer(world.employerA.user),
    payload: { name: 'Filiaal Waalwijk', street: 'Grotestraat', houseNumber: '12a', postcode: '5141jt' },
  });
  t.equal(location.statusCode, 201);
  t.match(location.json(), { postcode: '5141 JT', city: 'Waalwijk' });
  t.ok(location.json().coordinates.latitude > 51.6, 'coordinates come from the postcode');

  const given = await app.inject({
    method: 'POST',
    url: `/v1/employers/${world.employerA.employer.id}/locations`,
    headers: bearer(world.employerA.user),
    payload: { name: 'Nieuwbouw', postcode: '9999', city: 'Ergens', coordinates: { latitude: 52.1, longitude: 5.1 } },
  });
  t.equal(given.statusCode, 201, 'an unknown PC4 is fine with a place and coordinates');

  const listed = await app.inject({ method: 'GET', url: `/v1/employers/${world.employerA.employer.id}/locations`, headers: bearer(world.accountManager) });
  t.equal(listed.json().items.length, 3);

  const removed = await app.inject({
    method: 'DELETE',
    url: `/v1/employers/${world.employerA.employer.id}/locations/${given.json().id}`,
    headers: bearer(world.employerA.user),
  });
  t.equal(removed.statusCode, 204);
});

t.test('bad postcodes and coordinates are refused with 400 problem+json', async (t) => {
  const { app, database } = await buildTestApp(t);
  const world = await buildTenant(database.db);
  const url = `/v1/employers/${world.employerA.employer.id}/locations`;
  for (const postcode of ['0123', '123', '12345', '5038 ABC', '5038 SS', 'ABCD', '']) {
    const response = await app.inject({ method: 'POST', url, headers: bearer(world.employerA.user), payload: { name: 'Test', postcode } });
    t.equal(response.statusCode, 400, `postcode "${postcode}" → 400`);
    t.equal(response.json().errors?.[0]?.pointer, '/body/postcode');
  }
  const unknown = await app.inject({ method: 'POST', url, headers: bearer(world.employerA.user), payload: { name: 'Test', postcode: '9999' } });
  t.equal(unknown.statusCode, 400);
  t.equal(unknown.json().code, 'employer.postcode_unknown');
  const abroad = await app.inject({
    method: 'POST',
    url,
    headers: bearer(world.employerA.user),
    payload: { name: 'Test', postcode: '9999', city: 'Parijs', coordinates: { latitude: 48.85, longitude: 2.35 } },
  });
  t.equal(abroad.statusCode, 400);
  t.equal(abroad.json().errors[0].pointer, '/body/coordinates');
  const bad = await app.inject({
    method: 'POST',
    url: '/v1/employers',
    headers: bearer(world.admin),
    payload: { name: 'Test', sector: 'mining', kvkNumber: '12', website: 'javascript:alert(1)' },
  });
  t.equal(bad.statusCode, 400);
  t.same(
    bad
      .json()
      .errors.map((error: { pointer: string }) => error.pointer)
      .sort(),
    ['/body/kvkNumber', '/body/sector', '/body/website'],
  );
});

t.test('a location in use by a vacancy cannot be removed', async (t) => {
  const { app, database } = await buildTestApp(t);
  const world = await buildTenant(database.db);
  const { vacancyBody } = await import('../support/factories.js');
  await app.inject({
    method: 'POST',
    url: '/v1/vacancies',
    headers: bearer(world.employerA.user),
    payload: vacancyBody({ locationId: world.employerA.location.id }),
  });
  const removed = await app.inject({
    method: 'DELETE',
    url: `/v1/employers/${world.employerA.employer.id}/locations/${world.employerA.location.id}`,
    headers: bearer(world.employerA.user),
  });
  t.equal(removed.statusCode, 409);
  t.equal(removed.json().code, 'employer.location_in_use');
});
