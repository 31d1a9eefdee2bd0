import { eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { postcodeAreas } from '../../db/schema/index.js';

export type PostcodeArea = { postcode4: string; place: string; municipality: string; latitude: number; longitude: number };

export function geoRepository(db: Executor) {
  return {
    async findArea(postcode4: string): Promise<PostcodeArea | undefined> {
      const [row] = await db.select().from(postcodeAreas).where(eq(postcodeAreas.postcode4, postcode4)).limit(1);
      return row;
    },
    async findAreas(postcodes: string[]): Promise<Map<string, PostcodeArea>> {
      if (postcodes.length === 0) return new Map();
      const rows = await db.select().from(postcodeAreas).where(inArray(postcodeAreas.postcode4, postcodes));
      return new Map(rows.map((row) => [row.postcode4, row]));
    },
    /** Inserts or refreshes areas (idempotent). */
    async upsertAreas(areas: Array<PostcodeArea & { source: string }>): Promise<void> {
      if (areas.length === 0) return;
      await db
        .insert(postcodeAreas)
        .values(areas)
        .onConflictDoUpdate({
          target: postcodeAreas.postcode4,
          set: {
            place: sql`excluded.place`,
            municipality: sql`excluded.municipality`,
            latitude: sql`excluded.latitude`,
            longitude: sql`excluded.longitude`,
            source: sql`excluded.source`,
          },
        });
    },
  };
}
