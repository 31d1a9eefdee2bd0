import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';

/**
 * Static files of the pages, served by the app itself from node_modules and src/pages/assets: the
 * NL Design System tokens and components, our own layout CSS and one small script. Each URL holds a
 * hash of the content, so browsers may keep it for a year (immutable); compressed once per process.
 */
type Asset = { path: string; type: string; body: Buffer; gzip: Buffer; brotli: Buffer; etag: string };

const require = createRequire(import.meta.url);

function build(name: string, type: string, body: Buffer): Asset {
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
  const dot = name.lastIndexOf('.');
  return {
    path: `/assets/${name.slice(0, dot)}.${hash}${name.slice(dot)}`,
    type,
    body,
    gzip: gzipSync(body, { level: 9 }),
    brotli: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }),
    etag: `"${hash}"`,
  };
}

let cached: { tokens: Asset; components: Asset; app: Asset; script: Asset; icon: Asset } | undefined;

/** The asset set, built on first use and shared by every app in the process. */
export function pageAssets() {
  cached ??= {
    // Tokens first: the components read their custom properties (HOUSE-STYLE: unstyled without them).
    tokens: build('nlds-tokens.css', 'text/css; charset=utf-8', readFileSync(require.resolve('@utrecht/design-tokens/dist/index.css'))),
    components: build('nlds-components.css', 'text/css; charset=utf-8', readFileSync(require.resolve('@utrecht/component-library-css/dist/index.css'))),
    app: build('kansrijk.css', 'text/css; charset=utf-8', readFileSync(new URL('./assets/app.css', import.meta.url))),
    script: build('kansrijk.js', 'text/javascript; charset=utf-8', readFileSync(new URL('./assets/app.js', import.meta.url))),
    // The browser tab's icon (the pages link it; /favicon.ico leads to it for whoever asks there).
    icon: build('kansrijk-icon.svg', 'image/svg+xml', readFileSync(new URL('./assets/icon.svg', import.meta.url))),
  };
  return cached;
}

/** A tenant's look: its name, a colour with enough contrast on white, and optionally a logo (SVG). */
export type TenantTheme = { tenantId: string | null; name: string; colour: string; logoSvg: string | null };

export const defaultTheme: TenantTheme = { tenantId: null, name: 'Kansrijk', colour: '#1f4e79', logoSvg: null };

/** The stored theme in a tenant's settings ({ pageTheme: { colour, logoSvg } }); anything invalid falls back to the default. */
export const storedThemeSchema = z.object({
  colour: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/)
    .optional(),
  logoSvg: z.string().max(50_000).startsWith('<svg').optional(),
});

/** The custom properties a tenant overrides: the colour carries header, navigation, buttons, links and focus. */
export function themeCss(theme: TenantTheme): string {
  const colour = /^#[0-9a-fA-F]{6}$/.test(theme.colour) ? theme.colour : defaultTheme.colour;
  return `.utrecht-theme.kansrijk-theme {
  --kansrijk-brand: ${colour};
  --utrecht-page-header-background-color: ${colour};
  --utrecht-page-header-color: #ffffff;
  --utrecht-nav-bar-background-color: #f3f3f3;
  --utrecht-nav-bar-color: #1a1a1a;
  --utrecht-page-footer-background-color: ${colour};
  --utrecht-page-footer-color: #ffffff;
  --utrecht-page-footer-background-image: none;
  --utrecht-button-primary-action-background-color: ${colour};
  --utrecht-button-primary-action-border-color: ${colour};
  --utrecht-button-primary-action-color: #ffffff;
  --utrecht-button-primary-action-hover-background-color: #1a1a1a;
  --utrecht-button-primary-action-hover-border-color: #1a1a1a;
  --utrecht-button-secondary-action-color: ${colour};
  --utrecht-button-secondary-action-border-color: ${colour};
  --utrecht-link-color: ${colour};
  --utrecht-link-hover-color: #1a1a1a;
  --utrecht-link-visited-color: ${colour};
  --utrecht-focus-outline-color: #1a1a1a;
}
.kansrijk-page-header { background-color: var(--utrecht-page-header-background-color); color: var(--utrecht-page-header-color); }
.kansrijk-page-footer { background-color: var(--utrecht-page-footer-background-color); background-image: none; color: var(--utrecht-page-footer-color); }
.kansrijk-nav { background-color: var(--utrecht-nav-bar-background-color); color: var(--utrecht-nav-bar-color); }
`;
}

