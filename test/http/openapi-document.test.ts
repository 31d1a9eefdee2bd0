import t from 'tap';
import { z } from 'zod';
import { describeRoute, finishDocument, operationIdOf, operationsOf, TAGS } from '../../src/http/openapi-document.js';
import { requestExamples } from '../../src/http/openapi-examples.js';
import { PLAIN_TEXT_PATTERN } from '../../src/schemas/text.js';
import { bearer, buildTenant } from '../support/factories.js';
import { buildTestApp } from '../support/harness.js';

/*
 * Issue 11.14: the API document declares what every operation shares, by construction
 * (src/http/openapi-document.ts); `npm run lint:api` lints it with Spectral. These tests hold the
 * parts a linter cannot see: that the declared headers are the ones sent, and that each request
 * example passes its route's own schema.
 */

type Operation = {
  operationId?: string;
  tags?: string[];
  description?: string;
  'x-access'?: unknown;
  requestBody?: { content: Record<string, { example?: unknown }> };
  responses: Record<string, { headers?: Record<string, unknown> }>;
};

t.test('every operation has an operationId, a described tag, a description, and every body an example', async (t) => {
  const { app } = await buildTestApp(t);
  const document = (await app.inject({ method: 'GET', url: '/openapi.json' })).json<{ tags: { name: string; description?: string }[] }>();
  const operations = operationsOf(document) as unknown as { path: string; method: string; operation: Operation }[];
  t.ok(operations.length > 100, `${operations.length} operations`);
  const ids = new Set<string>();
  const described = new Map(document.tags.map((tag) => [tag.name, tag.description]));
  for (const { path, method, operation } of operations) {
    const name = `${method.toUpperCase()} ${path}`;
    t.ok(operation.operationId && !ids.has(operation.operationId), `${name}: unique operationId ${operation.operationId}`);
    ids.add(operation.operationId!);
    t.ok(operation.tags?.length && operation.tags.every((tag) => described.get(tag)), `${name}: its tags are described`);
    t.ok(operation.description && !operation.description.includes('\n'), `${name}: a one-line description`);
    t.ok(operation['x-access'], `${name}: says who may call it`);
    for (const media of Object.values(operation.requestBody?.content ?? {})) t.not(media.example, undefined, `${name}: request example`);
  }
  t.equal(operationIdOf('get', '/v1/candidates/{id}/intakes/{intakeId}'), 'getCandidatesByIdIntakesByIntakeId');
  t.same(
    Object.keys(TAGS).filter((tag) => !described.has(tag)),
    [],
    'every described tag is in use',
  );
});

t.test('the rate-limit, Retry-After and CORS headers the document declares are the ones sent', async (t) => {
  const { app, database } = await buildTestApp(t);
  const world = await buildTenant(database.db);
  const document = (await app.inject({ method: 'GET', url: '/openapi.json' })).json<{ paths: Record<string, Record<string, Operation>> }>();
  const me = document.paths['/v1/me']!.get!;
  const answer = await app.inject({ method: 'GET', url: '/v1/me', headers: { ...bearer(world.admin), origin: 'https://portaal.werkgever.example' } });
  t.equal(answer.statusCode, 200);
  for (const name of Object.keys(me.responses['200']!.headers ?? {})) {
    t.ok(answer.headers[name.toLowerCase()] !== undefined, `${name} is declared on GET /v1/me 200 and sent`);
  }
  t.ok(me.responses['429']!.headers?.['Retry-After'], 'a 429 declares Retry-After');
  const health = document.paths['/healthz']!.get!;
  t.equal(health.responses['200']!.headers, undefined, 'the health probe is not rate limited and declares no rate-limit headers');
  const probe = await app.inject({ method: 'GET', url: '/healthz' });
  t.equal(probe.headers['x-ratelimit-limit'], undefined, 'and sends none');
});

t.test('a request example that does not fit its route’s schema stops the document', async (t) => {
  const body = z.strictObject({ hour: z.int().min(0).max(23) });
  const route = { method: 'PATCH', url: '/v1/digest-subscriptions/:id', config: { access: ['admin'] }, schema: { body } };
  t.ok(requestExamples['PATCH /v1/digest-subscriptions/:id'], 'this route has an example');
  t.throws(() => describeRoute({ summary: 'Change a digest' }, route), /request example of PATCH \/v1\/digest-subscriptions\/:id does not fit/);
  const fitting: Record<string, unknown> = describeRoute<Record<string, unknown>>(
    { summary: 'Change a digest' },
    { ...route, schema: { body: z.strictObject({ hour: z.int(), active: z.boolean() }) } },
  );
  t.same(fitting['x-request-example'], requestExamples['PATCH /v1/digest-subscriptions/:id']);
  t.equal(fitting.description, 'Change a digest. For admins.');
});

t.test('the document spells out what schemas imply, and request text carries the validator’s rule', async (t) => {
  const document = finishDocument({
    paths: {
      '/v1/things/{id}': {
        post: {
          parameters: [{ in: 'path', name: 'id', schema: { type: 'string', format: 'uuid' } }],
          requestBody: {
            content: {
              'application/json': {
                schema: { type: 'object', properties: { name: { type: 'string', maxLength: 200 }, count: { type: 'integer', minimum: 0, maximum: 10 } } },
              },
            },
          },
          responses: { '200': { description: 'ok' }, '429': { description: 'slow down' }, '500': { description: 'broken' } },
        },
      },
    },
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a generated OpenAPI document, walked path by path as the assertions below read it
  }) as any;
  const operation = document.paths['/v1/things/{id}'].post;
  t.equal(operation.operationId, 'postThingsById');
  t.equal(operation.parameters[0].schema.maxLength, 36, 'a uuid is 36 characters');
  const properties = operation.requestBody.content['application/json'].schema.properties;
  t.equal(properties.name.pattern, PLAIN_TEXT_PATTERN, 'request text: no control characters');
  t.equal(properties.count.format, 'int32');
  t.ok(operation.responses['200'].headers['X-RateLimit-Limit'], '2xx: rate-limit headers');
  t.ok(operation.responses['429'].headers['Retry-After'], '429: Retry-After');
  t.equal(operation.responses['500'].headers, undefined, '5xx: none');
});
