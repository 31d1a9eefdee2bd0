import fc from 'fast-check';
import { PLAIN_TEXT_PATTERN } from '../../src/schemas/text.js';

/**
 * fast-check arbitraries from the JSON schemas of /openapi.json (the subset zod emits: type, enum,
 * const, anyOf/oneOf, properties/required/additionalProperties/minProperties, items/minItems/
 * maxItems, minLength/maxLength/pattern/format, minimum/maximum/exclusiveMinimum/multipleOf, $ref).
 *
 * `valid` values follow the schema. With `wrong` set, any node may instead be a deliberately wrong
 * value: another type, a string one past maxLength or far too long, an unknown enum value, control
 * characters, a number out of range or not an integer, an unknown property, a missing required one,
 * an empty object.
 * `ids` are real identifiers to use for uuid strings most of the time, so that requests reach the
 * handlers instead of stopping at "not found".
 */
export type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  minProperties?: number;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  multipleOf?: number;
  default?: unknown;
};

export type SchemaArbitraryOptions = {
  /** Resolves `#/components/schemas/X`. */
  components?: Record<string, JsonSchema>;
  /** Real ids to prefer for uuid strings. */
  ids?: readonly string[];
  /** Mix deliberately wrong values in (about one node in `wrongOneIn`). */
  wrong?: boolean;
  wrongOneIn?: number;
};

/** Characters no text field may hold (issue 11.5): NUL, BEL, ESC, DEL, a C1 control, CR alone. */
const CONTROL_CHARACTERS = ['\u0000', '\u0007', '\u001b', '\u007f', '\u0085', '\r', '\u0008'];

/** Long enough to pass every maxLength in the document (and the 200-character path parameter limit). */
const VERY_LONG = 'x'.repeat(5_001);

function resolve(schema: JsonSchema, options: SchemaArbitraryOptions): JsonSchema {
  if (!schema.$ref) return schema;
  const name = /^#\/components\/schemas\/(.+)$/.exec(schema.$ref)?.[1];
  const target = name ? options.components?.[name] : undefined;
  if (!target) throw new Error(`schema-arbitrary: cannot resolve ${schema.$ref}`);
  return resolve(target, options);
}

function typesOf(schema: JsonSchema): string[] {
  if (Array.isArray(schema.type)) return schema.type;
  if (schema.type) return [schema.type];
  if (schema.properties) return ['object'];
  if (schema.items) return ['array'];
  return [];
}

