import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { access } from '../auth/roles.js';
import { withProblems } from '../http/responses.js';
import type { RouteDeps } from '../services.js';
import { principalOf } from '../auth/auth.plugin.js';
import { candidateSearchQuerySchema, candidateSearchResultSchema, vacancySearchQuerySchema, vacancySearchResultSchema } from './search.schemas.js';

const tags = ['search'];

/** Staff search over this Werkplein's jobseekers and vacancies (Meilisearch, checked against Postgres). */
export async function searchRoutes(app: FastifyInstance, { services }: RouteDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const search = services.search;

  r.get(
    '/v1/search/candidates',
    {
      config: { access: access.staff },
      schema: {
        tags,
        summary: 'Find jobseekers by what you know (job title with a typo, part of a compound, name, town, skill) and narrow with facets',
        description:
          'Filters with a list take comma-separated values. status, accountManagerId, municipality, sector, hours, mobility and drivingLicence match any value; ' +
          'competencies, dayParts and slots match every value. More than 50 results per page, or results beyond number 200, need a reason, which is audited.',
        querystring: candidateSearchQuerySchema,
        response: withProblems({ 200: candidateSearchResultSchema }, [503]),
      },
    },
    async (request) => search.searchCandidates(principalOf(request), request.query),
  );

  r.get(
    '/v1/search/vacancies',
    {
      config: { access: access.staff },
      schema: {
        tags,
        summary: 'Find vacancies by title (Dutch synonyms, compounds, typos), employer, town or competency, and narrow with facets',
        description:
          'Filters with a list take comma-separated values. competencies and dayParts match every value; the other lists match any value. ' +
          'More than 50 results per page, or results beyond number 200, need a reason, which is audited.',
        querystring: vacancySearchQuerySchema,
        response: withProblems({ 200: vacancySearchResultSchema }, [503]),
      },
    },
    async (request) => search.searchVacancies(principalOf(request), request.query),
  );
}
