/*
 * Rules that hold for every operation, applied to the generated OpenAPI document in one place so
 * that no route can leave them out. Each mirrors what the code enforces for every route:
 * - operationId, tag (described once, below) and a description naming who may call it;
 * - the problem responses and the headers every answer carries: rate limiting (@fastify/rate-limit
 *   in src/app.ts), Retry-After on 429 and 503, CORS for the allowed browser origins;
 * - integers carry their format, identifiers and dates their length; request text carries the
 *   validator's rule (no control characters: src/http/validation.ts);
 * - every request body has a worked example (src/http/openapi-examples.ts), checked against the
 *   route's own schema when the document is built.
 * `npm run lint:api` lints the result with Spectral (.spectral.yaml).
 */
import type { z } from 'zod';
import type { Access, PageRole } from '../auth/roles.js';
import { PLAIN_TEXT_PATTERN } from '../schemas/text.js';
import { requestExamples } from './openapi-examples.js';

type Json = Record<string, unknown>;
type Schema = Json;
type Media = { schema?: Schema; example?: unknown };
type Response = { description?: string; headers?: Record<string, unknown>; content?: Record<string, Media> };
type Parameter = { in: string; name: string; schema?: Schema };
type Operation = {
  operationId?: string;
  tags?: string[];
  summary?: string;
  description?: string;
  security?: unknown[];
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, Media> };
  responses?: Record<string, Response>;
} & Json;

const METHODS = ['get', 'put', 'post', 'patch', 'delete', 'options', 'head'] as const;

/** Every operation of the document, with its method and path. */
export function operationsOf(document: Json): { path: string; method: string; operation: Operation }[] {
  const paths = (document.paths ?? {}) as Record<string, Record<string, Operation>>;
  return Object.entries(paths).flatMap(([path, item]) =>
    METHODS.filter((method) => item[method]).map((method) => ({ path, method, operation: item[method]! })),
  );
}

/** The tags of the document, each described for the integrator; an operation's tag must be one of these. */
export const TAGS: Record<string, string> = {
  health: 'Liveness and readiness probes for the orchestrator; no token, not rate limited.',
  'users and tokens': 'The people who use this Werkplein and their API tokens. A token is shown once, at issue.',
  employers: 'Employers and their locations. An employer user sees and changes only its own employer.',
  vacancies: 'Vacancies with hours, shift pattern and competencies; the matcher ranks candidates for open ones.',
  'growth plans': 'Future demand of an employer (roles, headcount, when), from which draft vacancies are made.',
  taxonomy: 'Occupations and skills (ESCO, or the demo taxonomy), and this Werkplein’s own Dutch labels.',
  intake: 'The uniform intake questionnaire and the intakes of a jobseeker; the profile is derived from them.',
  candidates: 'Jobseekers: registration, contact data (kept apart), profile, barriers, consents and history.',
  search: 'Full-text search over candidates and vacancies of this Werkplein, typo-tolerant.',
  settings: 'This Werkplein’s settings: the ranking switch, instruments, savings and retention figures.',
  shortlists: 'Curated shortlists of candidates for a vacancy: pitch, approval, sending to the employer, and feedback.',
  placements: 'Placements of candidates in work, with follow-ups at 1, 3 and 6 months and the savings estimate.',
  inbox: 'What reached an account manager about their caseload: employer answers and drop-outs.',
  matching: 'Ranking candidates for vacancies and vacancies for candidates, with reasons; every run is stored.',
  privacy: 'A person’s data rights: export and erasure, and the attributes kept only for fairness audits.',
  audit: 'The audit log: who did what, when.',
  reports: 'Fairness and impact reports over this Werkplein.',
  digests: 'Daily or weekly digest e-mails of what is new, their one-click unsubscribe and bounce reports.',
  rekentool: 'The rekentool: net income per month with a job against assistance alone, and the rules it uses.',
  jobseeker: 'What the jobseeker sees on their own page: discussed vacancies and their proposed corrections.',
};

const ROLE_NAMES: Record<PageRole, string> = {
  admin: 'admins',
  account_manager: 'account managers',
  employer_relations: 'employer relations staff',
  employer: 'employer users',
  jobseeker: 'jobseekers',
};

/** "Who may call" in words, from the route's declared access (src/auth/roles.ts). */
export function whoMayCall(access: Access | undefined): string {
  if (access === undefined) return '';
  if (access === 'public') return 'No token needed.';
  const names = access.map((role) => ROLE_NAMES[role]);
  const list = names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : names[0];
  return `For ${list}.`;
}

type RouteForDocument = { method: string | string[]; url: string; config?: unknown; schema?: unknown };

/**
 * Per route, before the document is put together (the swagger transform): the description names
 * who may call; `x-access` lists the roles; a route that the rate limiter skips says so; the
 * request body gets its example, which must pass the route's own body schema.
 */