/** A value the schema allows. */
function validArbitrary(schema: JsonSchema, options: SchemaArbitraryOptions, depth: number): fc.Arbitrary<unknown> {
  schema = resolve(schema, options);
  if ('const' in schema) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const members = schema.anyOf ?? schema.oneOf;
  if (members) return fc.oneof(...members.map((member) => schemaArbitrary(member, options, depth + 1)));
  if (schema.allOf) return schemaArbitrary(Object.assign({}, ...schema.allOf.map((part) => resolve(part, options))) as JsonSchema, options, depth + 1);
  const types = typesOf(schema);
  if (types.length > 1) return fc.oneof(...types.map((type) => validArbitrary({ ...schema, type }, options, depth)));
  switch (types[0]) {
    case 'string':
      return stringArbitrary(schema, options);
    case 'integer':
    case 'number':
      return numberArbitrary(schema, types[0]);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const minLength = schema.minItems ?? 0;
      const maxLength = Math.min(schema.maxItems ?? minLength + 3, minLength + (depth > 3 ? 1 : 3));
      return fc.array(schema.items ? schemaArbitrary(schema.items, options, depth + 1) : fc.jsonValue({ maxDepth: 1 }), { minLength, maxLength });
    }
    case 'object':
      return objectArbitrary(schema, options, depth);
    default:
      // An empty schema ({}): any JSON value.
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/**
 * fc.stringMatching per pattern, made once: building one walks the regex's character classes (most
 * of the fuzz test's CPU when made again for each of the ~250 uuid fields). An arbitrary holds no
 * state (values come from the random source it is given), so one serves every schema. fc.webUrl too.
 */
const matchingArbitraries = new Map<string, fc.Arbitrary<string>>();
function stringMatching(pattern: string): fc.Arbitrary<string> {
  let arbitrary = matchingArbitraries.get(pattern);
  if (!arbitrary) {
    arbitrary = fc.stringMatching(new RegExp(pattern));
    matchingArbitraries.set(pattern, arbitrary);
  }
  return arbitrary;
}
let webUrls: fc.Arbitrary<string> | undefined;

function stringArbitrary(schema: JsonSchema, options: SchemaArbitraryOptions): fc.Arbitrary<string> {
  const minLength = schema.minLength ?? 0;
  const maxLength = schema.maxLength ?? 200;
  const fits = (value: string) => value.length >= minLength && value.length <= maxLength;
  const isUuid = schema.format === 'uuid' || /\[89abAB\]|\{8\}-\[0-9a-fA-F\]\{4\}/.test(schema.pattern ?? '');
  if (isUuid && options.ids && options.ids.length > 0) {
    const generated = schema.pattern ? stringMatching(schema.pattern) : fc.uuid();
    return fc.oneof({ arbitrary: fc.constantFrom(...options.ids), weight: 4 }, { arbitrary: generated, weight: 1 });
  }
  if (schema.format === 'date' || schema.format === 'date-time') {
    // Mostly dates of these years (the ones the service works with), at times any the pattern allows.
    const recent = fc.date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true });
    const iso = schema.format === 'date' ? recent.map((date) => date.toISOString().slice(0, 10)) : recent.map((date) => date.toISOString());
    return schema.pattern ? fc.oneof({ arbitrary: iso, weight: 4 }, { arbitrary: stringMatching(schema.pattern), weight: 1 }) : iso;
  }
  // Free text carries the no-control-characters pattern (src/http/openapi-document.ts): generated as text below.
  if (schema.pattern && schema.pattern !== PLAIN_TEXT_PATTERN) return stringMatching(schema.pattern).filter(fits);
  switch (schema.format) {
    case 'uuid':
      return fc.uuid();
    case 'email':
      return fc.emailAddress().filter(fits);
    case 'uri':
      return (webUrls ??= fc.webUrl()).filter(fits);
    default: {
      // Mostly readable text (a test on a busy machine does not need 5,000-character names), at
      // times all of Unicode, at times as long as allowed.
      const readable = Math.min(maxLength, Math.max(minLength, 40));
      return fc
        .oneof(
          { arbitrary: fc.string({ minLength, maxLength: readable }), weight: 6 },
          { arbitrary: fc.string({ minLength, maxLength: readable, unit: 'grapheme' }), weight: 2 },
          { arbitrary: fc.constant('x'.repeat(Math.max(minLength, maxLength))), weight: 1 },
        )
        .filter((value) => fits(value) && (minLength === 0 || value.trim().length > 0));
    }
  }
}

function numberArbitrary(schema: JsonSchema, type: 'integer' | 'number'): fc.Arbitrary<number> {
  let min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + (type === 'integer' ? 1 : 1e-6) : -1_000_000);
  let max = schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - (type === 'integer' ? 1 : 1e-6) : 1_000_000);
  if (schema.multipleOf) {
    const step = schema.multipleOf;
    return fc.integer({ min: Math.ceil(min / step), max: Math.floor(max / step) }).map((n) => Number((n * step).toFixed(10)));
  }
  if (type === 'integer') {
    min = Math.max(Math.ceil(min), Number.MIN_SAFE_INTEGER);
    max = Math.min(Math.floor(max), Number.MAX_SAFE_INTEGER);
    return fc.oneof(fc.integer({ min, max }), fc.constantFrom(min, max));
  }
  return fc.oneof(fc.double({ min, max, noNaN: true, noDefaultInfinity: true }), fc.constantFrom(min, max));
}

