import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isDatabaseUnavailable, pgErrorOf } from '../../db/client.js';
import { dutchValidationMessage, ruleMessage, type Lang } from '../schemas/messages.js';
import { langOf } from './language.js';
import { loggableError } from '../logging.js';

/*
 * Problems (RFC 9457): what services throw (ProblemError, declared per domain with defineProblems),
 * how they are rendered as application/problem+json in the caller's language, and the error and
 * not-found handlers that turn any error into one.
 */
type Values = Record<string, string | number>;

/** A pointer into the request and what is wrong there: a ready text, or a message key to localise. */
export type FieldError = { pointer: string; detail: string } | { pointer: string; key: string; values?: Values };

/** A kind of problem: a stable code, its HTTP status and its words in Dutch (B1) and English. */
export type ProblemSpec = {
  code: string;
  status: number;
  title: Record<Lang, string>;
  detail?: Record<Lang, (values: Values) => string>;
};

/** Declares a domain's problems; keys become stable codes like `vacancy.not_found`. */
export function defineProblems<const T extends Record<string, Omit<ProblemSpec, 'code'>>>(domain: string, specs: T): { [K in keyof T]: ProblemSpec } {
  return Object.fromEntries(Object.entries(specs).map(([key, spec]) => [key, { ...spec, code: `${domain}.${key}` }])) as { [K in keyof T]: ProblemSpec };
}

/** A problem to answer with: thrown by services, rendered as application/problem+json (RFC 9457). */
export class ProblemError extends Error {
  readonly spec: ProblemSpec;
  readonly values: Values;
  readonly errors: FieldError[] | undefined;
  readonly headers: Record<string, string> | undefined;

  constructor(spec: ProblemSpec, options: { values?: Values; errors?: FieldError[]; headers?: Record<string, string>; cause?: unknown } = {}) {
    super(spec.code, { cause: options.cause });
    this.name = 'ProblemError';
    this.spec = spec;
    this.values = options.values ?? {};
    this.errors = options.errors;
    this.headers = options.headers;
  }

  get statusCode(): number {
    return this.spec.status;
  }
}

/** The RFC 9457 body. `code` is stable; `title` and `detail` are for people. */
export const problemSchema = z
  .object({
    type: z.string().describe('URI of the problem type'),
    title: z.string().describe('Short, human-readable summary'),
    status: z.int(),
    detail: z.string().optional().describe('What happened and what to do, in plain language'),
    code: z.string().describe('Stable machine-readable code, e.g. vacancy.not_found'),
    instance: z.string().optional().describe('Request id, to quote when asking for help'),
    errors: z.array(z.object({ pointer: z.string().describe('JSON pointer into the request'), detail: z.string() })).optional(),
  })
  .meta({ id: 'Problem' });
export type Problem = z.infer<typeof problemSchema>;

export function renderProblem(spec: ProblemSpec, lang: Lang, extra: { values?: Values; instance?: string; errors?: FieldError[] } = {}): Problem {
  const problem: Problem = {
    type: `urn:kansrijk:problem:${spec.code}`,
    title: spec.title[lang],
    status: spec.status,
    code: spec.code,
  };
  if (spec.detail) problem.detail = spec.detail[lang](extra.values ?? {});
  if (extra.instance) problem.instance = extra.instance;
  if (extra.errors && extra.errors.length > 0) {
    problem.errors = extra.errors.map((error) =>
      'key' in error ? { pointer: error.pointer, detail: ruleMessage(error.key, error.values ?? {}, lang) ?? error.key } : error,
    );
  }
  return problem;
}

