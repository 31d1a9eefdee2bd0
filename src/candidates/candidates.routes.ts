import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { access } from '../auth/roles.js';
import { CURRENT_QUESTIONNAIRE_VERSION, QUESTIONNAIRE_VERSIONS, submitIntakeBodySchema } from '../intake/intake.answers.js';
import { questionnaire } from '../intake/intake.questionnaire.js';
import { withProblems } from '../http/responses.js';
import { langOf } from '../http/language.js';
import type { RouteDeps } from '../services.js';
import { principalOf } from '../auth/auth.plugin.js';
import { idempotencyHeadersSchema, replyWith, runIdempotent } from '../http/idempotency.js';
import { idParamsSchema } from '../schemas/common.js';
import {
  barrierSchema,
  candidateBarrierParamsSchema,
  candidateConsentParamsSchema,
  candidateIntakeParamsSchema,
  candidatePageSchema,
  candidateSchema,
  consentSchema,
  CONSENT_PURPOSES,
  contactSchema,
  createAssessmentBodySchema,
  createCandidateBodySchema,
  giveConsentBodySchema,
  historyEntrySchema,
  intakeSchema,
  intakeSummarySchema,
  listCandidatesQuerySchema,
  profileSchema,
  updateBarrierBodySchema,
  updateCandidateBodySchema,
  updateContactBodySchema,
  updateProfileBodySchema,
} from './candidates.schemas.js';
import { CONSENT_TEXTS } from './consent-texts.js';

const tags = ['candidates'];

