/*
 * Rules that hold for every operation, applied to the generated OpenAPI document in one place so
 * that no route can leave them out. Each mirrors what the code enforces for every route.
 */
type Json = Record<string, unknown>;
type Operation = { requestBody?: { content?: Record<string, { schema?: Json }> } } & Json;

const METHODS = ['get', 'put', 'post', 'patch', 'delete', 'options', 'head'] as const;

/** Every operation of the document, with its method and path. */
export function operationsOf(document: Json): { path: string; method: string; operation: Operation }[] {
  const paths = (document.paths ?? {}) as Record<string, Record<string, Operation>>;
  return Object.entries(paths).flatMap(([path, item]) =>
    METHODS.filter((method) => item[method]).map((method) => ({ path, method, operation: item[method]! })),
  );
}

/** Applies the document-wide rules to the generated document (mutates and returns it). */
export function finishDocument<T extends Json>(document: T): T {
  for (const { method, operation } of operationsOf(document)) {
    // src/http/validation.ts: a PATCH changes at least one field.
    if (method === 'patch') {
      for (const media of Object.values(operation.requestBody?.content ?? {})) {
        if (media.schema) media.schema.minProperties = 1;
      }
    }
  }
  return document;
}