/** Problems that any route may answer with. */
export const commonProblems = defineProblems('request', {
  invalid: {
    status: 400,
    title: { nl: 'De aanvraag klopt niet', en: 'The request is not valid' },
    detail: {
      nl: () => 'Een of meer velden kloppen niet. Kijk bij "errors" welke, en pas ze aan.',
      en: () => 'One or more fields are not valid. See "errors" for which, and correct them.',
    },
  },
  invalid_cursor: {
    status: 400,
    title: { nl: 'Ongeldige cursor', en: 'Invalid cursor' },
    detail: {
      nl: () => 'Gebruik de nextCursor uit het vorige antwoord, zonder die aan te passen.',
      en: () => 'Use the nextCursor from the previous answer, unchanged.',
    },
  },
  malformed: {
    status: 400,
    title: { nl: 'De aanvraag kan niet gelezen worden', en: 'The request cannot be read' },
    detail: {
      nl: () => 'Stuur geldige JSON met Content-Type application/json.',
      en: () => 'Send valid JSON with Content-Type application/json.',
    },
  },
  unauthenticated: {
    status: 401,
    title: { nl: 'Niet ingelogd', en: 'Not authenticated' },
    detail: {
      nl: () => 'Stuur een geldig token in de Authorization-header: "Bearer <token>". Het token kan verlopen of ingetrokken zijn.',
      en: () => 'Send a valid token in the Authorization header: "Bearer <token>". The token may have expired or been revoked.',
    },
  },
  forbidden: {
    status: 403,
    title: { nl: 'Geen toegang', en: 'Access denied' },
    detail: {
      nl: () => 'Met uw rol mag u dit niet doen.',
      en: () => 'Your role does not allow this.',
    },
  },
  not_found: {
    status: 404,
    title: { nl: 'Niet gevonden', en: 'Not found' },
    detail: {
      nl: () => 'Dit adres bestaat niet.',
      en: () => 'This address does not exist.',
    },
  },
  method_not_allowed: {
    status: 405,
    title: { nl: 'Deze methode kan hier niet', en: 'Method not allowed' },
  },
  too_large: {
    status: 413,
    title: { nl: 'De aanvraag is te groot', en: 'The request is too large' },
    detail: {
      nl: (v) => `Stuur hooguit ${v.limit} bytes.`,
      en: (v) => `Send at most ${v.limit} bytes.`,
    },
  },
  unsupported_media_type: {
    status: 415,
    title: { nl: 'Dit formaat wordt niet ondersteund', en: 'Unsupported media type' },
    detail: { nl: () => 'Stuur JSON (application/json).', en: () => 'Send JSON (application/json).' },
  },
  timeout: {
    status: 408,
    title: { nl: 'De aanvraag duurde te lang', en: 'The request took too long' },
    detail: {
      nl: () => 'De aanvraag kwam niet op tijd helemaal binnen. Probeer het opnieuw.',
      en: () => 'The request did not arrive completely in time. Try again.',
    },
  },
  uri_too_long: {
    status: 414,
    title: { nl: 'Het adres is te lang', en: 'The address is too long' },
    detail: {
      nl: (v) => `Een deel van het adres is langer dan ${v.limit} tekens. Controleer de link.`,
      en: (v) => `A part of the address is longer than ${v.limit} characters. Check the link.`,
    },
  },
  bad_url: {
    status: 400,
    title: { nl: 'Het adres klopt niet', en: 'The address is not valid' },
    detail: {
      nl: () => 'Het adres bevat tekens die niet gelezen kunnen worden. Controleer de link.',
      en: () => 'The address holds characters that cannot be read. Check the link.',
    },
  },
  headers_too_large: {
    status: 431,
    title: { nl: 'De headers zijn te groot', en: 'The headers are too large' },
    detail: {
      nl: () => 'De headers van de aanvraag zijn samen met het adres groter dan toegestaan. Stuur minder of kortere headers, of een korter adres.',
      en: () => 'The request headers, together with the address, are larger than allowed. Send fewer or shorter headers, or a shorter address.',
    },
  },
  unreadable: {
    status: 400,
    title: { nl: 'De aanvraag kan niet gelezen worden', en: 'The request cannot be read' },
    detail: {
      nl: () => 'De aanvraag is geen geldig HTTP-bericht.',
      en: () => 'The request is not a valid HTTP message.',
    },
  },
  rate_limited: {
    status: 429,
    title: { nl: 'Te veel aanvragen', en: 'Too many requests' },
    detail: {
      nl: (v) => `Wacht ${v.seconds} seconden en probeer het dan opnieuw.`,
      en: (v) => `Wait ${v.seconds} seconds and try again.`,
    },
  },
  auth_rate_limited: {
    status: 429,
    title: { nl: 'Te veel mislukte inlogpogingen', en: 'Too many failed authentications' },
    detail: {
      nl: (v) => `Wacht ${v.seconds} seconden en probeer het dan opnieuw.`,
      en: (v) => `Wait ${v.seconds} seconds and try again.`,
    },
  },
  conflict: {
    status: 409,
    title: { nl: 'Dit bestaat al', en: 'This already exists' },
    detail: {
      nl: () => 'Er is al een gegeven met dezelfde waarde.',
      en: () => 'Something with the same value already exists.',
    },
  },
  in_use: {
    status: 409,
    title: { nl: 'Dit wordt nog gebruikt', en: 'This is still in use' },
    detail: {
      nl: () => 'Andere gegevens verwijzen hier nog naar. Pas die eerst aan.',
      en: () => 'Other records still refer to this. Change them first.',
    },
  },
  unavailable: {
    status: 503,
    title: { nl: 'Tijdelijk niet beschikbaar', en: 'Temporarily unavailable' },
    detail: {
      nl: () => 'Een onderdeel van Kansrijk is even niet bereikbaar. Probeer het over een minuut opnieuw.',
      en: () => 'Part of Kansrijk cannot be reached right now. Try again in a minute.',
    },
  },
  internal: {
    status: 500,
    title: { nl: 'Er ging iets mis', en: 'Something went wrong' },
    detail: {
      nl: () => 'Er ging bij ons iets mis. Probeer het later opnieuw. Noem het nummer bij "instance" als u hulp vraagt.',
      en: () => 'Something went wrong on our side. Try again later. Quote the "instance" number when asking for help.',
    },
  },
});

