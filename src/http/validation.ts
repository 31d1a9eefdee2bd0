import type { FastifySchemaCompiler } from 'fastify';
import { safeParse, type $ZodIssue } from 'zod/v4/core';
import type { z } from 'zod';
import { validationMessages, type ValidationMessageKey } from '../schemas/messages.js';
import { findControlCharacters } from '../schemas/text.js';

/*
 * The request validator: zod, as fastify-type-provider-zod's, plus the rules that hold for every
 * route so that no route can forget them:
 * - no control characters in any string of a body, query or path (src/schemas/text.ts);
 * - a PATCH body changes at least one field (an empty patch is a 400, never a 500 from an empty
 *   UPDATE).
 * Errors have the shape fastify-type-provider-zod gives, so the problem handler renders them alike.
 */

const VALIDATION_ERROR = Symbol.for('ZodFastifySchemaValidationError');

type Issue = { code: string; path: PropertyKey[]; message: string; [key: string]: unknown };

function validationError(issues: readonly Issue[] | readonly $ZodIssue[]) {
  return issues.map((issue) => {
    const { path, code, message, ...params } = issue as Issue;
    return {
      [VALIDATION_ERROR]: true,
      keyword: code,
      instancePath: `/${path.map(String).join('/')}`,
      schemaPath: `#/${path.map(String).join('/')}/${code}`,
      message,
      params,
    };
  });
}

function ruleIssue(path: PropertyKey[], key: ValidationMessageKey): Issue {
  return { code: 'custom', path, message: validationMessages[key].nl({}), params: { key, values: {} } };
}

/** True when a parsed PATCH body would change nothing: no field with a value. */
export function isEmptyPatch(body: unknown): boolean {
  return body !== null && typeof body === 'object' && !Array.isArray(body) && Object.values(body).every((value) => value === undefined);
}

export const validatorCompiler: FastifySchemaCompiler<z.ZodType> =
  ({ schema, method, httpPart }) =>
  (data) => {
    if (httpPart !== 'headers') {
      const controls = findControlCharacters(data);
      if (controls.length > 0) return { error: validationError(controls.map((path) => ruleIssue(path, 'text.control_character'))) as never };
    }
    const result = safeParse(schema, data);
    if (result.error) return { error: validationError(result.error.issues) as never };
    if (method === 'PATCH' && httpPart === 'body' && isEmptyPatch(result.data)) {
      return { error: validationError([ruleIssue([], 'patch.empty')]) as never };
    }
    return { value: result.data };
  };
