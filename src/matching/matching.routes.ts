import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { access } from '../auth/roles.js';
import { withProblems } from '../http/responses.js';
import { langOf } from '../http/language.js';
import type { RouteDeps } from '../services.js';
import { principalOf } from '../auth/auth.plugin.js';
import { idParamsSchema } from '../schemas/common.js';
import {
  candidateMatchesSchema,
  matchQuerySchema,
  matchRunSchema,
  pairMatchSchema,
  replaySchema,
  vacancyCandidateParamsSchema,
  vacancyMatchQuerySchema,
  updateWeightsBodySchema,
  vacancyMatchesSchema,
  weightsSchema,
} from './matching.schemas.js';

const tags = ['matching'];

export async function matchingRoutes(app: FastifyInstance, { db, services }: RouteDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const matching = services.matching;

  r.get(
    '/v1/vacancies/:id/matches',
    {
      config: { access: access.staff },
      schema: {
        tags,
        summary: 'Candidates ranked for a vacancy, with scores and reasons; every page is stored as a run',
        params: idParamsSchema,
        querystring: vacancyMatchQuerySchema,
        response: withProblems({ 200: vacancyMatchesSchema }, [404, 409]),
      },
    },
    async (request, reply) => {
      // Serialized (through the response schema, as any answer) while the run is being stored.
      const body = await matching.rankForVacancy({
        principal: principalOf(request),
        vacancyId: request.params.id,
        query: request.query,
        lang: langOf(request),
        render: (view) => reply.serialize(view),
      });
      return reply.type('application/json; charset=utf-8').send(body);
    },
  );

  r.get(
    '/v1/vacancies/:id/matches/:candidateId',
    {
      config: { access: access.staff },
      schema: {
        tags,
        summary: 'Why (not)? One person for one vacancy: verdicts, factors, place among the eligible, and the nearest change that would make them fit',
        params: vacancyCandidateParamsSchema,
        response: withProblems({ 200: pairMatchSchema }, [404, 409]),
      },
    },
    async (request) =>
      matching.explainPair({ principal: principalOf(request), vacancyId: request.params.id, candidateId: request.params.candidateId, lang: langOf(request) }),
  );

  r.get(
    '/v1/candidates/:id/matches',
    {
      config: { access: access.staff },
      schema: {
        tags,
        summary: 'Open vacancies and growth-plan roles ranked for a candidate; every page is stored as a run',
        params: idParamsSchema,
        querystring: matchQuerySchema,
        response: withProblems({ 200: candidateMatchesSchema }, [404, 409]),
      },
    },
    async (request) =>
      matching.rankForCandidate({ principal: principalOf(request), candidateId: request.params.id, query: request.query, lang: langOf(request) }),
  );

  r.get(
    '/v1/match-runs/:id',
    {
      config: { access: access.staff },
      schema: {
        tags,
        summary: 'A stored ranking run: who, when, matcher and weights version, inputs hash, order and contributions',
        params: idParamsSchema,
        response: withProblems({ 200: matchRunSchema }, [404]),
      },
    },
    async (request) => matching.getRun(principalOf(request), request.params.id),
  );

  r.get(
    '/v1/match-runs/:id/replay',
    {
      config: { access: access.staff },
      schema: {
        tags,
        summary: 'Score a stored run again from its stored inputs and weights, and compare the order',
        params: idParamsSchema,
        response: withProblems({ 200: replaySchema }, [404]),
      },
    },
    async (request) => matching.replay(principalOf(request), request.params.id),
  );

  r.get(
    '/v1/matching/weights',
    {
      config: { access: access.staff },
      schema: { tags, summary: 'The weights the matcher uses for this Werkplein, with their version', response: withProblems({ 200: weightsSchema }) },
    },
    async (request) => matching.getWeights(principalOf(request), langOf(request)),
  );

  r.put(
    '/v1/matching/weights',
    {
      config: { access: access.admin },
      schema: {
        tags,
        summary: 'Set new weights (admins): a new version, with the reason; audited',
        body: updateWeightsBodySchema,
        response: withProblems({ 200: weightsSchema }, [413, 415]),
      },
    },
    async (request) => db.transaction((tx) => matching.updateWeights({ tx, principal: principalOf(request), body: request.body, lang: langOf(request) })),
  );
}
