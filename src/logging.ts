import pino, { type DestinationStream, type Logger } from 'pino';
import { pgErrorOf } from '../db/client.js';

/*
 * The one way an error reaches a log line (issue 11.5 and 11.9): every logger of the service, the
 * pages, the jobs and the CLI tasks serializes `err` and `error` through loggableError, so a
 * database error never writes its query's parameters (names, postcodes, e-mail addresses) and no
 * message carries a token. buildApp puts these serializers on whatever logger it is given.
 */

const CENSOR = '[verborgen]';

/** Secrets that can end up in an error message or a stack: API tokens, sign-in link and unsubscribe tokens, bearer values, ?token=. */
const SECRET_PATTERNS: Array<[RegExp, string]> = [
  [/\bkrj_[A-Za-z0-9_-]{16,}/g, `krj_${CENSOR}`],
  [/\b(Bearer\s+)\S+/gi, `$1${CENSOR}`],
  [/([?&](?:token|code)=)[^&\s"'#]+/gi, `$1${CENSOR}`],
  // A sign-in link token: tenant.link.expiry.signature.
  [/\b[0-9a-f-]{36}\.[0-9a-f-]{36}\.\d+\.[A-Za-z0-9_-]+/g, CENSOR],
  // An unsubscribe token: payload.signature in base64url.
  [/\b[A-Za-z0-9_-]{44}\.[A-Za-z0-9_-]{22}\b/g, CENSOR],
];

/** A text with every token in it replaced by "[verborgen]". */
export function redactSecrets(text: string): string;
export function redactSecrets(text: string | undefined): string | undefined;
export function redactSecrets(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  let result = text;
  for (const [pattern, replacement] of SECRET_PATTERNS) result = result.replace(pattern, replacement);
  return result;
}

/** What loggableError made, so that serializing it again (a child logger, a re-log) keeps it as it is. */
const serialized = new WeakSet<object>();

/**
 * What of an error may be logged. Drizzle's errors carry the query's parameters (names,
 * postcodes, e-mail addresses) in `params` and in their message, and PostgreSQL's `detail` repeats
 * values ("Key (email)=(…) already exists"): the log gets the SQL text, the PostgreSQL code and
 * the names of the constraint, table and column, never a value. Any other error keeps its type,
 * message, code and stack, with tokens redacted; never its other fields.
 */
export function loggableError(error: unknown): Record<string, unknown> {
  if (error && typeof error === 'object' && serialized.has(error)) return error as Record<string, unknown>;
  const result = describe(error);
  serialized.add(result);
  return result;
}

function describe(error: unknown): Record<string, unknown> {
  if (!error || typeof error !== 'object') return { message: redactSecrets(String(error)) };
  const { name, message, stack, query } = error as { name?: string; message?: string; stack?: string; query?: unknown };
  const pg = pgErrorOf(error);
  const wrapsQuery = typeof query === 'string' || pg !== undefined;
  const code = (error as { code?: unknown }).code;
  if (!wrapsQuery) {
    return {
      type: name,
      message: redactSecrets(typeof message === 'string' ? message : undefined),
      stack: redactSecrets(typeof stack === 'string' ? stack : undefined),
      code: typeof code === 'string' || typeof code === 'number' ? code : undefined,
    };
  }
  // Quoted parts of a message are values ('invalid input syntax for type integer: "…"'); drizzle's
  // query text is parameterised ($1, $2 …): its quoted parts are names of tables and columns.
  const withoutValues = (text: string | undefined) =>
    redactSecrets(
      text
        ?.split('\nparams:')[0]
        ?.replace(/"[^"]*"/g, '"…"')
        .replace(/'[^']*'/g, "'…'"),
    );
  return {
    type: name,
    message: typeof query === 'string' ? redactSecrets(`Failed query: ${query.replace(/'[^']*'/g, "'…'")}`) : withoutValues(message),
    pg: pg
      ? { code: pg.code, constraint: pg.constraint, table: pg.table, column: pg.column, routine: pg.routine, message: withoutValues(pg.message) }
      : undefined,
    // Only the frames: the first line of a stack repeats the message (and so the parameters).
    stack: stack
      ?.split('\n')
      .filter((line) => line.trimStart().startsWith('at '))
      .join('\n'),
  };
}

/** pino serializers for the keys errors are logged under. */
export const errorSerializers = { err: loggableError, error: loggableError } as const;

/** Paths pino censors in every line: headers with credentials, tokens, e-mail addresses and passwords. */
const REDACT_PATHS = ['req.headers.authorization', 'req.headers.cookie', '*.token', '*.email', '*.password', 'err.config'];

/** The service's and the CLI tasks' logger: errors through loggableError, credentials censored. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino({ level, serializers: errorSerializers, redact: { paths: REDACT_PATHS, censor: CENSOR } }, destination);
}

/** A logger that logs errors through loggableError, whatever logger it is made from (tests pass their own). */
export function withErrorSerializers(logger: Logger): Logger {
  return logger.child({}, { serializers: errorSerializers });
}
