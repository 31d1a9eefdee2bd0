import { isIP } from 'node:net';
import { z } from 'zod';

/** Turns "a,b, c" into ["a","b","c"]; an empty or missing value into []. */
const commaList = z
  .string()
  .optional()
  .transform((value) =>
    (value ?? '')
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item.length > 0),
  );

/** An IP address or a CIDR range (10.0.0.0/8, fd00::/8). */
function isAddressOrRange(value: string): boolean {
  const [address, bits, ...rest] = value.split('/');
  if (rest.length > 0 || !address) return false;
  const family = isIP(address);
  if (family === 0) return false;
  if (bits === undefined) return true;
  const max = family === 4 ? 32 : 128;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= max;
}

/**
 * Which reverse proxies may tell the client's address (X-Forwarded-For), for fastify's `trustProxy`:
 * unset or "false": none (request.ip is the peer); a number: that many proxy hops in front;
 * otherwise the proxies' addresses or CIDR ranges, comma-separated. Never "true": then any client
 * could name any address, and with it dodge or aim the per-address limits and METRICS_ALLOW.
 */
export const trustProxySchema = z
  .string()
  .optional()
  .transform((value, ctx): false | number | string[] => {
    const text = (value ?? '').trim();
    if (text === '' || text === 'false') return false;
    if (/^\d+$/.test(text)) return Number(text);
    const items = text
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item.length > 0);
    const bad = items.filter((item) => !isAddressOrRange(item));
    if (text === 'true' || bad.length > 0 || items.length === 0) {
      ctx.addIssue({
        code: 'custom',
        message: `give the proxies' addresses or CIDR ranges (comma-separated), or the number of proxy hops; ${text === 'true' ? '"true" would let any client name its own address' : `not an address: ${bad.join(', ')}`}`,
      });
      return z.NEVER;
    }
    return items;
  });

const demoToken = z
  .string()
  .regex(/^[A-Za-z0-9_-]{32,128}$/, 'a demo token has 32–128 characters from A–Z, a–z, 0–9, _ and -')
  .optional();

/** The environment the service reads; this module is the only reader of process.env. */
export const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    /** Interface to listen on; loopback unless deliberately exposed. */
    HOST: z.string().default('127.0.0.1'),
    /** TCP port of the API; 0 picks a free one. */
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** Base URL used in e-mails and links; defaults to http://HOST:PORT. */
    PUBLIC_URL: z.url().optional(),
    /** Real PostgreSQL; without it the embedded PostgreSQL under VAR_DIR is used. */
    DATABASE_URL: z.string().min(1).optional(),
    /** Real Meilisearch; without it the bundled binary runs under VAR_DIR. */
    MEILI_URL: z.url().optional(),
    MEILI_MASTER_KEY: z.string().min(16).optional(),
    /** Real SMTP server, e.g. smtp://user:pass@host:587; without it mail is written as .eml files. */
    SMTP_URL: z.string().min(1).optional(),
    MAIL_FROM: z.string().default('Kansrijk <no-reply@kansrijk.example>'),
    /** Where the embedded default keeps its state (database, search index, mail). */
    VAR_DIR: z.string().default('./var'),
    /** Secret for HMAC tokens (unsubscribe links); generated and kept in VAR_DIR when absent. */
    SECRET_KEY: z.string().min(32).optional(),
    /** Fixed demo tokens, so that scripts can call the demo. */
    DEMO_STAFF_TOKEN: demoToken,
    DEMO_EMPLOYER_TOKEN: demoToken,
    DEMO_ADMIN_TOKEN: demoToken,
    DEMO_EMPLOYER_RELATIONS_TOKEN: demoToken,
    /** Seed the demo Werkplein when the database has no tenant yet. */
    SEED_DEMO: z.enum(['auto', 'never']).default('auto'),
    /** Browser origins allowed by CORS (comma-separated); none by default. */
    CORS_ORIGINS: commaList,
    /** Reverse proxies trusted to pass the client's address (see trustProxySchema); none by default. */
    TRUST_PROXY: trustProxySchema,
    /** Requests per minute per token (or per address without a token). */
    RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
    /** Failed authentications per minute per address before answering 429. */
    AUTH_FAILURES_PER_MINUTE: z.coerce.number().int().min(1).default(20),
    /** Largest accepted request body in bytes. */
    BODY_LIMIT_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .default(256 * 1024),
    /** Lifetime of newly created API tokens in days. */
    TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
    /** Pages: a session without a request for this many minutes ends. */
    SESSION_IDLE_MINUTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(30),
    /** Pages: a session ends this many hours after sign-in, however active. */
    SESSION_MAX_HOURS: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 7)
      .default(10),
    /** Pages: minutes a mailed sign-in link works (once). */
    SIGN_IN_LINK_MINUTES: z.coerce.number().int().min(1).max(60).default(15),
    /** OpenID Connect for staff: the issuer URL of the municipality's identity provider (all four or none). */
    OIDC_ISSUER: z.url().optional(),
    OIDC_CLIENT_ID: z.string().min(1).optional(),
    OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    /** The Werkplein (tenant slug) whose staff sign in through that provider. */
    OIDC_TENANT: z.string().min(1).optional(),
    /** Meilisearch indexing memory cap for the bundled binary, e.g. "1GiB". */
    MEILI_MAX_INDEXING_MEMORY: z.string().default('1GiB'),
    MEILI_MAX_INDEXING_THREADS: z.coerce.number().int().min(1).default(1),
    /** Bearer token with which the operator's Prometheus scrapes /metrics (at least 32 characters). */
    METRICS_TOKEN: z.string().min(32).optional(),
    /** Addresses that may scrape /metrics without a token (comma-separated), e.g. the scraper's own. */
    METRICS_ALLOW: commaList,
    /** Run background workers (outbox, digests) in this process. */
    RUN_WORKERS: z
      .enum(['true', 'false'])
      .default('true')
      .transform((value) => value === 'true'),
  })
  .refine((env) => (env.MEILI_URL === undefined) === (env.MEILI_MASTER_KEY === undefined), {
    message: 'MEILI_URL and MEILI_MASTER_KEY go together',
    path: ['MEILI_MASTER_KEY'],
  })
  .refine((env) => new Set([env.OIDC_ISSUER, env.OIDC_CLIENT_ID, env.OIDC_CLIENT_SECRET, env.OIDC_TENANT].map((value) => value === undefined)).size === 1, {
    message: 'OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET and OIDC_TENANT go together',
    path: ['OIDC_ISSUER'],
  });

export type Config = z.infer<typeof envSchema>;

/** Parses the environment; a bad value stops the process with a readable message. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.') || '(env)'}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
