import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { principalOf } from '../auth/auth.plugin.js';
import { access } from '../auth/roles.js';
import { withProblems } from '../http/responses.js';
import type { RouteDeps } from '../services.js';
import {
  conceptIdParamsSchema,
  occupationDetailSchema,
  occupationSearchResultSchema,
  skillDetailSchema,
  skillLabelsBodySchema,
  skillSearchResultSchema,
  skillSuggestionsBodySchema,
  skillSuggestionsSchema,
  suggestedCompetenciesSchema,
  taxonomySearchQuerySchema,
} from './taxonomy.schemas.js';

const tags = ['taxonomy'];

/** The occupation and skill taxonomy: readable by staff and employer users alike (reference data). */
export async function taxonomyRoutes(app: FastifyInstance, { db, services }: RouteDeps) {
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
    async (request) => taxonomy.getOccupation(request.params.id, principalOf(request).tenantId),
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
    async (request) => taxonomy.suggestedCompetencies(request.params.id, principalOf(request).tenantId),
  );

  r.get(
    '/v1/taxonomy/skills',
    {
      config: { access: access.anyone },
      schema: {
        tags,
        summary:
          'Find skills by Dutch label (English where ESCO has no Dutch label yet), typo-tolerant; also by this Werkplein’s own labels and synonyms (those first)',
        querystring: taxonomySearchQuerySchema,
        response: withProblems({ 200: skillSearchResultSchema }, [503]),
      },
    },
    async (request) => taxonomy.searchSkills(request.query, principalOf(request).tenantId),
  );

  r.post(
    '/v1/taxonomy/skills/suggestions',
    {
      config: { access: access.anyone },
      schema: {
        tags,
        summary:
          'Concepts to link to competences in people’s own words (at intake, in a profile, in a vacancy): staff confirm one as the competence’s skillUri or keep the words free. Reads only; POST so that profile words stay out of URLs and logs',
        body: skillSuggestionsBodySchema,
        response: withProblems({ 200: skillSuggestionsSchema }, [503]),
      },
    },
    async (request) => taxonomy.suggestSkills(request.body, principalOf(request).tenantId),
  );

  r.get(
    '/v1/taxonomy/skills/:id',
    {
      config: { access: access.anyone },
      schema: {
        tags,
        summary: 'One skill as this Werkplein shows it: the label to show, the taxonomy’s labels and the Werkplein’s own',
        params: conceptIdParamsSchema,
        response: withProblems({ 200: skillDetailSchema }, [404]),
      },
    },
    async (request) => taxonomy.getSkill(request.params.id, principalOf(request).tenantId),
  );

  r.put(
    '/v1/taxonomy/skills/:id/labels',
    {
      config: { access: access.admin },
      schema: {
        tags,
        summary: 'Set this Werkplein’s own Dutch label and synonyms for a skill (admins; audited). Only this Werkplein sees them; an ESCO import keeps them',
        params: conceptIdParamsSchema,
        body: skillLabelsBodySchema,
        response: withProblems({ 200: skillDetailSchema }, [404, 413, 415]),
      },
    },
    async (request) => db.transaction((tx) => taxonomy.setSkillLabels(tx, principalOf(request), request.params.id, request.body)),
  );
}