export function themeVersion(theme: TenantTheme): string {
  return createHash('sha256')
    .update(`${theme.colour}|${theme.logoSvg ?? ''}`)
    .digest('hex')
    .slice(0, 12);
}

function send(request: FastifyRequest, reply: FastifyReply, asset: Pick<Asset, 'type' | 'body' | 'gzip' | 'brotli' | 'etag'>, cache: string) {
  reply.header('cache-control', cache).header('etag', asset.etag).header('vary', 'accept-encoding').type(asset.type);
  reply.header('cross-origin-resource-policy', 'same-origin');
  if (request.headers['if-none-match'] === asset.etag) return reply.code(304).send();
  const accepted = String(request.headers['accept-encoding'] ?? '');
  if (/\bbr\b/.test(accepted)) return reply.header('content-encoding', 'br').send(asset.brotli);
  if (/\bgzip\b/.test(accepted)) return reply.header('content-encoding', 'gzip').send(asset.gzip);
  return reply.send(asset.body);
}

const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Registers the asset routes (public, hidden from the API document) and the tenant theme. */
export async function assetRoutes(app: FastifyInstance, { loadTheme }: { loadTheme: (tenantId: string) => Promise<TenantTheme | undefined> }) {
  const assets = pageAssets();
  for (const asset of Object.values(assets)) {
    app.get(asset.path, { config: { access: 'public', page: true }, schema: { hide: true } }, (request, reply) => send(request, reply, asset, IMMUTABLE));
  }
  // Asked for by browsers and tools whatever a page links: a temporary redirect, as the icon's URL changes with its content.
  app.get('/favicon.ico', { config: { access: 'public', page: true }, schema: { hide: true } }, (_request, reply) =>
    reply.header('cache-control', 'public, max-age=86400').redirect(assets.icon.path, 302),
  );
  const themeParams = z.object({ tenant: z.union([z.literal('standaard'), z.uuid()]) });
  const themeQuery = z.object({ v: z.string().max(20).optional() });
  async function themeOf(tenant: string) {
    return tenant === 'standaard' ? defaultTheme : await loadTheme(tenant);
  }
  app.get(
    '/assets/thema/:tenant/thema.css',
    { config: { access: 'public', page: true }, schema: { hide: true, params: themeParams, querystring: themeQuery } },
    async (request, reply) => {
      const theme = await themeOf((request.params as z.infer<typeof themeParams>).tenant);
      if (!theme) return reply.code(404).type('text/css').send('');
      const body = Buffer.from(themeCss(theme));
      const cache = (request.query as z.infer<typeof themeQuery>).v === themeVersion(theme) ? IMMUTABLE : 'no-cache';
      return send(
        request,
        reply,
        { type: 'text/css; charset=utf-8', body, gzip: gzipSync(body), brotli: brotliCompressSync(body), etag: `"${themeVersion(theme)}"` },
        cache,
      );
    },
  );
  app.get(
    '/assets/thema/:tenant/logo.svg',
    { config: { access: 'public', page: true }, schema: { hide: true, params: themeParams, querystring: themeQuery } },
    async (request, reply) => {
      const theme = await themeOf((request.params as z.infer<typeof themeParams>).tenant);
      if (!theme?.logoSvg) return reply.code(404).type('text/plain').send('');
      const body = Buffer.from(theme.logoSvg);
      // An SVG shown through <img> runs no script; served with its own strict policy all the same.
      reply.header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox");
      const cache = (request.query as z.infer<typeof themeQuery>).v === themeVersion(theme) ? IMMUTABLE : 'no-cache';
      return send(
        request,
        reply,
        { type: 'image/svg+xml', body, gzip: gzipSync(body), brotli: brotliCompressSync(body), etag: `"${themeVersion(theme)}"` },
        cache,
      );
    },
  );
}
