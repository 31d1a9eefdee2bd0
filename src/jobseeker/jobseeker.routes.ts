import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { access } from '../auth/roles.js';
import { withProblems } from '../http/responses.js';
import { principalOf } from '../auth/auth.plugin.js';
import { idParamsSchema } from '../schemas/common.js';
import {
  decideProposalBodySchema,
  discussedParamsSchema,
  discussedVacancySchema,
  listProposalsQuerySchema,
  proposalParamsSchema,
  proposalSchema,
} from './jobseeker.schemas.js';
import type { JobseekerService } from './jobseeker.service.js';

const tags = ['jobseeker'];

/** Staff's side of the jobseeker's page: what was discussed with the person, and their proposed corrections. */
export async function jobseekerRoutes(app: FastifyInstance, { db, jobseeker }: { db: Db; jobseeker: JobseekerService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/v1/candidates/:id/discussed-vacancies',
    {
      config: { access: access.caseworkers },
      schema: {
        tags,
        summary: 'Vacancies discussed with the person (shown on their own page, each with the rekentool)',
        params: idParamsSchema,
        response: withProblems({ 200: z.object({ items: z.array(discussedVacancySchema) }) }, [404]),
      },
    },
    async (request) => ({ items: await jobseeker.listDiscussed(principalOf(request), request.params.id) }),
  );

  r.put(
    '/v1/candidates/:id/discussed-vacancies/:vacancyId',
    {
      config: { access: access.caseworkers },
      schema: {
        tags,
        summary: 'Record that a vacancy was discussed with the person',
        params: discussedParamsSchema,
        response: withProblems({ 200: discussedVacancySchema }, [404]),
      },
    },
    async (request) =>
      db.transaction((tx) =>
        jobseeker.markDiscussed({ tx, principal: principalOf(request), candidateId: request.params.id, vacancyId: request.params.vacancyId }),
      ),
  );

  r.delete(
    '/v1/candidates/:id/discussed-vacancies/:vacancyId',
    {
      config: { access: access.caseworkers },
      schema: {
        tags,
        summary: 'Take a vacancy off the person’s page',
        params: discussedParamsSchema,
        response: withProblems({ 204: z.null().describe('Removed') }, [404]),
      },
    },
    async (request, reply) => {
      await db.transaction((tx) =>
        jobseeker.unmarkDiscussed({ tx, principal: principalOf(request), candidateId: request.params.id, vacancyId: request.params.vacancyId }),
      );
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/v1/candidates/:id/proposals',
    {
      config: { access: access.caseworkers },
      schema: {
        tags,
        summary: 'Corrections the person proposed to their wishes and availability, newest first',
        params: idParamsSchema,
        querystring: listProposalsQuerySchema,
        response: withProblems({ 200: z.object({ items: z.array(proposalSchema) }) }, [404]),
      },
    },
    async (request) => ({ items: await jobseeker.listProposals(principalOf(request), request.params.id, request.query.status) }),
  );

  r.post(
    '/v1/candidates/:id/proposals/:proposalId/decision',
    {
      config: { access: access.caseworkers },
      schema: {
        tags,
        summary: 'Accept (the profile changes, with history) or reject a proposed correction',
        params: proposalParamsSchema,
        body: decideProposalBodySchema,
        response: withProblems({ 200: proposalSchema }, [404, 409, 413, 415]),
      },
    },
    async (request) =>
      db.transaction((tx) =>
        jobseeker.decide({ tx, principal: principalOf(request), candidateId: request.params.id, proposalId: request.params.proposalId, body: request.body }),
      ),
  );
}
