import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { candidates, employers, vacancies } from '../../db/schema/index.js';

export type ImportKind = 'employers' | 'vacancies' | 'candidates';

const TABLES = { employers, vacancies, candidates } as const;

/** Which record of the Werkplein came from a case-system key (the key of an earlier import). Reads only: writes go through the services. */
export function importRepository(db: Executor) {
  return {
    async idBySourceKey({ tenantId, kind, sourceKey }: { tenantId: string; kind: ImportKind; sourceKey: string }): Promise<string | undefined> {
      const table = TABLES[kind];
      const [row] = await db
        .select({ id: table.id })
        .from(table)
        .where(and(eq(table.tenantId, tenantId), eq(table.sourceKey, sourceKey)))
        .limit(1);
      return row?.id;
    },
  };
}
