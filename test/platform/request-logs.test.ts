import { Writable } from 'node:stream';
import pino from 'pino';
import t from 'tap';
import { buildApp } from '../../src/app.js';
import { bearer, buildTenant } from '../support/factories.js';
import { createTestDatabase, defaultTestConfig, testSearch } from '../support/harness.js';

t.test('request logs name the route, not query strings or tokens (issue 11.9)', async (t) => {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const database = await createTestDatabase(t);
  const search = testSearch();
  const app = await buildApp(
    { database, search: search.client, searchPrefix: search.indexPrefix, clock: { now: () => new Date() }, logger: pino({ level: 'info' }, sink) },
    defaultTestConfig,
  );
  await app.ready();
  t.teardown(() => app.close());
  const world = await buildTenant(database.db);

  const secretName = 'Jannigje-Vlasblom';
  const secretToken = 'krjunsub0123456789abcdefSECRET';
  await app.inject({ method: 'GET', url: `/v1/search/candidates?q=${secretName}`, headers: bearer(world.accountManager) });
  await app.inject({ method: 'GET', url: `/v1/unsubscribe?token=${secretToken}` });
  await app.inject({ method: 'GET', url: `/inloggen/link?token=${secretToken}` });
  await app.inject({ method: 'GET', url: `/nergens/${secretName}?token=${secretToken}` });

  const log = lines.join('');
  t.match(log, /"route":"\/v1\/search\/candidates"/, 'the route pattern is logged');
  t.match(log, /"statusCode":\d{3}/, 'and the status');
  t.notOk(log.includes(secretName), 'no search term or path value in the logs');
  t.notOk(log.includes(secretToken), 'no token from a URL in the logs');
  t.notOk(log.includes(world.accountManager.token), 'no bearer token in the logs');
});