/** The service itself cannot do its work right now; the request may be sent again later. */
export const serviceProblems = defineProblems('service', {
  database_unavailable: {
    status: 503,
    title: { nl: 'Kansrijk is even niet bereikbaar', en: 'Kansrijk is temporarily unavailable' },
    detail: {
      nl: () =>
        'De database van Kansrijk is even niet bereikbaar. Probeer het over een minuut opnieuw. Stuurde u een wijziging? Kijk dan eerst of die er is, of stuur haar opnieuw met dezelfde Idempotency-Key.',
      en: () =>
        'The Kansrijk database cannot be reached right now. Try again in a minute. Did you send a change? Check first whether it is there, or send it again with the same Idempotency-Key.',
    },
  },
});

// The error handler: any error becomes a problem.
const zodLocales = { en: z.locales.en() } as const;

type ValidationItem = {
  instancePath: string;
  keyword: string;
  message?: string;
  params?: Record<string, unknown>;
};

/** Rewrites a zod issue, as passed on by fastify-type-provider-zod, in the caller's language. */
function localiseIssue(item: ValidationItem, lang: Lang): string {
  const params = item.params ?? {};
  const custom = params.params as { key?: string; values?: Record<string, string | number> } | undefined;
  if (item.keyword === 'custom' && custom?.key) {
    return ruleMessage(custom.key, custom.values ?? {}, lang) ?? item.message ?? '';
  }
  if (lang === 'nl') return dutchValidationMessage({ ...params, code: item.keyword });
  const locale = zodLocales[lang].localeError as unknown as (issue: Record<string, unknown>) => string | { message: string } | undefined;
  const result = locale({ ...params, code: item.keyword, path: [], input: params.input });
  const message = typeof result === 'string' ? result : result?.message;
  return message ?? item.message ?? '';
}

function pointerOf(context: string | undefined, instancePath: string): string {
  const path = instancePath === '/' ? '' : instancePath;
  return `/${context ?? 'body'}${path}`;
}

const NODE_CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);

/** Another server than the database (the database: isDatabaseUnavailable) could not be reached. */
function isConnectionError(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth += 1) {
    const candidate = current as { code?: unknown; cause?: unknown };
    if (typeof candidate.code === 'string' && NODE_CONNECTION_CODES.has(candidate.code)) return true;
    current = candidate.cause;
  }
  return false;
}

