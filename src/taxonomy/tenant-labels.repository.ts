import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { tenantConceptLabels } from '../../db/schema/index.js';
import type { TenantConceptLabel } from './tenant-labels.js';

/** A tenant's own labels and synonyms for taxonomy concepts: every query filters on the tenant. */
export function tenantLabelsRepository(db: Executor, tenantId: string) {
  const columns = { conceptUri: tenantConceptLabels.conceptUri, label: tenantConceptLabels.label, synonyms: tenantConceptLabels.synonyms };
  return {
    /** All of the tenant's rows (a Werkplein writes tens or hundreds, not thousands). */
    async all(): Promise<TenantConceptLabel[]> {
      return db.select(columns).from(tenantConceptLabels).where(eq(tenantConceptLabels.tenantId, tenantId)).orderBy(asc(tenantConceptLabels.conceptUri));
    },

    async find(conceptUri: string): Promise<TenantConceptLabel | undefined> {
      const [row] = await db
        .select(columns)
        .from(tenantConceptLabels)
        .where(and(eq(tenantConceptLabels.tenantId, tenantId), eq(tenantConceptLabels.conceptUri, conceptUri)))
        .limit(1);
      return row;
    },

    /** Replaces the tenant's words for a concept; none at all removes its row. */
    async replace(conceptUri: string, words: { label: string | null; synonyms: string[] }, by: string, at: Date): Promise<void> {
      if (words.label === null && words.synonyms.length === 0) {
        await db.delete(tenantConceptLabels).where(and(eq(tenantConceptLabels.tenantId, tenantId), eq(tenantConceptLabels.conceptUri, conceptUri)));
        return;
      }
      await db
        .insert(tenantConceptLabels)
        .values({ tenantId, conceptUri, label: words.label, synonyms: words.synonyms, updatedBy: by, updatedAt: at })
        .onConflictDoUpdate({
          target: [tenantConceptLabels.tenantId, tenantConceptLabels.conceptUri],
          set: { label: words.label, synonyms: words.synonyms, updatedBy: by, updatedAt: at },
        });
    },
  };
}
