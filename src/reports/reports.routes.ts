import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { access } from '../auth/roles.js';
import { withProblems } from '../http/responses.js';
import { langOf } from '../http/language.js';
import { principalOf } from '../auth/auth.plugin.js';
import { pagePolicy } from './html.js';
import { renderFairnessPage, renderImpactPage } from './reports.pages.js';
import { fairnessQuerySchema, fairnessReportSchema, impactQuerySchema, impactReportSchema } from './reports.schemas.js';
import type { RouteDeps } from '../services.js';
import { whatIfBodySchema, whatIfSchema } from './weights-what-if.schemas.js';

const tags = ['reports'];

/** HTML when asked for with ?format=html, or by a browser (Accept: text/html) unless ?format=json. */
function wantsHtml(request: FastifyRequest, format: 'json' | 'html' | undefined): boolean {
  if (format) return format === 'html';
  return (request.headers.accept ?? '').toLowerCase().includes('text/html');
}

/** Sends a report page with a policy that lets it load nothing but its own stylesheet. */
function sendPage(reply: FastifyReply, render: (nonce: string) => string) {
  const { nonce, csp } = pagePolicy();
  return reply.header('content-security-policy', csp).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(render(nonce));
}

/** The fairness and impact reports: JSON, or a page with inline SVG charts. Admins only. */
export async function reportRoutes(app: FastifyInstance, { services }: RouteDeps) {
  const { reports } = services;
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/v1/reports/fairness',
    {
      config: { access: access.admin },
      schema: {
        tags,
        summary: 'Fairness: selection rate per audit group at each stage, with impact ratios (admins; audited)',
        description:
          'Stages: ranked top 25, shortlisted, invited, hired; the pool of each stage is the previous stage’s selected. Impact ratio below 0.8 is flagged (four-fifths rule); groups under 10 people are too small to judge. JSON, or HTML with charts (?format=html or Accept: text/html).',
        querystring: fairnessQuerySchema,
        response: withProblems({ 200: fairnessReportSchema }),
      },
    },
    async (request, reply) => {
      const lang = langOf(request);
      const report = await reports.fairness(principalOf(request), request.query, lang);
      if (wantsHtml(request, request.query.format))
        return sendPage(reply, (nonce) => renderFairnessPage(report, { from: report.from, to: report.to, lang, nonce }));
      reply.header('cache-control', 'no-store');
      return report;
    },
  );

  r.get(
    '/v1/reports/impact',
    {
      config: { access: access.admin },
      schema: {
        tags,
        summary: 'Impact: placements, people still in work at 1/3/6 months, drop-out reasons and estimated savings, per period and sector (admins)',
        description: 'JSON, or HTML with charts (?format=html or Accept: text/html). The savings come with their assumptions.',
        querystring: impactQuerySchema,
        response: withProblems({ 200: impactReportSchema }),
      },
    },
    async (request, reply) => {
      const lang = langOf(request);
      const report = await reports.impact(principalOf(request), request.query, lang);
      if (wantsHtml(request, request.query.format)) return sendPage(reply, (nonce) => renderImpactPage(report, { lang, nonce }));
      return report;
    },
  );

  r.post(
    '/v1/matching/weights/what-if',
    {
      config: { access: access.admin },
      schema: {
        tags: ['matching'],
        summary: 'What if these weights? Replay the stored vacancy runs of the last months with proposed weights (admins; read-only, audited)',
        description:
          'Shows how the ranks of people placed later would have moved, for those still in work at 6 months versus those who dropped out, and the fairness impact ratios per stage now and under the proposal. Records no run and changes no weights: save them with PUT /v1/matching/weights and a reason.',
        body: whatIfBodySchema,
        response: withProblems({ 200: whatIfSchema }, [413, 415]),
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return reports.weightsWhatIf({ principal: principalOf(request), body: request.body, lang: langOf(request) });
    },
  );
}
