import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import t from 'tap';
import { createLogger } from '../../src/logging.js';
import { bearer, buildTenant } from '../support/factories.js';
import { createTestDatabase } from '../support/harness.js';
import { buildPageApp, form, sessionCookieFor } from '../support/pages.js';

/*
 * Issue 11.5: a log line never holds a query's parameters. A database error (a trigger of this test
 * refuses one name) makes the API and a page answer 500; drizzle's error carries that name in
 * `params` and in its message. Every logger (the app's, whatever it is given, and the one the
 * server, the jobs and the CLI tasks make) writes errors through src/logging.ts, which drops them.
 */

const NAME = 'Vlasblom-Jannigje';
const TOKEN = 'krj_abcdefghijklmnopqrstuvwxyz012345';

function capture() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { sink, text: () => lines.join('') };
}

t.test('a 500 from a database error logs no parameter, on the API and on a page (issue 11.5)', async (t) => {
  const database = await createTestDatabase(t);
  // This file's own database: refuse the one name, wherever a person's or an employer's name is written.
  await database.db.execute(
    sql.raw(`
    create or replace function test_refuse_name() returns trigger language plpgsql as $$
    begin
      if row_to_json(new)::text like '%${NAME}%' then raise exception 'refused by the test'; end if;
      return new;
    end $$;
    create or replace trigger test_refuse_name before insert on candidate_contacts for each row execute function test_refuse_name();
    create or replace trigger test_refuse_name before insert on employers for each row execute function test_refuse_name();
  `),
  );
  const log = capture();
  // A plain pino logger, as a caller may pass: buildApp puts the error serializers on it.
  const { app } = await buildPageApp(t, { database, listen: false, logger: pino({ level: 'info' }, log.sink) });
  const world = await buildTenant(database.db);

  const api = await app.inject({
    method: 'POST',
    url: '/v1/candidates',
    headers: bearer(world.accountManager),
    payload: { contact: { givenName: 'Jannigje', familyName: NAME, email: 'jannigje@test.example' }, postcode: '5038 AB' },
  });
  t.equal(api.statusCode, 500, 'the API answers 500');
  t.match(api.headers['content-type'], /application\/problem\+json/);

  const session = await sessionCookieFor(app, world.employerRelations);
  const page = await app.inject({
    method: 'POST',
    url: '/werkplek/werkgevers',
    headers: { cookie: session.cookie, ...form({ _csrf: session.csrf, name: `Bakkerij ${NAME}`, sector: 'retail' }).headers },
    payload: form({ _csrf: session.csrf, name: `Bakkerij ${NAME}`, sector: 'retail' }).payload,
  });
  t.equal(page.statusCode, 500, 'the page answers 500');

  const text = log.text();
  t.match(text, /"msg":"request failed"/, 'the API logged the failure');
  t.match(text, /"msg":"page failed"/, 'the page logged the failure');
  t.match(text, /insert into \\"candidate_contacts\\"/, 'with the SQL text');
  t.match(text, /refused by the test/, "and PostgreSQL's message");
  t.notOk(text.includes(NAME), 'the name is in no log line');
  t.notOk(text.includes('jannigje@test.example'), 'nor the e-mail address');
  t.notOk(text.includes('"params"'), 'no params field');
});

t.test('the loggers of the server, the jobs and the CLI tasks drop parameters and tokens too', async (t) => {
  const database = await createTestDatabase(t);
  const failure = await database.db.execute(sql`select ${NAME}::int as n, ${TOKEN} as token`).then(
    () => undefined,
    (error: unknown) => error,
  );
  t.ok(failure, 'the query failed');
  const plain = capture();
  pino({ level: 'info' }, plain.sink).error({ err: failure }, 'job failed');
  t.ok(plain.text().includes(NAME), 'pino on its own would log the parameter (so the check below means something)');

  const served = capture();
  createLogger('info', served.sink).error({ err: failure }, 'job failed');
  createLogger('info', served.sink).error({ err: new Error(`sign-in failed for Bearer ${TOKEN} and /inloggen/link?token=${TOKEN}`) }, 'mail failed');
  const text = served.text();
  t.match(text, /"msg":"job failed"/);
  t.notOk(text.includes(NAME), 'no parameter');
  t.notOk(text.includes(TOKEN), 'no token, in a message or a URL');
  t.match(text, /\[verborgen\]/, 'tokens are replaced');
});
