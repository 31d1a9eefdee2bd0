/* What page areas, sign-in and OIDC routes share with the pages plugin: its options, route declarations and cookies. */
import type { FastifyPluginAsync, FastifyRequest, RouteShorthandOptions } from 'fastify';
import type { z } from 'zod';
import type { Db } from '../../db/client.js';
import type { Access, PageRole, Principal } from '../auth/roles.js';
import type { Clock } from '../clock.js';
import type { Mailer } from '../mail/mailer.js';
import type { PageContext } from './components.js';
import type { Html } from './jsx.js';
import type { OidcSettings } from './oidc.js';
import type { SessionService } from './sessions.service.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Set on page routes: signed in through a session cookie instead of a bearer token. */
    page?: boolean;
  }
  interface FastifyRequest {
    /** Set on page routes: who is signed in, the CSRF token, the theme. */
    page: PageContext | null;
  }
  interface FastifyReply {
    /** Sends a rendered page (doctype added). */
    html: (root: Html, status?: number) => FastifyReply;
  }
}

/** A group of pages under one prefix, for the roles it serves. */
export type PageArea = {
  prefix: string;
  /** Roles this area is for; `/bekijk/...` links go to the first area that serves the reader's role. */
  roles: readonly PageRole[];
  /** Where a "Bekijk" link for a subject (shortlist, vacancy, placement, candidate ...) opens in this area. */
  views?: Partial<Record<string, (id: string) => string>>;
  routes: FastifyPluginAsync;
};

export type PagesOptions = {
  db: Db;
  clock: Clock;
  sessions: SessionService;
  mailer: Mailer | null;
  publicUrl: string;
  oidc: OidcSettings | null;
  areas: PageArea[];
};

/** Route options of a page: declared access, optional zod schemas, hidden from the API document. */
export function pageRoute<Q extends z.ZodType = z.ZodAny, B extends z.ZodType = z.ZodAny, P extends z.ZodType = z.ZodAny>(options: {
  access: Access;
  querystring?: Q;
  body?: B;
  params?: P;
}) {
  const schema: { hide: true; querystring?: Q; body?: B; params?: P } = { hide: true };
  if (options.querystring) schema.querystring = options.querystring;
  if (options.body) schema.body = options.body;
  if (options.params) schema.params = options.params;
  return { config: { access: options.access, page: true }, schema } satisfies RouteShorthandOptions;
}

/** The page context of a page route (set by the pages plugin's hook). */
export function pageOf(request: FastifyRequest): PageContext {
  if (!request.page) throw new Error('pageOf() outside a page route');
  return request.page;
}

/** The API principal of the signed-in user, for calling services (routes that allow only user roles). */
export function apiPrincipalOf(request: FastifyRequest): Principal {
  const principal = request.page?.principal?.api;
  if (!principal) throw new Error('apiPrincipalOf() without a signed-in user');
  return principal;
}

export const COOKIE = { session: 'krj_sessie', anonymous: 'krj_anoniem', oidc: 'krj_oidc' } as const;