export function describeRoute<S extends Json>(schema: S, route: RouteForDocument): S {
  if (schema.hide) return schema;
  const config = (route.config ?? {}) as { access?: Access; rateLimit?: unknown };
  const described: Json = { ...schema };
  const who = whoMayCall(config.access);
  if (!described.description) described.description = `${typeof described.summary === 'string' ? described.summary : ''}. ${who}`.replace(/^\. /, '').trim();
  if (config.access !== undefined) described['x-access'] = config.access === 'public' ? 'public' : [...config.access];
  if (config.rateLimit === false) described['x-rate-limited'] = false;
  for (const method of [route.method].flat()) {
    const example = requestExamples[`${method} ${route.url}`];
    if (example === undefined) continue;
    const body = (route.schema as { body?: z.ZodType } | undefined)?.body;
    const parsed = body?.safeParse(example);
    if (!parsed?.success) {
      throw new Error(`The request example of ${method} ${route.url} does not fit its body schema: ${JSON.stringify(parsed?.error?.issues ?? 'no body')}`);
    }
    described['x-request-example'] = example;
  }
  return described as S;
}

const header = (description: string, schema: Schema) => ({ description, schema });
/** Response headers, declared once in components.headers and referenced from every response. */
const HEADERS: Record<string, { description: string; schema: Schema }> = {
  'X-RateLimit-Limit': header(
    'Requests allowed per minute for this token (or this address without one); RATE_LIMIT_PER_MINUTE. Not on an answer to a failed authentication.',
    { type: 'integer', format: 'int32', minimum: 1, maximum: 2_147_483_647 },
  ),
  'X-RateLimit-Remaining': header('Requests left in the current minute.', { type: 'integer', format: 'int32', minimum: 0, maximum: 2_147_483_647 }),
  'X-RateLimit-Reset': header('Seconds until the current minute ends and the count starts again.', {
    type: 'integer',
    format: 'int32',
    minimum: 0,
    maximum: 60,
  }),
  'Retry-After': header('Seconds to wait before trying again.', { type: 'integer', format: 'int32', minimum: 0, maximum: 86_400 }),
  'Access-Control-Allow-Origin': header('Sent only to a browser whose Origin is in CORS_ORIGINS (none by default); then that origin.', {
    type: 'string',
    format: 'uri',
    maxLength: 2_000,
  }),
};
const ref = (name: string) => ({ $ref: `#/components/headers/${name}` });

function responseHeaders(status: string, rateLimited: boolean): Record<string, unknown> | undefined {
  const names: string[] = [];
  if (rateLimited && /^[24]/.test(status)) names.push('X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset');
  if (status === '429' || status === '503') names.push('Retry-After');
  if (names.length === 0) return undefined;
  names.push('Access-Control-Allow-Origin');
  return Object.fromEntries(names.map((name) => [name, ref(name)]));
}

/** getCandidatesByIdIntakes for GET /v1/candidates/{id}/intakes: unique, as the method and path are. */
export function operationIdOf(method: string, path: string): string {
  const words = path
    .split('/')
    .filter((segment) => segment !== '' && segment !== 'v1')
    .flatMap((segment) => {
      const parameter = /^\{(.+)\}$/.exec(segment);
      return parameter ? ['by', ...parameter[1]!.split(/[-_]/)] : segment.split(/[-_]/);
    });
  return [method, ...words].map((word, i) => (i === 0 ? word.toLowerCase() : word.charAt(0).toUpperCase() + word.slice(1))).join('');
}

/** Every schema node under `node`, depth first (properties, items, anyOf …, and whatever else holds schemas). */
function eachSchema(node: unknown, visit: (schema: Schema) => void, isMap = false): void {
  if (Array.isArray(node)) {
    for (const item of node) eachSchema(item, visit);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const schema = node as Schema;
  // A map of names to schemas (properties, $defs, components): its keys are names, not keywords.
  if (isMap) {
    for (const value of Object.values(schema)) eachSchema(value, visit);
    return;
  }
  if ('type' in schema || 'anyOf' in schema || 'oneOf' in schema || 'allOf' in schema || 'enum' in schema || 'const' in schema) visit(schema);
  for (const [key, value] of Object.entries(schema)) {
    if (VALUES.has(key)) continue;
    eachSchema(value, visit, MAPS.has(key));
  }
}
/** Keywords whose values are data, not schemas. */
const VALUES = new Set(['example', 'examples', 'default', 'const', 'enum', 'required', 'x-request-example', 'x-access']);
/** Keywords whose values map names to schemas. */
const MAPS = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'schemas', 'headers', 'paths', 'responses', 'content']);

const typesOf = (schema: Schema): unknown[] => [schema.type].flat();
const INT32 = 2 ** 31;