function objectArbitrary(schema: JsonSchema, options: SchemaArbitraryOptions, depth: number): fc.Arbitrary<Record<string, unknown>> {
  const properties = schema.properties ?? {};
  const required = schema.required ?? [];
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, property] of Object.entries(properties)) model[name] = schemaArbitrary(property, options, depth + 1);
  let record: fc.Arbitrary<Record<string, unknown>> = fc.record(model, { requiredKeys: required.filter((name) => name in properties) });
  if (schema.minProperties) {
    const least = schema.minProperties;
    record = record.filter((value) => Object.keys(value).length >= least);
  }
  if (options.wrong) {
    // An unknown property, or a required one left out.
    record = fc.oneof(
      { arbitrary: record, weight: options.wrongOneIn ?? 8 },
      { arbitrary: record.map((value) => ({ ...value, onbekendVeld: 'x' })), weight: 1 },
      // Nothing at all: an empty PATCH, a body without its required fields.
      { arbitrary: fc.constant({}), weight: 1 },
      {
        arbitrary: fc.tuple(record, fc.nat()).map(([value, index]) => {
          const names = Object.keys(value);
          if (names.length === 0) return value;
          const { [names[index % names.length]!]: _left, ...rest } = value;
          return rest;
        }),
        weight: 1,
      },
    );
  }
  return record;
}

/** A value that the schema does not allow, of a kind a careless or hostile client sends. */
function wrongArbitrary(schema: JsonSchema, options: SchemaArbitraryOptions): fc.Arbitrary<unknown> {
  schema = resolve(schema, options);
  const types = typesOf(schema);
  const wrongs: Array<fc.Arbitrary<unknown>> = [
    // Another type altogether.
    fc.constantFrom<unknown>(
      ...[
        types.includes('string') ? undefined : 'tekst',
        types.includes('number') || types.includes('integer') ? undefined : 42,
        types.includes('boolean') ? undefined : true,
        types.includes('null') ? undefined : null,
        types.includes('object') ? undefined : { a: 1 },
        types.includes('array') ? undefined : ['a'],
      ].filter((value) => value !== undefined),
      -0,
      '',
      VERY_LONG,
    ),
  ];
  if (schema.enum) wrongs.push(fc.constantFrom('onbekend', String(schema.enum[0]).toUpperCase(), `${String(schema.enum[0])} `));
  if (types.includes('string')) {
    wrongs.push(fc.constantFrom(...CONTROL_CHARACTERS).map((control) => `tekst${control}tekst`));
    if (schema.maxLength !== undefined) wrongs.push(fc.constant('x'.repeat(schema.maxLength + 1)));
    if (schema.format || (schema.pattern && schema.pattern !== PLAIN_TEXT_PATTERN))
      wrongs.push(fc.constantFrom('2026-02-30', '99:99', 'not-a-uuid', '01a21417-0000-7000-8000-00000000000g', 'x@', '../../etc/passwd'));
  }
  if (types.includes('integer') || types.includes('number')) {
    wrongs.push(
      fc.constantFrom(
        ...[
          schema.maximum !== undefined ? schema.maximum + 1 : 1e308,
          schema.minimum !== undefined ? schema.minimum - 1 : -1e308,
          types.includes('integer') ? 1.5 : 0.1,
          Number.MAX_SAFE_INTEGER + 2,
          2 ** 31,
          -(2 ** 31) - 1,
          '12',
        ],
      ),
    );
  }
  if (types.includes('array')) {
    const max = schema.maxItems;
    if (max !== undefined) wrongs.push(fc.constant(Array.from({ length: max + 1 }, () => 'x')));
    wrongs.push(fc.constant([null]), fc.constant([[]]));
  }
  return fc.oneof(...wrongs);
}

/** An arbitrary for `schema`: valid values, and with `options.wrong` now and then a wrong one. */
export function schemaArbitrary(schema: JsonSchema, options: SchemaArbitraryOptions = {}, depth = 0): fc.Arbitrary<unknown> {
  const valid = validArbitrary(schema, options, depth);
  if (!options.wrong) return valid;
  return fc.oneof({ arbitrary: valid, weight: options.wrongOneIn ?? 8 }, { arbitrary: wrongArbitrary(schema, options), weight: 1 });
}
