import { connect } from 'node:net';
import t, { type Test } from 'tap';
import { bearer, buildTenant } from '../support/factories.js';
import { buildTestApp } from '../support/harness.js';

/*
 * Issue 11.6: what fastify's router and node's HTTP parser answer themselves — an over-long path
 * parameter (414), over-large headers or URL (431), a URL that cannot be decoded (400), bytes that
 * are no HTTP (400) — is application/problem+json with a Dutch title and a stable code, like every
 * other error. Real HTTP on a real socket: inject() does not go through node's parser.
 */
const { app, database } = await buildTestApp(t);
const world = await buildTenant(database.db);
const address = await app.listen({ host: '127.0.0.1', port: 0 });

async function problemOf(t: Test, response: Response) {
  t.match(response.headers.get('content-type'), /^application\/problem\+json/, 'problem+json');
  return (await response.json()) as { code?: string; title?: string; status?: number; detail?: string };
}

t.test('a path parameter over maxParamLength: 414 problem+json', async (t) => {
  const response = await fetch(`${address}/v1/vacancies/${'a'.repeat(500)}`, { headers: bearer(world.admin) });
  t.equal(response.status, 414);
  t.match(await problemOf(t, response), { status: 414, code: 'request.uri_too_long', title: 'Het adres is te lang', detail: /200 tekens/ });
});

t.test('over-large headers: 431 problem+json', async (t) => {
  const response = await fetch(`${address}/v1/vacancies`, { headers: { ...bearer(world.admin), 'x-filler': 'x'.repeat(20_000) } });
  t.equal(response.status, 431);
  t.match(await problemOf(t, response), { status: 431, code: 'request.headers_too_large', title: 'De headers zijn te groot' });
});

t.test('an over-long URL counts as header size: 431 problem+json', async (t) => {
  const response = await fetch(`${address}/v1/vacancies?q=${'a'.repeat(20_000)}`, { headers: bearer(world.admin) });
  t.equal(response.status, 431);
  t.match(await problemOf(t, response), { code: 'request.headers_too_large' });
});

t.test('a URL that cannot be decoded: 400 problem+json', async (t) => {
  const response = await fetch(`${address}/v1/vacancies/%E0%A4%A`, { headers: bearer(world.admin) });
  t.equal(response.status, 400);
  t.match(await problemOf(t, response), { status: 400, code: 'request.bad_url', title: 'Het adres klopt niet' });
});

t.test('bytes that are no HTTP: 400 problem+json on the socket', async (t) => {
  const { port } = new URL(address);
  const raw = await new Promise<string>((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1', () => socket.write('HELLO /\r\n\r\n'));
    let text = '';
    socket.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    socket.on('end', () => resolve(text));
    socket.on('error', reject);
  });
  const [head = '', body = ''] = raw.split('\r\n\r\n');
  t.match(head, /^HTTP\/1\.1 400 /);
  t.match(head, /content-type: application\/problem\+json/i);
  t.match(JSON.parse(body), { status: 400, code: 'request.unreadable', title: 'De aanvraag kan niet gelezen worden' });
});