export async function candidateRoutes(app: FastifyInstance, { db, services }: RouteDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const candidates = services.candidates;

  r.get(
    '/v1/intake/questionnaire',
    {
      config: { access: access.staff },
      schema: {
        tags: ['intake'],
        summary: 'The uniform intake questionnaire (current version, or an older one)',
        querystring: z.strictObject({ version: z.enum(QUESTIONNAIRE_VERSIONS).default(CURRENT_QUESTIONNAIRE_VERSION) }),
        response: withProblems({
          200: z.object({
            version: z.enum(QUESTIONNAIRE_VERSIONS),
            current: z.boolean(),
            publishedOn: z.string(),
            sections: z.array(
              z.object({
                key: z.string(),
                title: z.string(),
                intro: z.string(),
                questions: z.array(z.object({ key: z.string(), text: z.string(), help: z.string().optional() })),
              }),
            ),
          }),
        }),
      },
    },
    async (request) => ({ ...questionnaire(request.query.version, langOf(request)), current: request.query.version === CURRENT_QUESTIONNAIRE_VERSION }),
  );

  r.get(
    '/v1/consent-texts',
    {
      config: { access: access.staff },
      schema: {
        tags: ['candidates'],
        summary: 'The consent texts to show, per purpose, with their current version',
        response: withProblems({ 200: z.object({ items: z.array(z.object({ purpose: z.enum(CONSENT_PURPOSES), version: z.string(), text: z.string() })) }) }),
      },
    },
    async (request) => ({
      items: CONSENT_PURPOSES.map((purpose) => ({ purpose, version: CONSENT_TEXTS[purpose].version, text: CONSENT_TEXTS[purpose].text[langOf(request)] })),
    }),
  );

  r.get(
    '/v1/candidates',
    {
      config: { access: access.staff },
      schema: { tags, summary: 'Jobseekers of this Werkplein', querystring: listCandidatesQuerySchema, response: withProblems({ 200: candidatePageSchema }) },
    },
    async (request) => candidates.list(principalOf(request), request.query),
  );

  r.post(
    '/v1/candidates',
    {
      config: { access: access.caseworkers },
      schema: {
        tags,
        summary: 'Register a jobseeker (contact data is kept apart from the profile)',
        headers: idempotencyHeadersSchema,
        body: createCandidateBodySchema,
        response: withProblems({ 201: candidateSchema }, [409, 413, 415, 422]),
      },
    },
    async (request, reply) =>
      replyWith(
        reply,
        await runIdempotent(db, request, async (tx) => ({ statusCode: 201, body: await candidates.create(tx, principalOf(request), request.body) })),
      ),
  );

  r.get(
    '/v1/candidates/:id',
    {
      config: { access: access.staff },
      schema: { tags, summary: 'One jobseeker', params: idParamsSchema, response: withProblems({ 200: candidateSchema }, [404]) },
    },
    async (request) => candidates.get(principalOf(request), request.params.id),
  );

  r.patch(
    '/v1/candidates/:id',
    {
      config: { access: access.caseworkers },
      schema: {
        tags,
        summary: 'Change status, account manager or home postcode',
        params: idParamsSchema,
        body: updateCandidateBodySchema,
        response: withProblems({ 200: candidateSchema }, [404, 413, 415]),
      },
    },
    async (request) => db.transaction((tx) => candidates.update({ tx, principal: principalOf(request), id: request.params.id, body: request.body })),
  );

  r.get(
    '/v1/candidates/:id/contact',
    {
      config: { access: access.caseworkers },
      schema: { tags, summary: 'Contact data', params: idParamsSchema, response: withProblems({ 200: contactSchema }, [404]) },
    },
    async (request) => candidates.getContact(principalOf(request), request.params.id),
  );

  r.patch(
    '/v1/candidates/:id/contact',
    {
      config: { access: access.caseworkers },
      schema: {
        tags,
        summary: 'Change contact data',
        params: idParamsSchema,
        body: updateContactBodySchema,
        response: withProblems({ 200: contactSchema }, [404, 413, 415]),
      },
    },
    async (request) => db.transaction((tx) => candidates.updateContact({ tx, principal: principalOf(request), id: request.params.id, body: request.body })),
  );

  r.post(
    '/v1/candidates/:id/intakes',
    {
      config: { access: access.caseworkers },
      schema: {
        tags: ['intake'],
        summary: 'Submit an intake: answers are stored as given and the profile is derived from them',
        params: idParamsSchema,
        headers: idempotencyHeadersSchema,
        body: submitIntakeBodySchema,
        response: withProblems({ 201: z.object({ intakeId: z.string(), profile: profileSchema }) }, [404, 409, 413, 415, 422]),
      },
    },
    async (request, reply) =>
      replyWith(
        reply,
        await runIdempotent(db, request, async (tx) => ({
          statusCode: 201,
          body: await candidates.submitIntake({ tx, principal: principalOf(request), id: request.params.id, body: request.body }),
        })),
      ),
  );

  r.get(
    '/v1/candidates/:id/intakes',
    {
      config: { access: access.caseworkers },
      schema: {
        tags: ['intake'],
        summary: 'Intakes of a jobseeker',
        params: idParamsSchema,
        response: withProblems({ 200: z.object({ items: z.array(intakeSummarySchema) }) }, [404]),
      },
    },
    async (request) => ({ items: await candidates.listIntakes(principalOf(request), request.params.id) }),
  );

  r.get(
    '/v1/candidates/:id/intakes/:intakeId',
    {
      config: { access: access.caseworkers },
      schema: {
        tags: ['intake'],
        summary: 'An intake as given (any questionnaire version)',
        params: candidateIntakeParamsSchema,
        response: withProblems({ 200: intakeSchema }, [404]),
      },
    },
    async (request) =>
      db.transaction((tx) => candidates.getIntake({ tx, principal: principalOf(request), id: request.params.id, intakeId: request.params.intakeId })),
  );

  r.get(
    '/v1/candidates/:id/profile',
    {
      config: { access: access.staff },
      schema: { tags, summary: 'The competency profile, with completeness', params: idParamsSchema, response: withProblems({ 200: profileSchema }, [404]) },
    },
    async (request) => db.transaction((tx) => candidates.getProfile({ tx, principal: principalOf(request), id: request.params.id, lang: langOf(request) })),
  );

  r.patch(
    '/v1/candidates/:id/profile',
    {
      config: { access: access.caseworkers },
      schema: {
        tags,
        summary: 'Keep the profile current (the change is recorded in its history)',
        params: idParamsSchema,
        body: updateProfileBodySchema,
        response: withProblems({ 200: profileSchema }, [404, 413, 415]),
      },
    },
    async (request) =>
      db.transaction((tx) =>
        candidates.updateProfile({ tx, principal: principalOf(request), id: request.params.id, body: request.body, lang: langOf(request) }),
      ),
  );

  r.post(
    '/v1/candidates/:id/assessments',
    {
      config: { access: access.caseworkers },
      schema: {
        tags,
        summary: 'Record an evidenced assessment of motivation or learning ability (1–5)',
        params: idParamsSchema,
        body: createAssessmentBodySchema,
        response: withProblems({ 201: profileSchema.shape.motivation.unwrap() }, [404, 413, 415]),
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await db.transaction((tx) => candidates.addAssessment({ tx, principal: principalOf(request), id: request.params.id, body: request.body }))),
  );

  r.get(
    '/v1/candidates/:id/barriers',
    {
      config: { access: access.caseworkers },
      schema: {
        tags,
        summary: 'Barriers per life domain (assigned account manager and admins only; every read is logged)',
        params: idParamsSchema,
        response: withProblems({ 200: z.object({ items: z.array(barrierSchema) }) }, [404]),
      },
    },
    async (request) => ({ items: await db.transaction((tx) => candidates.listBarriers(tx, principalOf(request), request.params.id)) }),
  );

  r.patch(
    '/v1/candidates/:id/barriers/:barrierId',
    {
      config: { access: access.caseworkers },
      schema: {
        tags,
        summary: 'Change a barrier, e.g. mark its action done ("fiets geregeld")',
        params: candidateBarrierParamsSchema,
        body: updateBarrierBodySchema,
        response: withProblems({ 200: barrierSchema }, [404, 413, 415]),
      },
    },
    async (request) =>
      db.transaction((tx) =>
        candidates.updateBarrier({ tx, principal: principalOf(request), id: request.params.id, barrierId: request.params.barrierId, body: request.body }),
      ),
  );

  r.get(
    '/v1/candidates/:id/history',
    {
      config: { access: access.caseworkers },
      schema: {
        tags,
        summary: 'Who changed what, and when',
        params: idParamsSchema,
        response: withProblems({ 200: z.object({ items: z.array(historyEntrySchema) }) }, [404]),
      },
    },
    async (request) => ({ items: await candidates.history(principalOf(request), request.params.id) }),
  );

  r.get(
    '/v1/candidates/:id/consents',
    {
      config: { access: access.staff },
      schema: {
        tags,
        summary: 'Consents per purpose, with the text version',
        params: idParamsSchema,
        response: withProblems({ 200: z.object({ items: z.array(consentSchema) }) }, [404]),
      },
    },
    async (request) => ({ items: await candidates.listConsents(principalOf(request), request.params.id, langOf(request)) }),
  );

  r.post(
    '/v1/candidates/:id/consents',
    {
      config: { access: access.caseworkers },
      schema: {
        tags,
        summary: 'Record a consent the person gave, with the version of the text shown',
        params: idParamsSchema,
        headers: idempotencyHeadersSchema,
        body: giveConsentBodySchema,
        response: withProblems({ 201: consentSchema }, [404, 409, 413, 415, 422]),
      },
    },
    async (request, reply) =>
      replyWith(
        reply,
        await runIdempotent(db, request, async (tx) => ({
          statusCode: 201,
          body: await candidates.giveConsent({ tx, principal: principalOf(request), id: request.params.id, body: request.body, lang: langOf(request) }),
        })),
      ),
  );

  r.post(
    '/v1/candidates/:id/consents/:consentId/withdraw',
    {
      config: { access: access.caseworkers },
      schema: {
        tags,
        summary: 'Withdraw a consent; it takes effect at once',
        params: candidateConsentParamsSchema,
        response: withProblems({ 200: consentSchema }, [404, 409]),
      },
    },
    async (request) => {
      const result = await db.transaction((tx) =>
        services.candidates.withdrawConsent({
          tx,
          principal: principalOf(request),
          id: request.params.id,
          consentId: request.params.consentId,
          lang: langOf(request),
        }),
      );
      return result.consent;
    },
  );
}
