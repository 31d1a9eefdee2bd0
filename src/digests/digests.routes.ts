import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { access } from '../auth/roles.js';
import { withProblems } from '../http/responses.js';
import { langOf } from '../http/language.js';
import type { Lang } from '../schemas/messages.js';
import { principalOf } from '../auth/auth.plugin.js';
import { idempotencyHeadersSchema, replyWith, runIdempotent } from '../http/idempotency.js';
import { idParamsSchema } from '../schemas/common.js';
import type { RouteDeps } from '../services.js';
import {
  bounceBodySchema,
  bounceReceiptSchema,
  createSubscriptionBodySchema,
  listSubscriptionsQuerySchema,
  previewSchema,
  subscriptionPageSchema,
  subscriptionSchema,
  unsubscribeBodySchema,
  unsubscribedSchema,
  unsubscribeQuerySchema,
  updateSubscriptionBodySchema,
} from './digests.schemas.js';

const tags = ['digests'];

/** The unsubscribe pages style themselves inline and post only to themselves. */
const PAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!);
}

function page(lang: Lang, title: string, body: string): string {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title></head>
<body style="font-family:Arial,Helvetica,sans-serif;font-size:18px;line-height:1.5;max-width:36rem;margin:3rem auto;padding:0 1rem;color:#1a1a1a">
<h1 style="font-size:1.5rem">${escapeHtml(title)}</h1>${body}</body></html>`;
}

function pageLang(request: FastifyRequest): Lang {
  const query = request.query as { lang?: unknown };
  return query.lang === 'en' ? 'en' : query.lang === 'nl' ? 'nl' : langOf(request);
}

function sendPage(reply: FastifyReply, status: number, html: string) {
  return reply.status(status).header('content-security-policy', PAGE_POLICY).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(html);
}

const wantsHtml = (request: FastifyRequest) => /text\/html/.test(request.headers.accept ?? '');

export async function digestRoutes(app: FastifyInstance, { db, services }: RouteDeps) {
  const { digests } = services;
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/v1/digest-subscriptions',
    {
      config: { access: access.anyone },
      schema: {
        tags,
        summary: 'Digest subscriptions: your own; employer relations also employer users’; admins all of the Werkplein',
        querystring: listSubscriptionsQuerySchema,
        response: withProblems({ 200: subscriptionPageSchema }),
      },
    },
    async (request) => digests.list(principalOf(request), request.query),
  );

  r.post(
    '/v1/digest-subscriptions',
    {
      config: { access: access.anyone },
      schema: {
        tags,
        summary: 'Subscribe a user (default: yourself) to a daily or weekly digest e-mail of what is new',
        headers: idempotencyHeadersSchema,
        body: createSubscriptionBodySchema,
        response: withProblems({ 201: subscriptionSchema }, [404, 409, 413, 415, 422]),
      },
    },
    async (request, reply) =>
      replyWith(
        reply,
        await runIdempotent(db, request, async (tx) => ({ statusCode: 201, body: await digests.create(tx, principalOf(request), request.body) })),
      ),
  );

  r.get(
    '/v1/digest-subscriptions/:id',
    {
      config: { access: access.anyone },
      schema: { tags, summary: 'One digest subscription', params: idParamsSchema, response: withProblems({ 200: subscriptionSchema }, [404]) },
    },
    async (request) => digests.get(principalOf(request), request.params.id),
  );

  r.patch(
    '/v1/digest-subscriptions/:id',
    {
      config: { access: access.anyone },
      schema: {
        tags,
        summary: 'Change when and what a digest brings, or pause it (active: false)',
        params: idParamsSchema,
        body: updateSubscriptionBodySchema,
        response: withProblems({ 200: subscriptionSchema }, [404, 413, 415]),
      },
    },
    async (request) => db.transaction((tx) => digests.update({ tx, principal: principalOf(request), id: request.params.id, body: request.body })),
  );

  r.delete(
    '/v1/digest-subscriptions/:id',
    {
      config: { access: access.anyone },
      schema: { tags, summary: 'Remove a digest subscription', params: idParamsSchema, response: withProblems({ 204: z.null().describe('Removed') }, [404]) },
    },
    async (request, reply) => {
      await db.transaction((tx) => digests.remove(tx, principalOf(request), request.params.id));
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/v1/digest-subscriptions/:id/preview',
    {
      config: { access: access.anyone },
      schema: {
        tags,
        summary: 'The next digest as it would be now (subject, text, HTML); sends nothing and moves no period',
        params: idParamsSchema,
        response: withProblems({ 200: previewSchema }, [404]),
      },
    },
    async (request) => digests.preview(principalOf(request), request.params.id),
  );

  r.post(
    '/v1/mail/bounces',
    {
      config: { access: access.admin },
      schema: {
        tags,
        summary: 'Mark an address as hard-bounced: it is never mailed again (kept as a hash)',
        headers: idempotencyHeadersSchema,
        body: bounceBodySchema,
        response: withProblems({ 200: bounceReceiptSchema }, [413, 415, 422]),
      },
    },
    async (request, reply) =>
      replyWith(
        reply,
        await runIdempotent(db, request, async (tx) => ({ statusCode: 200, body: await digests.recordBounce(tx, principalOf(request), request.body) })),
      ),
  );

  // Unsubscribe (RFC 8058). In a scope of its own: mail clients post form bodies, which no other route accepts.
  await app.register(async (scope) => {
    const s = scope.withTypeProvider<ZodTypeProvider>();
    // RFC 8058 one-click posts "List-Unsubscribe=One-Click" as a form; the token rides in the URL.
    s.addContentTypeParser(
      ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'],
      { parseAs: 'string', bodyLimit: 4096 },
      (request, body, done) => {
        const form = request.headers['content-type']?.startsWith('application/x-www-form-urlencoded')
          ? Object.fromEntries(new URLSearchParams(String(body)))
          : {};
        done(null, form);
      },
    );
    // A client that posts no body at all is still unsubscribing: the token is in the URL.
    s.addHook('preValidation', async (request) => {
      if (request.method === 'POST' && request.body === undefined) request.body = {};
    });

    s.post(
      '/v1/unsubscribe',
      {
        config: { access: access.public },
        schema: {
          tags,
          summary: 'One-click unsubscribe (RFC 8058): the token from the List-Unsubscribe link, in the query or the body; turns that digest off',
          security: [],
          querystring: unsubscribeQuerySchema,
          body: unsubscribeBodySchema,
          response: withProblems({ 200: unsubscribedSchema }, [413, 415]),
        },
      },
      async (request, reply) => {
        const token = request.query.token ?? request.body.token;
        const result = await digests.unsubscribe(typeof token === 'string' ? token : undefined);
        if (wantsHtml(request)) {
          const lang = pageLang(request);
          const html =
            lang === 'nl'
              ? page('nl', 'U bent afgemeld', '<p>U krijgt deze overzichtsmail niet meer. U kunt dit venster sluiten.</p>')
              : page('en', 'You are unsubscribed', '<p>You will no longer get this digest e-mail. You can close this window.</p>');
          return sendPage(reply, 200, html);
        }
        return result;
      },
    );

    // A GET never unsubscribes (link scanners and previews follow links): it shows a button that POSTs.
    s.get(
      '/v1/unsubscribe',
      {
        config: { access: access.public },
        schema: {
          tags,
          summary: 'A page with a button to unsubscribe (text/html); visiting it changes nothing',
          security: [],
          querystring: unsubscribeQuerySchema,
        },
      },
      async (request, reply) => {
        const lang = pageLang(request);
        const token = request.query.token;
        if (!digests.tokenIsValid(token)) {
          const html =
            lang === 'nl'
              ? page('nl', 'Deze afmeldlink klopt niet', '<p>Gebruik de link uit de e-mail, zonder iets te veranderen.</p>')
              : page('en', 'This unsubscribe link is not valid', '<p>Use the link from the e-mail, unchanged.</p>');
          return sendPage(reply, 400, html);
        }
        const action = `?token=${encodeURIComponent(token!)}&lang=${lang}`;
        const button = 'font-size:1rem;padding:.75rem 1.5rem;border:0;border-radius:.25rem;background:#0b5394;color:#fff;cursor:pointer';
        const html =
          lang === 'nl'
            ? page(
                'nl',
                'Afmelden voor de overzichtsmail',
                `<p>Wilt u de overzichtsmail van Kansrijk niet meer krijgen? Klik dan op de knop.</p>
<form method="post" action="${escapeHtml(action)}"><button type="submit" style="${button}">Ja, meld mij af</button></form>`,
              )
            : page(
                'en',
                'Unsubscribe from the digest e-mail',
                `<p>No longer want the Kansrijk digest e-mail? Then click the button.</p>
<form method="post" action="${escapeHtml(action)}"><button type="submit" style="${button}">Yes, unsubscribe me</button></form>`,
              );
        return sendPage(reply, 200, html);
      },
    );
  });
}
