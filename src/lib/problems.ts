import { z } from 'zod';
import { ruleMessage, type Lang } from './messages.js';

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
export function defineProblems<const T extends Record<string, Omit<ProblemSpec, 'code'>>>(
  domain: string,
  specs: T,
): { [K in keyof T]: ProblemSpec } {
  return Object.fromEntries(
    Object.entries(specs).map(([key, spec]) => [key, { ...spec, code: `${domain}.${key}` }]),
  ) as { [K in keyof T]: ProblemSpec };
}

/** A problem to answer with: thrown by services, rendered as application/problem+json (RFC 9457). */
export class ProblemError extends Error {
  readonly spec: ProblemSpec;
  readonly values: Values;
  readonly errors: FieldError[] | undefined;
  readonly headers: Record<string, string> | undefined;

  constructor(
    spec: ProblemSpec,
    options: { values?: Values; errors?: FieldError[]; headers?: Record<string, string>; cause?: unknown } = {},
  ) {
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
    errors: z
      .array(z.object({ pointer: z.string().describe('JSON pointer into the request'), detail: z.string() }))
      .optional(),
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
      'key' in error
        ? { pointer: error.pointer, detail: ruleMessage(error.key, error.values ?? {}, lang) ?? error.key }
        : error,
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
