import type { Meilisearch } from 'meilisearch';
import type { Logger } from 'pino';
import type { Db } from '../../db/client.js';
import { indexSettings, SEARCH_KINDS, tenantIndexName } from '../../search/search-documents.js';
import { ensureIndex } from '../../search/tenant-indexes.js';
import type { Clock } from '../clock.js';
import { ProblemError } from '../http/problems.js';
import { newId } from '../ids.js';
import type { SessionService } from '../pages/sessions.service.js';
import { cachedSearchContext } from '../search/search.context.js';
import { userRepository } from '../users/users.repository.js';
import type { createUserService } from '../users/users.service.js';
import { tenantProblems } from './tenants.errors.js';
import { tenantRepository } from './tenants.repository.js';
import { createTenantInputSchema, type CreateTenantInput } from './tenants.schemas.js';

/**
 * The platform operator's tenant commands (`npm run tenant:create|list|disable|enable`). There is
 * deliberately no HTTP route to any of this: a tenant's admin manages its own Werkplein only and
 * cannot create, list or see other tenants (REQUIREMENTS A1).
 */
export function createTenantService({
  db,
  clock,
  search,
  searchPrefix,
  sessions,
  users,
  publicUrl,
  logger,
}: {
  db: Db;
  clock: Clock;
  search: Meilisearch | null;
  searchPrefix: string;
  sessions: SessionService;
  users: ReturnType<typeof createUserService>;
  publicUrl: string;
  logger: Logger;
}) {
  async function findOrFail(slug: string) {
    const tenant = await tenantRepository(db).bySlug(slug);
    if (!tenant) throw new ProblemError(tenantProblems.not_found, { values: { slug } });
    return tenant;
  }

  /** The new tenant's search indexes, configured before its first document arrives through the outbox. */
  async function ensureIndexes(tenantId: string): Promise<'ready' | 'unavailable'> {
    if (!search) return 'unavailable';
    try {
      const context = await cachedSearchContext(db);
      for (const kind of SEARCH_KINDS) await ensureIndex(search, tenantIndexName(searchPrefix, kind, tenantId), indexSettings(kind, context));
      return 'ready';
    } catch (error) {
      // The tenant exists either way; `npm run search:reindex -- --tenant <slug>` (or the next start) makes them.
      logger.warn({ err: error, tenantId }, 'search indexes of the new tenant could not be made');
      return 'unavailable';
    }
  }

  return {
    /**
     * Creates a Werkplein with its first admin in one transaction, then a one-time sign-in link for
     * that admin (and, when asked, an API token, shown once). The admin adds everyone else.
     */
    async create({ input, linkHours = 24, withToken = false }: { input: CreateTenantInput; linkHours?: number; withToken?: boolean }) {
      const parsed = createTenantInputSchema.parse(input);
      const now = clock.now();
      const created = await db.transaction(async (tx) => {
        const tenant = await tenantRepository(tx).insert({ id: newId(now.getTime()), slug: parsed.slug, name: parsed.name, settings: {}, createdAt: now });
        if (!tenant) throw new ProblemError(tenantProblems.slug_taken, { values: { slug: parsed.slug } });
        const admin = await userRepository(tx).insert({
          tenantId: tenant.id,
          id: newId(now.getTime()),
          email: parsed.admin.email,
          name: parsed.admin.name,
          role: 'admin',
          employerId: null,
          createdAt: now,
        });
        const token = withToken ? await users.issueToken(tx, { tenantId: tenant.id, userId: admin.id, label: 'tenant:create' }) : undefined;
        return { tenant, admin, token };
      });
      // The link is made by the operator, not asked for by mail: the per-person mail limit does not apply.
      const link = await sessions.createLink({
        tenantId: created.tenant.id,
        kind: 'user',
        subjectId: created.admin.id,
        ttlMinutes: linkHours * 60,
        limited: false,
      });
      const searchIndexes = await ensureIndexes(created.tenant.id);
      return {
        tenant: { id: created.tenant.id, slug: created.tenant.slug, name: created.tenant.name },
        admin: { id: created.admin.id, email: created.admin.email, name: created.admin.name },
        signInLink: { url: `${publicUrl}/inloggen/link?token=${link!.token}`, expiresAt: link!.expiresAt },
        token: created.token ? { id: created.token.id, token: created.token.token, expiresAt: created.token.expiresAt } : undefined,
        searchIndexes,
      };
    },

    async list() {
      return tenantRepository(db).listWithCounts();
    },

    /**
     * Disables a Werkplein: from the next request its API tokens are refused (the token look-up
     * joins the tenant), its page sessions end, no sign-in link is mailed or accepted, and no
     * digest is sent. Its data stays; `enable` undoes it.
     */
    async disable(slug: string) {
      const tenant = await findOrFail(slug);
      return db.transaction(async (tx) => {
        const repository = tenantRepository(tx);
        const row = tenant.disabledAt ? tenant : await repository.setDisabled({ id: tenant.id, disabledAt: clock.now() });
        const sessionsEnded = await repository.deleteSessions(tenant.id);
        return { slug: tenant.slug, disabledAt: row!.disabledAt!, alreadyDisabled: tenant.disabledAt !== null, sessionsEnded };
      });
    },

    async enable(slug: string) {
      const tenant = await findOrFail(slug);
      await tenantRepository(db).setDisabled({ id: tenant.id, disabledAt: null });
      return { slug: tenant.slug, wasDisabled: tenant.disabledAt !== null };
    },
  };
}

export type TenantService = ReturnType<typeof createTenantService>;
