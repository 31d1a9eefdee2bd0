import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { access } from '../auth/roles.js';
import { withProblems } from '../http/responses.js';
import { langOf } from '../http/language.js';
import { principalOf } from '../auth/auth.plugin.js';
import { idParamsSchema } from '../schemas/common.js';
import {
  calculationQuerySchema,
  calculationSchema,
  createRuleSetBodySchema,
  householdSchema,
  listRuleSetsQuerySchema,
  putHouseholdBodySchema,
  ruleSetListSchema,
  ruleSetViewSchema,
  vacancyCalculationParamsSchema,
} from './rekentool.schemas.js';
import type { RekentoolService } from './rekentool.service.js';

const tags = ['rekentool'];

/**
 * The rekentool: what an offer does to a person's income, month by month, against staying on
 * assistance. Household data and calculations follow the access of contact data (account managers
 * and admins of the Werkplein; never employers); the rules are read by staff, changed by admins.
 */
export async function rekentoolRoutes(app: FastifyInstance, { db, rekentool }: { db: Db; rekentool: RekentoolService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/v1/candidates/:id/household',
    {
      config: { access: access.caseworkers },
      schema: {
        tags,
        summary: 'The household situation, asked only for the rekentool',
        params: idParamsSchema,
        response: withProblems({ 200: householdSchema }, [404]),
      },
    },
    async (request) => rekentool.getHousehold(principalOf(request), request.params.id),
  );

  r.put(
    '/v1/candidates/:id/household',
    {
      config: { access: access.caseworkers },
      schema: {
        tags,
        summary: 'Record the household situation for the rekentool (kept apart from profile and matcher; audited)',
        params: idParamsSchema,
        body: putHouseholdBodySchema,
        response: withProblems({ 200: householdSchema }, [404, 413, 415]),
      },
    },
    async (request) =>
      db.transaction((tx) => rekentool.putHousehold({ tx, principal: principalOf(request), candidateId: request.params.id, body: request.body })),
  );

  r.delete(
    '/v1/candidates/:id/household',
    {
      config: { access: access.caseworkers },
      schema: {
        tags,
        summary: 'Forget the household situation (audited)',
        params: idParamsSchema,
        response: withProblems({ 204: z.null().describe('Removed') }, [404]),
      },
    },
    async (request, reply) => {
      await db.transaction((tx) => rekentool.deleteHousehold(tx, principalOf(request), request.params.id));
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/v1/candidates/:id/vacancies/:vacancyId/income',
    {
      config: { access: access.caseworkers },
      schema: {
        tags,
        summary: 'Rekentool for a vacancy: net income per month for 12 months against assistance alone, with the rules version used',
        params: vacancyCalculationParamsSchema,
        querystring: calculationQuerySchema,
        response: withProblems({ 200: calculationSchema }, [404, 409]),
      },
    },
    async (request) =>
      rekentool.calculateForVacancy(principalOf(request), {
        candidateId: request.params.id,
        vacancyId: request.params.vacancyId,
        query: request.query,
        lang: langOf(request),
      }),
  );

  r.get(
    '/v1/placements/:id/income',
    {
      config: { access: access.caseworkers },
      schema: {
        tags,
        summary: 'Rekentool for a placement (its start date, hours and contract length)',
        params: idParamsSchema,
        querystring: calculationQuerySchema,
        response: withProblems({ 200: calculationSchema }, [404, 409]),
      },
    },
    async (request) => rekentool.calculateForPlacement(principalOf(request), { placementId: request.params.id, query: request.query, lang: langOf(request) }),
  );

  r.get(
    '/v1/income-rules',
    {
      config: { access: access.staff },
      schema: {
        tags,
        summary: 'The rekentool’s rules per period (norms, income allowance, minimum wage, payroll tax) with their sources and every version',
        querystring: listRuleSetsQuerySchema,
        response: withProblems({ 200: ruleSetListSchema }),
      },
    },
    async (request) => rekentool.listRuleSets(principalOf(request), request.query),
  );

  r.post(
    '/v1/income-rules',
    {
      config: { access: access.admin },
      schema: {
        tags,
        summary: 'Save new figures for a period (1 January or 1 July): a new version, audited; calculations use the newest',
        body: createRuleSetBodySchema,
        response: withProblems({ 201: ruleSetViewSchema }, [413, 415, 422]),
      },
    },
    async (request, reply) => reply.status(201).send(await db.transaction((tx) => rekentool.createRuleSet(tx, principalOf(request), request.body))),
  );
}