/** What a schema's own keywords already imply, written out: integer formats, lengths of ids and dates. */
function spellOut(schema: Schema): void {
  const types = typesOf(schema);
  if (types.includes('integer') && schema.format === undefined) {
    const min = typeof schema.minimum === 'number' ? schema.minimum : -Infinity;
    const max = typeof schema.maximum === 'number' ? schema.maximum : Infinity;
    schema.format = min >= -INT32 && max < INT32 ? 'int32' : 'int64';
  }
  if (types.includes('string') && schema.maxLength === undefined) {
    if (schema.format === 'uuid') schema.maxLength = 36;
    if (schema.format === 'date') schema.maxLength = 10;
  }
}

/** Request text: the validator refuses control characters in every string of a body, query or path. */
function markPlainText(schema: Schema): void {
  if (!typesOf(schema).includes('string')) return;
  if (schema.pattern === undefined && schema.format === undefined && schema.enum === undefined && schema.const === undefined) {
    schema.pattern = PLAIN_TEXT_PATTERN;
  }
}

/**
 * A parameter that takes one of several shapes (anyOf) also states, at its top, the types and the
 * bounds its members share, so that a reader (and a linter) sees them without opening each member.
 */
function hoistMembers(schema: Schema | undefined): void {
  const members = (schema?.anyOf ?? schema?.oneOf) as Schema[] | undefined;
  if (!schema || !members || schema.type !== undefined || !members.every((member) => member.type !== undefined)) return;
  for (const member of members) spellOut(member);
  const types = [...new Set(members.flatMap(typesOf))];
  schema.type = types.length === 1 ? types[0] : types;
  const lists = members.filter((member) => typesOf(member).includes('array'));
  if (lists.length === 1 && lists[0]!.items !== undefined) schema.items = lists[0]!.items;
  const most = (key: 'maxLength' | 'maxItems', type: string) => {
    const values = members
      .filter((member) => typesOf(member).includes(type))
      .map((member) => (key === 'maxLength' && Array.isArray(member.enum) ? Math.max(...member.enum.map((value) => String(value).length)) : member[key]));
    if (values.length > 0 && values.every((value) => typeof value === 'number')) schema[key] = Math.max(...values);
  };
  if (types.includes('string')) most('maxLength', 'string');
  if (types.includes('array')) most('maxItems', 'array');
}

/** Components that nothing refers to (zod's unused input variants of response schemas) are left out. */
function dropUnusedComponents(document: Json): void {
  const components = (document.components as { schemas?: Record<string, unknown> } | undefined)?.schemas;
  if (!components) return;
  const used = new Set<string>();
  const pending: unknown[] = [document.paths];
  while (pending.length > 0) {
    const text = JSON.stringify(pending.pop());
    for (const match of text.matchAll(/"#\/components\/schemas\/([^"]+)"/g)) {
      const name = match[1]!;
      if (used.has(name)) continue;
      used.add(name);
      pending.push(components[name]);
    }
  }
  for (const name of Object.keys(components)) if (!used.has(name)) delete components[name];
}

/** Applies the document-wide rules to the generated document (mutates and returns it). */
export function finishDocument<T extends Json>(generated: T): T {
  const document: Json = generated;
  dropUnusedComponents(document);
  const components = (document.components ??= {}) as Json;
  components.headers = { ...(components.headers as Json | undefined), ...HEADERS };
  const usedTags = new Set<string>();
  for (const { path, method, operation } of operationsOf(document)) {
    operation.operationId ??= operationIdOf(method, path);
    for (const tag of operation.tags ?? []) usedTags.add(tag);

    const body = operation.requestBody?.content ?? {};
    // src/http/validation.ts: a PATCH changes at least one field.
    if (method === 'patch') {
      for (const media of Object.values(body)) if (media.schema) media.schema.minProperties = 1;
    }
    const example = operation['x-request-example'];
    delete operation['x-request-example'];
    if (example !== undefined && body['application/json']) body['application/json'].example = example;
    for (const media of Object.values(body)) eachSchema(media.schema, markPlainText);
    for (const parameter of operation.parameters ?? []) {
      hoistMembers(parameter.schema);
      if (parameter.in !== 'header') eachSchema(parameter.schema, markPlainText);
    }

    const rateLimited = operation['x-rate-limited'] !== false;
    for (const [status, response] of Object.entries(operation.responses ?? {})) {
      const headers = responseHeaders(status, rateLimited);
      if (headers) response.headers = { ...headers, ...response.headers };
    }
  }
  eachSchema(document.paths, spellOut);
  eachSchema(components.schemas, spellOut, true);
  // Every tag in use, in the order above, with its description; a tag missing there still appears.
  document.tags = [...Object.keys(TAGS).filter((tag) => usedTags.has(tag)), ...[...usedTags].filter((tag) => !(tag in TAGS))].map((name) =>
    TAGS[name] ? { name, description: TAGS[name] } : { name },
  );
  return generated;
}
