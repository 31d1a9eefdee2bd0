import { eq, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.js';
import { preparedPerDatabase } from '../../db/prepared.js';
import { tenants } from '../../db/schema/index.js';
import { audit } from '../audit/audit.js';
import type { Principal } from '../auth/roles.js';
import type { Clock } from '../clock.js';
import { readTenantSettings, tenantSettingsSchema, type TenantSettings, type UpdateTenantSettingsBody } from './settings.schemas.js';

/** Read by many requests (every ranking checks the switch): built once per pool (issue 13.11). */
const settingsQuery = preparedPerDatabase((db) =>
  db
    .select({ settings: tenants.settings })
    .from(tenants)
    .where(eq(tenants.id, sql.placeholder('tenantId')))
    .limit(1)
    .prepare('settings_load'),
);

/** Loads a tenant's settings (defaults filled in). */
export async function loadTenantSettings(db: Executor, tenantId: string): Promise<TenantSettings> {
  const [row] = await settingsQuery(db).execute({ tenantId });
  return readTenantSettings(row?.settings);
}

export function createSettingsService({ db, clock }: { db: Db; clock: Clock }) {
  return {
    get: (principal: Principal) => loadTenantSettings(db, principal.tenantId),

    /** Admins change settings; the change is audited. */
    async update(tx: Executor, principal: Principal, body: UpdateTenantSettingsBody): Promise<TenantSettings> {
      const [row] = await tx.select({ settings: tenants.settings }).from(tenants).where(eq(tenants.id, principal.tenantId)).for('update');
      const current = readTenantSettings(row?.settings);
      const next = tenantSettingsSchema.parse({
        ...current,
        ...body,
        instruments: { ...current.instruments, ...body.instruments },
        retentionDays: { ...current.retentionDays, ...body.retentionDays },
      });
      await tx.update(tenants).set({ settings: next }).where(eq(tenants.id, principal.tenantId));
      await audit(tx, clock, {
        principal,
        action: 'settings.change',
        subjectType: 'tenant',
        subjectId: principal.tenantId,
        details: { changed: Object.keys(body) },
      });
      return next;
    },
  };
}
