import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { access } from '../auth/roles.js';
import { withProblems } from '../http/responses.js';
import type { RouteDeps } from '../services.js';
import {
  conceptIdParamsSchema,
  occupationDetailSchema,
  occupationSearchResultSchema,
  skillSearchResultSchema,
  skillSuggestionsBodySchema,
  skillSuggestionsSchema,
  suggestedCompetenciesSchema,
  taxonomySearchQuerySchema,
} from './taxonomy.schemas.js';

const tags = ['taxonomy'];

/** The occupation and skill taxonomy: readable by staff and employer users alike (reference data). */
export async function taxonomyRoutes(app: FastifyInstance, { services }: RouteDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const taxonomy = services.taxonomy;

  r.get(
    '/v1/taxonomy/occupations',
    {
      config: { access: access.anyone },
      schema: {
        tags,
        summary: 'Find occupations by Dutch title, synonym, part of a compound (chauffeur → heftruckchauffeur) or with a typo',
        querystring: taxonomySearchQuerySchema,
        response: withProblems({ 200: occupationSearchResultSchema }, [503]),
      },
    },
    async (request) => taxonomy.searchOccupations(request.query),
  );

  r.get(
    '/v1/taxonomy/occupations/:id',
    {
      config: { access: access.anyone },
      schema: {
        tags,
        summary: 'One occupation with its essential and optional skills',
        params: conceptIdParamsSchema,
        response: withProblems({ 200: occupationDetailSchema }, [404]),
      },
    },
    async (request) => taxonomy.getOccupation(request.params.id),
  );

  r.get(
    '/v1/taxonomy/occupations/:id/suggested-competencies',
    {
      config: { access: access.anyone },
      schema: {
        tags,
        summary: 'The occupation’s skills as competencies a vacancy can take over (essential → should, optional → trainable)',
        params: conceptIdParamsSchema,
        response: withProblems({ 200: suggestedCompetenciesSchema }, [404]),
      },
    },
    async (request) => taxonomy.suggestedCompetencies(request.params.id),
  );

  r.get(
    '/v1/taxonomy/skills',
    {
      config: { access: access.anyone },
      schema: {
        tags,
        summary: 'Find skills by Dutch label (English where ESCO has no Dutch label yet), typo-tolerant',
        querystring: taxonomySearchQuerySchema,
        response: withProblems({ 200: skillSearchResultSchema }, [503]),
      },
    },
    async (request) => taxonomy.searchSkills(request.query),
  );

  r.post(
    '/v1/taxonomy/skills/suggestions',
    {
      config: { access: access.anyone },
      schema: {
        tags,
        summary: 'Concepts to link to competences in people’s own words (at intake, in a profile, in a vacancy): staff confirm one as the competence’s skillUri or keep the words free. Reads only; POST so that profile words stay out of URLs and logs',
        body: skillSuggestionsBodySchema,
        response: withProblems({ 200: skillSuggestionsSchema }, [503]),
      },
    },
    async (request) => taxonomy.suggestSkills(request.body),
  );
}
