import type { FastifyInstance } from 'fastify';
import type { CookieOptions } from './http.js';
import type { OidcSettings } from './oidc.js';
import type { PagesOptions } from './page-routes.js';

/** OpenID Connect sign-in for staff (filled in with the provider test). */
export async function oidcRoutes(_app: FastifyInstance, _options: PagesOptions & { oidc: OidcSettings; sessionCookie: string; oidcCookie: string; cookieOptions: CookieOptions }) {}
