import fp from 'fastify-plugin';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pgErrorOf } from '../../db/client.js';
import { langOf } from '../lib/lang.js';
import { dutchValidationMessage, ruleMessage, type Lang } from '../lib/messages.js';
import { commonProblems, ProblemError, renderProblem, type FieldError, type ProblemSpec } from '../lib/problems.js';

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

const PG_CONNECTION_CODES = new Set(['57P01', '57P02', '57P03', '08000', '08003', '08006', '08001', '53300']);
const NODE_CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT']);

function isConnectionError(error: unknown): boolean {
  const pg = pgErrorOf(error);
  if (pg?.code && PG_CONNECTION_CODES.has(pg.code)) return true;
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth += 1) {
    const candidate = current as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof candidate.code === 'string' && NODE_CONNECTION_CODES.has(candidate.code)) return true;
    if (typeof candidate.message === 'string' && /Connection terminated|timeout exceeded when trying to connect/i.test(candidate.message)) return true;
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

/** Error and not-found handlers that answer application/problem+json (RFC 9457) with stable codes. */
export const problemsPlugin = fp(
  async (app: FastifyInstance) => {
    app.setErrorHandler((error: FastifyError, request, reply) => {
      const lang = langOf(request);
      const problem = toProblem(error, request, lang);
      if (problem.spec.status >= 500) {
        request.log.error({ err: error }, 'request failed');
      } else if (!(error instanceof ProblemError)) {
        request.log.info({ code: problem.spec.code, reason: error.message }, 'request rejected');
      }
      return sendProblem(reply, request, problem.spec, problem);
    });
    app.setNotFoundHandler((request, reply) => sendProblem(reply, request, commonProblems.not_found));
  },
  { name: 'problems' },
);
