import { asc, eq, inArray, isNotNull, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client.js';
import {
  taxonomyIscoGroups,
  taxonomyOccupations,
  taxonomyOccupationSkills,
  taxonomySkillBroader,
  taxonomySkillRelations,
  taxonomySkills,
} from '../../db/schema/index.js';

export type IscoGroupInsert = typeof taxonomyIscoGroups.$inferInsert;
export type OccupationInsert = typeof taxonomyOccupations.$inferInsert;
export type SkillInsert = typeof taxonomySkills.$inferInsert;
export type OccupationSkillInsert = typeof taxonomyOccupationSkills.$inferInsert;
export type SkillRelationInsert = typeof taxonomySkillRelations.$inferInsert;
export type SkillBroaderInsert = typeof taxonomySkillBroader.$inferInsert;
export type OccupationRow = typeof taxonomyOccupations.$inferSelect;
export type TaxonomySource = 'esco' | 'demo';

/** Rows per INSERT: ~12 parameters a row stays far below Postgres' 65,535 parameters a statement. */
export const BATCH_SIZE = 1000;

/**
 * `set` and `where` of an upsert that only touches rows whose values differ, so that importing
 * the same data again writes nothing (and `imported_at` keeps the time of the real change).
 */
function changedOnly(columns: Record<string, PgColumn>, alsoSet: Record<string, PgColumn> = {}) {
  const set: Record<string, SQL> = {};
  for (const [key, column] of Object.entries({ ...columns, ...alsoSet })) set[key] = sql.raw(`excluded."${column.name}"`);
  const current = sql.join(
    Object.values(columns).map((column) => sql`${column}`),
    sql`, `,
  );
  const incoming = sql.join(
    Object.values(columns).map((column) => sql.raw(`excluded."${column.name}"`)),
    sql`, `,
  );
  return { set, where: sql`(${current}) is distinct from (${incoming})` };
}

const occupationColumns = {
  code: taxonomyOccupations.code,
  iscoGroup: taxonomyOccupations.iscoGroup,
  labelNl: taxonomyOccupations.labelNl,
  labelEn: taxonomyOccupations.labelEn,
  altLabelsNl: taxonomyOccupations.altLabelsNl,
  hiddenLabelsNl: taxonomyOccupations.hiddenLabelsNl,
  altLabelsEn: taxonomyOccupations.altLabelsEn,
  descriptionNl: taxonomyOccupations.descriptionNl,
  descriptionEn: taxonomyOccupations.descriptionEn,
  regulatedNote: taxonomyOccupations.regulatedNote,
  source: taxonomyOccupations.source,
};

const skillColumns = {
  skillType: taxonomySkills.skillType,
  reuseLevel: taxonomySkills.reuseLevel,
  labelNl: taxonomySkills.labelNl,
  labelEn: taxonomySkills.labelEn,
  altLabelsNl: taxonomySkills.altLabelsNl,
  altLabelsEn: taxonomySkills.altLabelsEn,
  descriptionEn: taxonomySkills.descriptionEn,
  source: taxonomySkills.source,
};

/** `(a, b) in ((…), (…))` for a batch of key pairs. */
function pairIn(left: PgColumn, right: PgColumn, pairs: ReadonlyArray<readonly [string, string]>): SQL {
  return sql`(${left}, ${right}) in (${sql.join(
    pairs.map(([a, b]) => sql`(${a}, ${b})`),
    sql`, `,
  )})`;
}

/** Reference data shared by all tenants: no tenant filter here (the tables have no tenant). */
export function taxonomyRepository(db: Executor) {
  return {
    /** Inserts or updates ISCO groups; returns how many rows were written. */
    async upsertIscoGroups(rows: IscoGroupInsert[]): Promise<number> {
      if (rows.length === 0) return 0;
      const { set, where } = changedOnly({
        uri: taxonomyIscoGroups.uri,
        labelNl: taxonomyIscoGroups.labelNl,
        labelEn: taxonomyIscoGroups.labelEn,
      });
      const written = await db
        .insert(taxonomyIscoGroups)
        .values(rows)
        .onConflictDoUpdate({ target: taxonomyIscoGroups.code, set, setWhere: where })
        .returning({ code: taxonomyIscoGroups.code });
      return written.length;
    },

    /** Inserts or updates occupations whose values changed. */
    async upsertOccupations(rows: OccupationInsert[]): Promise<number> {
      if (rows.length === 0) return 0;
      const { set, where } = changedOnly(occupationColumns, { importedAt: taxonomyOccupations.importedAt });
      const written = await db
        .insert(taxonomyOccupations)
        .values(rows)
        .onConflictDoUpdate({
          target: taxonomyOccupations.uri,
          set,
          setWhere: where,
        })
        .returning({ uri: taxonomyOccupations.uri });
      return written.length;
    },

    /** As upsertOccupations, for skills. */
    async upsertSkills(rows: SkillInsert[]): Promise<number> {
      if (rows.length === 0) return 0;
      const { set, where } = changedOnly(skillColumns, { importedAt: taxonomySkills.importedAt });
      const written = await db
        .insert(taxonomySkills)
        .values(rows)
        .onConflictDoUpdate({
          target: taxonomySkills.uri,
          set,
          setWhere: where,
        })
        .returning({ uri: taxonomySkills.uri });
      return written.length;
    },

    async upsertOccupationSkills(rows: OccupationSkillInsert[]): Promise<number> {
      if (rows.length === 0) return 0;
      const written = await db
        .insert(taxonomyOccupationSkills)
        .values(rows)
        .onConflictDoUpdate({
          target: [taxonomyOccupationSkills.occupationUri, taxonomyOccupationSkills.skillUri],
          set: { relation: sql.raw('excluded."relation"') },
          setWhere: sql`${taxonomyOccupationSkills.relation} is distinct from excluded."relation"`,
        })
        .returning({ uri: taxonomyOccupationSkills.occupationUri });
      return written.length;
    },

    async deleteOccupationSkills(pairs: ReadonlyArray<readonly [string, string]>): Promise<number> {
      if (pairs.length === 0) return 0;
      const deleted = await db
        .delete(taxonomyOccupationSkills)
        .where(pairIn(taxonomyOccupationSkills.occupationUri, taxonomyOccupationSkills.skillUri, pairs))
        .returning({ uri: taxonomyOccupationSkills.occupationUri });
      return deleted.length;
    },

    async upsertSkillRelations(rows: SkillRelationInsert[]): Promise<number> {
      if (rows.length === 0) return 0;
      const written = await db
        .insert(taxonomySkillRelations)
        .values(rows)
        .onConflictDoUpdate({
          target: [taxonomySkillRelations.skillUri, taxonomySkillRelations.relatedSkillUri],
          set: { relation: sql.raw('excluded."relation"') },
          setWhere: sql`${taxonomySkillRelations.relation} is distinct from excluded."relation"`,
        })
        .returning({ uri: taxonomySkillRelations.skillUri });
      return written.length;
    },

    async deleteSkillRelations(pairs: ReadonlyArray<readonly [string, string]>): Promise<number> {
      if (pairs.length === 0) return 0;
      const deleted = await db
        .delete(taxonomySkillRelations)
        .where(pairIn(taxonomySkillRelations.skillUri, taxonomySkillRelations.relatedSkillUri, pairs))
        .returning({ uri: taxonomySkillRelations.skillUri });
      return deleted.length;
    },

    /** Every occupation–skill link, to work out what an import adds, changes and removes. */
    async allOccupationSkills() {
      return db
        .select({
          occupationUri: taxonomyOccupationSkills.occupationUri,
          skillUri: taxonomyOccupationSkills.skillUri,
          relation: taxonomyOccupationSkills.relation,
        })
        .from(taxonomyOccupationSkills);
    },

    async upsertSkillBroader(rows: SkillBroaderInsert[]): Promise<number> {
      if (rows.length === 0) return 0;
      const written = await db
        .insert(taxonomySkillBroader)
        .values(rows)
        .onConflictDoUpdate({
          target: [taxonomySkillBroader.skillUri, taxonomySkillBroader.broaderUri],
          set: { broaderKind: sql.raw('excluded."broader_kind"') },
          setWhere: sql`${taxonomySkillBroader.broaderKind} is distinct from excluded."broader_kind"`,
        })
        .returning({ uri: taxonomySkillBroader.skillUri });
      return written.length;
    },

    async deleteSkillBroader(pairs: ReadonlyArray<readonly [string, string]>): Promise<number> {
      if (pairs.length === 0) return 0;
      const deleted = await db
        .delete(taxonomySkillBroader)
        .where(pairIn(taxonomySkillBroader.skillUri, taxonomySkillBroader.broaderUri, pairs))
        .returning({ uri: taxonomySkillBroader.skillUri });
      return deleted.length;
    },

    async allSkillBroader() {
      return db
        .select({ skillUri: taxonomySkillBroader.skillUri, broaderUri: taxonomySkillBroader.broaderUri, broaderKind: taxonomySkillBroader.broaderKind })
        .from(taxonomySkillBroader);
    },

    async allSkillRelations() {
      return db
        .select({
          skillUri: taxonomySkillRelations.skillUri,
          relatedSkillUri: taxonomySkillRelations.relatedSkillUri,
          relation: taxonomySkillRelations.relation,
        })
        .from(taxonomySkillRelations);
    },

    /** The skill links of these occupations. */
    async skillLinksOf(occupationUris: string[]) {
      if (occupationUris.length === 0) return [];
      return db
        .select({ occupationUri: taxonomyOccupationSkills.occupationUri, skillUri: taxonomyOccupationSkills.skillUri })
        .from(taxonomyOccupationSkills)
        .where(inArray(taxonomyOccupationSkills.occupationUri, occupationUris));
    },

    /** Whether ESCO has been imported (then it is the taxonomy, and the demo taxonomy is not seeded). */
    async hasEsco(): Promise<boolean> {
      const result = await db.execute(sql`select 1 from taxonomy_occupations where source = 'esco' limit 1`);
      return result.rows.length > 0;
    },

    /**
     * Removes the demo taxonomy and its links, except the concepts in `keep`: all of it when ESCO
     * replaces it, the concepts the demo no longer defines when the demo seed runs. Returns the
     * concepts removed.
     */
    async removeDemo(keep: string[] = []): Promise<number> {
      const gone = (table: SQL) => sql`select uri from ${table} where source = 'demo' and not (uri = any(${`{${keep.join(',')}}`}::text[]))`;
      const occupations = gone(sql`taxonomy_occupations`);
      const skills = gone(sql`taxonomy_skills`);
      await db.execute(sql`delete from taxonomy_occupation_skills where occupation_uri in (${occupations}) or skill_uri in (${skills})`);
      await db.execute(sql`delete from taxonomy_skill_relations where skill_uri in (${skills}) or related_skill_uri in (${skills})`);
      const removedOccupations = await db.execute(sql`delete from taxonomy_occupations where uri in (${occupations})`);
      const removedSkills = await db.execute(sql`delete from taxonomy_skills where uri in (${skills})`);
      return (removedOccupations.rowCount ?? 0) + (removedSkills.rowCount ?? 0);
    },

    async findOccupation(uri: string) {
      const [row] = await db
        .select({ occupation: taxonomyOccupations, iscoLabelNl: taxonomyIscoGroups.labelNl, iscoLabelEn: taxonomyIscoGroups.labelEn })
        .from(taxonomyOccupations)
        .leftJoin(taxonomyIscoGroups, eq(taxonomyIscoGroups.code, taxonomyOccupations.iscoGroup))
        .where(eq(taxonomyOccupations.uri, uri))
        .limit(1);
      return row;
    },

    /** The skills an occupation asks, with their labels; links to unknown skills are left out. */
    async skillsOfOccupation(uri: string) {
      return db
        .select({
          uri: taxonomySkills.uri,
          labelNl: taxonomySkills.labelNl,
          labelEn: taxonomySkills.labelEn,
          skillType: taxonomySkills.skillType,
          relation: taxonomyOccupationSkills.relation,
        })
        .from(taxonomyOccupationSkills)
        .innerJoin(taxonomySkills, eq(taxonomySkills.uri, taxonomyOccupationSkills.skillUri))
        .where(eq(taxonomyOccupationSkills.occupationUri, uri))
        .orderBy(asc(taxonomySkills.uri));
    },

    /** Skills by URI, as search hits are made (for concepts a tenant's own words find). */
    async skillsByUris(uris: string[]) {
      if (uris.length === 0) return [];
      return db
        .select({
          uri: taxonomySkills.uri,
          skillType: taxonomySkills.skillType,
          labelNl: taxonomySkills.labelNl,
          labelEn: taxonomySkills.labelEn,
          altLabelsNl: taxonomySkills.altLabelsNl,
          source: taxonomySkills.source,
        })
        .from(taxonomySkills)
        .where(inArray(taxonomySkills.uri, uris));
    },

    /** What the search index holds of each occupation. */
    async occupationsForIndex() {
      return db
        .select({
          uri: taxonomyOccupations.uri,
          code: taxonomyOccupations.code,
          iscoGroup: taxonomyOccupations.iscoGroup,
          labelNl: taxonomyOccupations.labelNl,
          labelEn: taxonomyOccupations.labelEn,
          altLabelsNl: taxonomyOccupations.altLabelsNl,
          hiddenLabelsNl: taxonomyOccupations.hiddenLabelsNl,
          altLabelsEn: taxonomyOccupations.altLabelsEn,
          source: taxonomyOccupations.source,
        })
        .from(taxonomyOccupations)
        .orderBy(asc(taxonomyOccupations.uri));
    },

    /** ISCO-08 unit groups (four digits): broader look-up answers where no occupation fits. */
    async iscoUnitGroupsForIndex() {
      return db
        .select({ code: taxonomyIscoGroups.code, uri: taxonomyIscoGroups.uri, labelNl: taxonomyIscoGroups.labelNl, labelEn: taxonomyIscoGroups.labelEn })
        .from(taxonomyIscoGroups)
        .where(sql`length(${taxonomyIscoGroups.code}) = 4`)
        .orderBy(asc(taxonomyIscoGroups.code));
    },

    /** What the search index holds of each skill. */
    async skillsForIndex() {
      return db
        .select({
          uri: taxonomySkills.uri,
          skillType: taxonomySkills.skillType,
          labelNl: taxonomySkills.labelNl,
          labelEn: taxonomySkills.labelEn,
          altLabelsNl: taxonomySkills.altLabelsNl,
          source: taxonomySkills.source,
        })
        .from(taxonomySkills)
        .orderBy(asc(taxonomySkills.uri));
    },

    /** Every Dutch label (occupations and skills): the words that Dutch compounds are split into. */
    async dutchLabels(): Promise<string[]> {
      const occupations = await db
        .select({ label: taxonomyOccupations.labelNl, alt: taxonomyOccupations.altLabelsNl, hidden: taxonomyOccupations.hiddenLabelsNl })
        .from(taxonomyOccupations);
      const skills = await db
        .select({ label: taxonomySkills.labelNl, alt: taxonomySkills.altLabelsNl })
        .from(taxonomySkills)
        .where(isNotNull(taxonomySkills.labelNl));
      const labels: string[] = [];
      for (const row of occupations) labels.push(...(row.label ? [row.label] : []), ...row.alt, ...row.hidden);
      for (const row of skills) labels.push(...(row.label ? [row.label] : []), ...row.alt);
      return labels;
    },

    async counts() {
      const [row] = await db
        .execute<{
          occupations: number;
          skills: number;
          occupationSkills: number;
          skillRelations: number;
          iscoGroups: number;
          lookupGroups: number;
        }>(
          sql`
        select
          (select count(*)::int from ${taxonomyOccupations}) as "occupations",
          (select count(*)::int from ${taxonomySkills}) as "skills",
          (select count(*)::int from ${taxonomyOccupationSkills}) as "occupationSkills",
          (select count(*)::int from ${taxonomySkillRelations}) as "skillRelations",
          (select count(*)::int from ${taxonomyIscoGroups}) as "iscoGroups",
          (select count(*)::int from ${taxonomyIscoGroups} g where length(g.code) = 4
            and exists (select 1 from ${taxonomyOccupations} o where o.isco_group = g.code)) as "lookupGroups"
      `,
        )
        .then((result) => result.rows);
      return row!;
    },
  };
}

/** Runs `work` over `rows` in slices of `size`, and adds up what each slice returns. */
export async function inBatches<T>({
  rows,
  size,
  work,
  onBatch,
}: {
  rows: readonly T[];
  size: number;
  work: (batch: T[]) => Promise<number>;
  onBatch?: (done: number) => void;
}): Promise<number> {
  let total = 0;
  for (let start = 0; start < rows.length; start += size) {
    total += await work(rows.slice(start, start + size));
    onBatch?.(Math.min(start + size, rows.length));
  }
  return total;
}
