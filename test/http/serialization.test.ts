import fc from 'fast-check';
import Fastify from 'fastify';
import t from 'tap';
import { z } from 'zod';
import { safeEncode, safeParse } from 'zod/v4/core';
import { problemSchema } from '../../src/http/problems.js';
import { isDirectionNeutral, serializerCompiler } from '../../src/http/serialization.js';
import { requiredCredentialSchema, vacancyPageSchema, vacancySchema } from '../../src/vacancies/vacancies.schemas.js';
import { bearer, buildTenant, vacancyBody } from '../support/factories.js';
import { buildTestApp } from '../support/harness.js';

/*
 * Responses are checked by zod forward (parse) when their schema reads the same both ways, else
 * encoded as fastify-type-provider-zod does (issue 19.6). Forward must drop, keep and refuse
 * exactly what encode does.
 */

t.test('which schemas are parsed forward', async (t) => {
  t.ok(isDirectionNeutral(vacancySchema), 'a vacancy');
  t.ok(isDirectionNeutral(vacancyPageSchema), 'a page of vacancies');
  t.ok(isDirectionNeutral(problemSchema), 'a problem');
  t.ok(isDirectionNeutral(requiredCredentialSchema), 'a discriminated union with a required tag');
  t.notOk(isDirectionNeutral(z.object({ a: z.string().transform((value) => value.length) })), 'a transform is encoded');
  t.notOk(isDirectionNeutral(z.object({ a: z.array(z.string().default('x')) })), 'a default, however deep, is encoded');
  t.notOk(isDirectionNeutral(z.object({ a: z.string().pipe(z.string()) })), 'a pipe is encoded');
  t.notOk(isDirectionNeutral(z.codec(z.string(), z.number(), { decode: Number, encode: String })), 'a codec is encoded');
  t.notOk(isDirectionNeutral(z.object({ a: z.string().catch('x') })), 'a catch is encoded');
  t.notOk(
    isDirectionNeutral(z.discriminatedUnion('kind', [z.object({ kind: z.literal('a') }), z.object({ kind: z.literal('b').optional() })])),
    'a union whose tag may be absent is encoded',
  );
  type Tree = { name: string; children: Tree[] };
  const tree: z.ZodType<Tree> = z.lazy(() => z.object({ name: z.string(), children: z.array(tree) }));
  t.ok(isDirectionNeutral(tree), 'a recursive schema ends');
});

t.test('forward and backward agree on real vacancies and on any change to them', async (t) => {
  const { app, database } = await buildTestApp(t);
  const world = await buildTenant(database.db);
  const created = await app.inject({
    method: 'POST',
    url: '/v1/vacancies',
    headers: bearer(world.employerA.user),
    payload: vacancyBody({
      locationId: world.employerA.location.id,
      trainingOffered: [{ title: 'Heftruckcertificaat', durationWeeks: 1 }],
      requiredCredentials: [{ type: 'driving_licence', category: 'B', legalGround: 'Wegenverkeerswet 1994, art. 107' }],
    }),
  });
  t.equal(created.statusCode, 201);
  const view = created.json<Record<string, unknown>>();
  const page = (await app.inject({ method: 'GET', url: '/v1/vacancies?limit=5', headers: bearer(world.accountManager) })).json();

  const agree = (schema: z.ZodType, value: unknown) => {
    const forward = safeParse(schema, value);
    const backward = safeEncode(schema, value);
    return forward.success === backward.success && JSON.stringify(forward.data) === JSON.stringify(backward.data);
  };
  t.ok(agree(vacancySchema, view), 'the vacancy as served');
  t.ok(agree(vacancyPageSchema, page), 'the page as served');

  // Any key of the vacancy (or of its nested parts) set to anything, removed, or joined by an extra key.
  const paths: string[][] = [];
  const walk = (value: unknown, path: string[]) => {
    if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        paths.push([...path, key]);
        walk(inner, [...path, key]);
      }
    }
  };
  walk(view, []);
  const change = fc.record({
    path: fc.constantFrom(...paths),
    action: fc.oneof(
      fc.constant({ kind: 'delete' as const }),
      fc.record({ kind: fc.constant('set' as const), value: fc.anything() }),
      fc.record({ kind: fc.constant('add' as const), key: fc.string(), value: fc.jsonValue() }),
    ),
  });
  fc.assert(
    fc.property(fc.array(change, { minLength: 1, maxLength: 3 }), (changes) => {
      const copy = structuredClone(view);
      for (const { path, action } of changes) {
        let parent: Record<string, unknown> | undefined = copy;
        for (const key of path.slice(0, -1))
          parent = parent && typeof parent[key] === 'object' && parent[key] !== null ? (parent[key] as Record<string, unknown>) : undefined;
        if (!parent) continue;
        const last = path[path.length - 1]!;
        if (action.kind === 'delete') delete parent[last];
        else if (action.kind === 'set') parent[last] = action.value;
        else if (typeof parent[last] === 'object' && parent[last] !== null) (parent[last] as Record<string, unknown>)[action.key] = action.value;
      }
      return agree(vacancySchema, copy);
    }),
    { numRuns: 500 },
  );
});

t.test('the serializer drops what the schema does not name and refuses what does not fit', async (t) => {
  const app = Fastify();
  app.setSerializerCompiler(serializerCompiler);
  const schema = z.object({ id: z.uuid(), name: z.string().max(5), nested: z.object({ shown: z.string() }) });
  let answer: unknown;
  app.get('/', { schema: { response: { 200: schema } } }, async () => answer);
  t.teardown(() => app.close());

  answer = { id: '0190f3c4-1c2d-7e3f-8a4b-5c6d7e8f9a0b', name: 'Anna', secret: 'bsn', nested: { shown: 'ja', hidden: 'nee' } };
  const shown = await app.inject('/');
  t.equal(shown.statusCode, 200);
  t.same(shown.json(), { id: '0190f3c4-1c2d-7e3f-8a4b-5c6d7e8f9a0b', name: 'Anna', nested: { shown: 'ja' } }, 'unnamed keys are dropped, also nested');

  answer = { id: '0190f3c4-1c2d-7e3f-8a4b-5c6d7e8f9a0b', name: 'Annabel', nested: { shown: 'ja' } };
  const misfit = await app.inject('/');
  t.equal(misfit.statusCode, 500, 'an answer that breaks its schema is never sent');
  t.notOk(misfit.body.includes('Annabel'));
});