/** Maps any error to an RFC 9457 problem; 5xx never carry internals. */
function toProblem(error: FastifyError | Error, request: FastifyRequest, lang: Lang) {
  const fastifyError = error as FastifyError & { validationContext?: string };
  if (error instanceof ProblemError) {
    return { spec: error.spec, values: error.values, errors: error.errors, headers: error.headers };
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const items = fastifyError.validation as unknown as ValidationItem[];
    return {
      spec: commonProblems.invalid,
      errors: items.map((item) => ({
        pointer: pointerOf(fastifyError.validationContext, item.instancePath),
        detail: localiseIssue(item, lang),
      })),
    };
  }
  const pg = pgErrorOf(error);
  if (pg?.code === '23505') return { spec: commonProblems.conflict };
  if (pg?.code === '23503') return { spec: commonProblems.in_use };
  if (isDatabaseUnavailable(error)) return { spec: serviceProblems.database_unavailable, headers: { 'retry-after': '5' } };
  if (isConnectionError(error)) return { spec: commonProblems.unavailable, headers: { 'retry-after': '5' } };
  switch (fastifyError.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { spec: commonProblems.too_large, values: { limit: request.routeOptions.bodyLimit ?? 0 } };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { spec: commonProblems.unsupported_media_type };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return { spec: commonProblems.malformed };
    default:
      break;
  }
  if (error instanceof SyntaxError || fastifyError.statusCode === 400) return { spec: commonProblems.malformed };
  if (fastifyError.statusCode === 413) return { spec: commonProblems.too_large, values: { limit: request.routeOptions.bodyLimit ?? 0 } };
  if (fastifyError.statusCode === 415) return { spec: commonProblems.unsupported_media_type };
  if (fastifyError.statusCode === 404) return { spec: commonProblems.not_found };
  if (fastifyError.statusCode === 405) return { spec: commonProblems.method_not_allowed };
  return { spec: commonProblems.internal };
}

export function sendProblem(
  reply: FastifyReply,
  request: FastifyRequest,
  spec: ProblemSpec,
  extra: { values?: Record<string, string | number>; errors?: FieldError[] | undefined; headers?: Record<string, string> | undefined } = {},
) {
  const lang = langOf(request);
  const problem = renderProblem(spec, lang, { values: extra.values, errors: extra.errors, instance: request.id });
  for (const [name, value] of Object.entries(extra.headers ?? {})) reply.header(name, value);
  return reply.status(spec.status).type('application/problem+json; charset=utf-8').send(problem);
}

/**
 * Errors that fastify's router answers itself, before any route or error handler (fastify option
 * `frameworkErrors`): a path parameter over maxParamLength (414), an undecodable URL (400).
 */
export function frameworkErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const limit = (request.server.initialConfig as { routerOptions?: { maxParamLength?: number } }).routerOptions?.maxParamLength ?? 100;
  const spec =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? commonProblems.uri_too_long
      : error.code === 'FST_ERR_BAD_URL'
        ? commonProblems.bad_url
        : (error.statusCode ?? 500) < 500
          ? commonProblems.malformed
          : commonProblems.internal;
  request.log.info({ code: spec.code, reason: error.code }, 'request rejected');
  void sendProblem(reply, request, spec, { values: { limit } });
}

/**
 * Errors of node's HTTP parser, before fastify has a request (fastify option `clientErrorHandler`):
 * headers over maxHeaderSize (431; an over-long URL counts too), a timeout (408), or bytes that are
 * no HTTP (400). Answered as problem+json on the raw socket, in Dutch (the headers were not read).
 */
export function clientErrorHandler(this: FastifyInstance, error: Error & { code?: string }, socket: Socket) {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const spec =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? commonProblems.headers_too_large
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? commonProblems.timeout
        : commonProblems.unreadable;
  const instance = randomUUID();
  this.log.info({ code: spec.code, reason: error.code, id: instance }, 'request rejected by the HTTP parser');
  if (socket.writable) {
    const body = JSON.stringify(renderProblem(spec, 'nl', { instance }));
    socket.write(
      `HTTP/1.1 ${spec.status} ${STATUS_CODES[spec.status] ?? ''}\r\n` +
        'Content-Type: application/problem+json; charset=utf-8\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        'Connection: close\r\n\r\n' +
        body,
    );
  }
  socket.destroy(error);
}

/** Error and not-found handlers that answer application/problem+json (RFC 9457) with stable codes. */
export const problemsPlugin = fp(
  async (app: FastifyInstance) => {
    app.setErrorHandler((error: FastifyError, request, reply) => {
      const lang = langOf(request);
      const problem = toProblem(error, request, lang);
      if (problem.spec === serviceProblems.database_unavailable) {
        // One line per request while the database is away; the pool logs each lost connection once.
        request.log.warn({ code: problem.spec.code, reason: loggableError(error).message }, 'database unavailable');
      } else if (problem.spec.status >= 500) {
        request.log.error({ error: loggableError(error) }, 'request failed');
      } else if (!(error instanceof ProblemError)) {
        request.log.info({ code: problem.spec.code, reason: loggableError(error).message }, 'request rejected');
      }
      return sendProblem(reply, request, problem.spec, problem);
    });
    app.setNotFoundHandler((request, reply) => sendProblem(reply, request, commonProblems.not_found));
  },
  { name: 'problems' },
);
