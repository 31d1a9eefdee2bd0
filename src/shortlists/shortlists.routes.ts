import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { access } from '../auth/roles.js';
import { withProblems } from '../http/responses.js';
import { langOf } from '../http/language.js';
import type { RouteDeps } from '../services.js';
import { principalOf } from '../auth/auth.plugin.js';
import { idempotencyHeadersSchema, replyWith, runIdempotent } from '../http/idempotency.js';
import { cursorSchema, idParamsSchema, limitSchema } from '../schemas/common.js';
import {
  addEntryBodySchema,
  createShortlistBodySchema,
  feedbackBodySchema,
  feedbackReceiptSchema,
  flaggedFeedbackPageSchema,
  listFlaggedQuerySchema,
  listShortlistsQuerySchema,
  pitchOverrideBodySchema,
  removeEntryQuerySchema,
  shortlistEntryParamsSchema,
  shortlistPageSchema,
  shortlistParamsSchema,
  shortlistSchema,
  staffEntrySchema,
  staffShortlistSchema,
  updateEntryBodySchema,
  updateShortlistBodySchema,
} from './shortlists.schemas.js';

const tags = ['shortlists'];

export async function shortlistRoutes(app: FastifyInstance, { db, services }: RouteDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const shortlists = services.shortlists;

  r.get(
    '/v1/vacancies/:id/shortlists',
    {
      config: { access: access.staff },
      schema: {
        tags,
        summary: 'Shortlists for a vacancy',
        params: idParamsSchema,
        querystring: z.strictObject({ limit: limitSchema, cursor: cursorSchema }),
        response: withProblems({ 200: shortlistPageSchema }, [404]),
      },
    },
    async (request) => shortlists.listForVacancy(principalOf(request), request.params.id, request.query),
  );

  r.post(
    '/v1/vacancies/:id/shortlists',
    {
      config: { access: access.staff },
      schema: {
        tags,
        summary: 'Start a shortlist for a vacancy',
        params: idParamsSchema,
        headers: idempotencyHeadersSchema,
        body: createShortlistBodySchema,
        response: withProblems({ 201: staffShortlistSchema }, [404, 409, 413, 415, 422]),
      },
    },
    async (request, reply) =>
      replyWith(
        reply,
        await runIdempotent(db, request, async (tx) => ({
          statusCode: 201,
          body: await shortlists.create({ tx, principal: principalOf(request), vacancyId: request.params.id, body: request.body, lang: langOf(request) }),
        })),
      ),
  );

  r.get(
    '/v1/shortlists',
    {
      config: { access: access.anyone },
      schema: {
        tags,
        summary: 'Shortlists, newest first (an employer user sees only those sent to it)',
        querystring: listShortlistsQuerySchema,
        response: withProblems({ 200: shortlistPageSchema }),
      },
    },
    async (request) => shortlists.list(principalOf(request), request.query),
  );

  r.get(
    '/v1/shortlists/:id',
    {
      config: { access: access.anyone },
      schema: {
        tags,
        summary: 'One shortlist: the curation view for staff; for the employer a minimised view of the candidates sent',
        params: shortlistParamsSchema,
        response: withProblems({ 200: shortlistSchema }, [404]),
      },
    },
    async (request) => shortlists.get(principalOf(request), request.params.id, langOf(request)),
  );

  r.patch(
    '/v1/shortlists/:id',
    {
      config: { access: access.staff },
      schema: {
        tags,
        summary: 'Change the note to the employer, or close the shortlist',
        params: shortlistParamsSchema,
        body: updateShortlistBodySchema,
        response: withProblems({ 200: staffShortlistSchema }, [404, 409, 413, 415]),
      },
    },
    async (request) =>
      db.transaction((tx) => shortlists.update({ tx, principal: principalOf(request), id: request.params.id, body: request.body, lang: langOf(request) })),
  );

  r.get(
    '/v1/shortlists/:id/candidates',
    {
      config: { access: access.staff },
      schema: {
        tags,
        summary: 'The candidates on a shortlist, in order, with pitch, instruments, approval and feedback',
        params: shortlistParamsSchema,
        response: withProblems({ 200: z.object({ items: z.array(staffEntrySchema) }) }, [404]),
      },
    },
    async (request) => ({ items: await shortlists.listEntries(principalOf(request), request.params.id, langOf(request)) }),
  );

  r.post(
    '/v1/shortlists/:id/candidates',
    {
      config: { access: access.staff },
      schema: {
        tags,
        summary: 'Add a candidate (status active) by hand, or from a ranking run of this vacancy',
        params: shortlistParamsSchema,
        headers: idempotencyHeadersSchema,
        body: addEntryBodySchema,
        response: withProblems({ 201: staffEntrySchema }, [404, 409, 413, 415, 422]),
      },
    },
    async (request, reply) =>
      replyWith(
        reply,
        await runIdempotent(db, request, async (tx) => ({
          statusCode: 201,
          body: await shortlists.addEntry({ tx, principal: principalOf(request), id: request.params.id, body: request.body, lang: langOf(request) }),
        })),
      ),
  );

  r.patch(
    '/v1/shortlists/:id/candidates/:candidateId',
    {
      config: { access: access.staff },
      schema: {
        tags,
        summary: 'Change the pitch, the position or the facts for instruments',
        params: shortlistEntryParamsSchema,
        body: updateEntryBodySchema,
        response: withProblems({ 200: staffEntrySchema }, [404, 409, 413, 415]),
      },
    },
    async (request) =>
      db.transaction((tx) =>
        shortlists.updateEntry({
          tx,
          principal: principalOf(request),
          id: request.params.id,
          candidateId: request.params.candidateId,
          body: request.body,
          lang: langOf(request),
        }),
      ),
  );

  r.delete(
    '/v1/shortlists/:id/candidates/:candidateId',
    {
      config: { access: access.staff },
      schema: {
        tags,
        summary: 'Take a candidate off the shortlist (kept, marked removed with the reason)',
        params: shortlistEntryParamsSchema,
        querystring: removeEntryQuerySchema,
        response: withProblems({ 200: staffEntrySchema }, [404, 409]),
      },
    },
    async (request) =>
      db.transaction((tx) =>
        shortlists.removeEntry({
          tx,
          principal: principalOf(request),
          id: request.params.id,
          candidateId: request.params.candidateId,
          reason: request.query.reason,
          lang: langOf(request),
        }),
      ),
  );

  r.post(
    '/v1/shortlists/:id/candidates/:candidateId/approve',
    {
      config: { access: access.staff },
      schema: {
        tags,
        summary: 'Approve a candidate for sharing: records who approved, and when (F3)',
        params: shortlistEntryParamsSchema,
        headers: idempotencyHeadersSchema,
        response: withProblems({ 200: staffEntrySchema }, [404, 409, 422]),
      },
    },
    async (request, reply) =>
      replyWith(
        reply,
        await runIdempotent(db, request, async (tx) => ({
          statusCode: 200,
          body: await shortlists.approve({
            tx,
            principal: principalOf(request),
            id: request.params.id,
            candidateId: request.params.candidateId,
            lang: langOf(request),
          }),
        })),
      ),
  );

  r.post(
    '/v1/shortlists/:id/candidates/:candidateId/pitch-override',
    {
      config: { access: access.admin },
      schema: {
        tags,
        summary:
          'Admins only: let a pitch with warnings (health, debts, benefits …) be approved and sent after all, with a reason; recorded on the entry and in the audit log, cleared when the text changes',
        params: shortlistEntryParamsSchema,
        headers: idempotencyHeadersSchema,
        body: pitchOverrideBodySchema,
        response: withProblems({ 200: staffEntrySchema }, [404, 409, 413, 415, 422]),
      },
    },
    async (request, reply) =>
      replyWith(
        reply,
        await runIdempotent(db, request, async (tx) => ({
          statusCode: 200,
          body: await shortlists.overridePitchWarnings({
            tx,
            principal: principalOf(request),
            id: request.params.id,
            candidateId: request.params.candidateId,
            body: request.body,
            lang: langOf(request),
          }),
        })),
      ),
  );

  r.post(
    '/v1/shortlists/:id/send',
    {
      config: { access: access.staff },
      schema: {
        tags,
        summary: 'Send the approved candidates not yet shared to the employer (needs approval and consent for each)',
        params: shortlistParamsSchema,
        headers: idempotencyHeadersSchema,
        response: withProblems({ 200: staffShortlistSchema }, [404, 409, 422]),
      },
    },
    async (request, reply) =>
      replyWith(
        reply,
        await runIdempotent(db, request, async (tx) => ({
          statusCode: 200,
          body: await shortlists.send({ tx, principal: principalOf(request), id: request.params.id, lang: langOf(request) }),
        })),
      ),
  );

  r.post(
    '/v1/shortlists/:id/candidates/:candidateId/feedback',
    {
      config: { access: access.anyone },
      schema: {
        tags,
        summary: 'The employer’s answer for a candidate: invite, hire or decline, with a reason (staff may record it on the employer’s behalf)',
        params: shortlistEntryParamsSchema,
        headers: idempotencyHeadersSchema,
        body: feedbackBodySchema,
        response: withProblems({ 201: feedbackReceiptSchema }, [404, 409, 413, 415, 422]),
      },
    },
    async (request, reply) =>
      replyWith(
        reply,
        await runIdempotent(db, request, async (tx) => ({
          statusCode: 201,
          body: await shortlists.giveFeedback({
            tx,
            principal: principalOf(request),
            id: request.params.id,
            candidateId: request.params.candidateId,
            body: request.body,
          }),
        })),
      ),
  );

  r.get(
    '/v1/feedback/flagged',
    {
      config: { access: access.staff },
      schema: {
        tags,
        summary: 'Employer feedback whose text points at a protected ground (age, pregnancy, origin, religion, disability …), newest first',
        querystring: listFlaggedQuerySchema,
        response: withProblems({ 200: flaggedFeedbackPageSchema }),
      },
    },
    async (request) => shortlists.listFlagged(principalOf(request), request.query),
  );
}
