import type { FastifySerializerCompiler } from 'fastify/types/schema.js';
import { ResponseSerializationError } from 'fastify-type-provider-zod';
import { $ZodType, safeEncode, safeParse } from 'zod/v4/core';

/*
 * The response serializer: every answer goes through its route's zod schema before it is sent, as
 * fastify-type-provider-zod's serializer does: keys the schema does not name are dropped (a view
 * can never leak a field the API does not document), and an answer that does not fit its schema is
 * a 500, never sent.
 *
 * fastify-type-provider-zod encodes (zod's backward direction, for codecs). Backward, zod parses
 * every schema that has checks twice (a first pass without checks, then again with them), at every
 * level: for a page of vacancies that is most of the time the answer takes (issue 19.6). A schema
 * without anything that works differently per direction (transforms, pipes and codecs, defaults,
 * prefaults, catch) gives the same result both ways, so it is parsed forward: the same checks, the
 * same keys dropped, once. Any other schema is encoded as before.
 */

type Def = {
  type: string;
  shape?: Record<string, $ZodType>;
  catchall?: $ZodType;
  element?: $ZodType;
  items?: $ZodType[];
  rest?: $ZodType | null;
  options?: $ZodType[];
  discriminator?: string;
  unionFallback?: boolean;
  left?: $ZodType;
  right?: $ZodType;
  keyType?: $ZodType;
  valueType?: $ZodType;
  innerType?: $ZodType;
  getter?: () => $ZodType;
};

/** Types whose parse does not depend on the direction, with no inner schema. */
const NEUTRAL_LEAVES = new Set([
  'string',
  'number',
  'int',
  'boolean',
  'bigint',
  'symbol',
  'null',
  'undefined',
  'void',
  'never',
  'any',
  'unknown',
  'date',
  'enum',
  'literal',
  'nan',
  'template_literal',
  'custom',
]);

/**
 * True when parsing `schema` forward gives what encoding it gives (the same value, or a failure
 * both ways). Unknown kinds of schema count as not neutral: they keep the encode.
 */
export function isDirectionNeutral(schema: $ZodType, seen: Set<$ZodType> = new Set()): boolean {
  if (seen.has(schema)) return true; // a recursive (lazy) schema: the first visit decides
  seen.add(schema);
  const def = schema._zod.def as unknown as Def;
  const all = (schemas: Array<$ZodType | null | undefined>) => schemas.every((inner) => !inner || isDirectionNeutral(inner, seen));
  if (NEUTRAL_LEAVES.has(def.type)) return true;
  switch (def.type) {
    case 'object':
      return all([...Object.values(def.shape ?? {}), def.catchall]);
    case 'array':
      return all([def.element]);
    case 'tuple':
      return all([...(def.items ?? []), def.rest]);
    case 'record':
      return all([def.keyType, def.valueType]);
    case 'intersection':
      return all([def.left, def.right]);
    case 'optional':
    case 'nullable':
    case 'nonoptional':
    case 'readonly':
      return all([def.innerType]);
    case 'lazy':
      return all([def.getter?.()]);
    case 'union':
      // A discriminated union picks its option by the tag forward and tries every option backward:
      // the same option, as long as no option admits an absent tag.
      if (def.discriminator !== undefined && !def.unionFallback) {
        const tag = def.discriminator;
        const tagAdmitsAbsent = (def.options ?? []).some((option) => {
          const values = (option._zod as { propValues?: Record<string, Set<unknown>> }).propValues?.[tag];
          return !values || values.has(undefined);
        });
        if (tagAdmitsAbsent) return false;
      }
      return all(def.options ?? []);
    default:
      return false;
  }
}

function resolveSchema(maybeSchema: unknown): $ZodType {
  if (maybeSchema instanceof $ZodType) return maybeSchema;
  const properties = (maybeSchema as { properties?: unknown } | null)?.properties;
  if (properties instanceof $ZodType) return properties;
  throw new Error(`not a zod response schema: ${JSON.stringify(maybeSchema)}`);
}

/** fastify's serializer compiler for zod response schemas (set in src/app.ts). */
export const serializerCompiler: FastifySerializerCompiler<unknown> = ({ schema: maybeSchema, method, url }) => {
  const schema = resolveSchema(maybeSchema);
  const check = isDirectionNeutral(schema) ? safeParse : safeEncode;
  return (data) => {
    const result = check(schema, data);
    if (result.error) throw new ResponseSerializationError(method, url, { cause: result.error });
    return JSON.stringify(result.data);
  };
};
