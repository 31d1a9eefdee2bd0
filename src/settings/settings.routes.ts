import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { access } from '../auth/roles.js';
import { withProblems } from '../http/responses.js';
import type { RouteDeps } from '../services.js';
import { principalOf } from '../auth/auth.plugin.js';
import { tenantSettingsSchema, updateTenantSettingsBodySchema } from './settings.schemas.js';

const tags = ['settings'];

export async function settingsRoutes(app: FastifyInstance, { db, services }: RouteDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/v1/settings',
    {
      config: { access: access.staff },
      schema: {
        tags,
        summary: 'This Werkplein’s settings (ranking switch, instruments, savings and retention figures)',
        response: withProblems({ 200: tenantSettingsSchema }),
      },
    },
    async (request) => services.settings.get(principalOf(request)),
  );
  r.patch(
    '/v1/settings',
    {
      config: { access: access.admin },
      schema: {
        tags,
        summary: 'Change settings (admins; audited)',
        body: updateTenantSettingsBodySchema,
        response: withProblems({ 200: tenantSettingsSchema }, [413, 415]),
      },
    },
    async (request) => db.transaction((tx) => services.settings.update(tx, principalOf(request), request.body)),
  );
}
