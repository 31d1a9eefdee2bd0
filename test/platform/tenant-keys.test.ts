import { sql } from 'drizzle-orm';
import t from 'tap';
import type { Db } from '../../db/client.js';
import { createTestDatabase } from '../support/harness.js';

/*
 * Issue 19.7, docs/scaling.md: every table can be distributed by tenant (Citus) as it is. Read from
 * the catalog of the migrated database, not from db/schema, so that hand-written SQL in a migration
 * counts too:
 *
 * - every table has a tenant_id column (tenant-owned, distributed by tenant_id) or is a reference
 *   table on the short list below (copied to every node);
 * - every tenant-owned table has tenant_id in its primary key;
 * - every foreign key between tenant-owned tables pairs tenant_id with tenant_id (both rows on one
 *   shard), and no reference table points at a tenant-owned one (Citus refuses both otherwise);
 * - every unique index of a tenant-owned table includes tenant_id (a unique index without the
 *   distribution column cannot be enforced across shards), except the listed exceptions;
 * - generated numbers (identity, serial) of tenant-owned tables are bigint.
 */

/** Reference tables: shared by all tenants, no tenant_id; each with the reason it has none. */
const REFERENCE_TABLES: Record<string, string> = {
  tenants: 'the Werkpleinen themselves: every tenant-owned row points at one (foreign key to a reference table)',
  postcode_areas: 'PC4 centroids of the Netherlands (geo:import), the same for every Werkplein',
  taxonomy_isco_groups: 'ESCO/ISCO reference data (taxonomy:import), the same for every Werkplein',
  taxonomy_occupations: 'ESCO reference data (taxonomy:import), the same for every Werkplein',
  taxonomy_skills: 'ESCO reference data (taxonomy:import), the same for every Werkplein',
  taxonomy_occupation_skills: 'ESCO reference data (taxonomy:import), the same for every Werkplein',
  taxonomy_skill_relations: 'ESCO reference data (taxonomy:import), the same for every Werkplein',
  taxonomy_skill_broader: 'ESCO reference data (taxonomy:import), the same for every Werkplein',
};

/**
 * Unique indexes of tenant-owned tables without tenant_id: lookups made before the tenant is known.
 * This list may only shrink; docs/scaling.md ("What would have to change") says how each goes.
 */
const UNIQUE_WITHOUT_TENANT: Record<string, string> = {
  api_tokens_token_hash_unique: 'a bearer token is looked up by its hash alone (src/auth/auth.repository.ts findActiveToken)',
  sign_in_links_code_hash_key: 'a typed sign-in code carries no tenant (src/pages/sessions.repository.ts useCode)',
};

type Rules = { reference: Record<string, string>; uniqueExceptions: Record<string, string> };

/** Every breach of the rules above in `schema`, one readable line each; empty when it can be distributed. */
async function tenantKeyViolations(db: Db, schema: string, rules: Rules): Promise<string[]> {
  const problems: string[] = [];
  const tables = await db.execute<{ name: string; has_tenant: boolean; primary_key: string[] | null }>(sql`
    select c.relname as name,
           exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped) as has_tenant,
           (select array_agg(a.attname::text order by k.ord)
              from pg_constraint p
              cross join unnest(p.conkey) with ordinality as k(attnum, ord)
              join pg_attribute a on a.attrelid = p.conrelid and a.attnum = k.attnum
             where p.conrelid = c.oid and p.contype = 'p') as primary_key
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = ${schema} and c.relkind in ('r', 'p') and not c.relispartition
     order by c.relname`);
  const tenantOwned = new Set<string>();
  const seen = new Set<string>();
  for (const table of tables.rows) {
    seen.add(table.name);
    const reference = table.name in rules.reference;
    if (table.has_tenant && reference) problems.push(`${table.name} has tenant_id but is listed as a reference table`);
    if (!table.has_tenant && !reference) problems.push(`${table.name} has no tenant_id and is not a listed reference table`);
    if (!table.has_tenant) continue;
    tenantOwned.add(table.name);
    if (!table.primary_key) problems.push(`${table.name} has no primary key`);
    else if (!table.primary_key.includes('tenant_id')) problems.push(`${table.name}'s primary key (${table.primary_key.join(', ')}) lacks tenant_id`);
  }
  for (const name of Object.keys(rules.reference)) if (!seen.has(name)) problems.push(`reference table ${name} is listed but does not exist`);

  // Foreign keys with their column pairs in order (child column → parent column).
  const foreignKeys = await db.execute<{ name: string; child: string; parent: string; pairs: Array<[string, string]> }>(sql`
    select f.conname as name, cc.relname as child, pc.relname as parent,
           (select json_agg(json_build_array(ca.attname, pa.attname) order by k.ord)
              from unnest(f.conkey, f.confkey) with ordinality as k(child_attnum, parent_attnum, ord)
              join pg_attribute ca on ca.attrelid = f.conrelid and ca.attnum = k.child_attnum
              join pg_attribute pa on pa.attrelid = f.confrelid and pa.attnum = k.parent_attnum) as pairs
      from pg_constraint f
      join pg_class cc on cc.oid = f.conrelid
      join pg_class pc on pc.oid = f.confrelid
      join pg_namespace n on n.oid = cc.relnamespace
     where n.nspname = ${schema} and f.contype = 'f'
     order by f.conname`);
  for (const fk of foreignKeys.rows) {
    const childOwned = tenantOwned.has(fk.child);
    const parentOwned = tenantOwned.has(fk.parent);
    const columns = fk.pairs.map(([child, parent]) => `${child}→${parent}`).join(', ');
    if (!childOwned && parentOwned) problems.push(`${fk.name}: reference table ${fk.child} points at tenant-owned ${fk.parent}`);
    if (childOwned && parentOwned && !fk.pairs.some(([child, parent]) => child === 'tenant_id' && parent === 'tenant_id')) {
      problems.push(`${fk.name}: ${fk.child} → ${fk.parent} (${columns}) does not pair tenant_id with tenant_id`);
    }
  }

  // Unique indexes (unique constraints included) other than the primary key.
  const uniques = await db.execute<{ name: string; table_name: string; has_tenant: boolean }>(sql`
    select ic.relname as name, tc.relname as table_name,
           exists (select 1 from unnest(i.indkey) as k(attnum)
                     join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum
                    where a.attname = 'tenant_id') as has_tenant
      from pg_index i
      join pg_class ic on ic.oid = i.indexrelid
      join pg_class tc on tc.oid = i.indrelid
      join pg_namespace n on n.oid = tc.relnamespace
     where n.nspname = ${schema} and i.indisunique and not i.indisprimary
     order by ic.relname`);
  const uniqueWithoutTenant = new Set<string>();
  for (const index of uniques.rows) {
    if (!tenantOwned.has(index.table_name) || index.has_tenant) continue;
    uniqueWithoutTenant.add(index.name);
    if (!(index.name in rules.uniqueExceptions)) problems.push(`unique index ${index.name} on ${index.table_name} lacks tenant_id`);
  }
  // Generated numbers (identity or serial) of tenant-owned tables are bigint: Citus generates them on
  // worker nodes only for bigint (outbox.seq was integer until migration 0025).
  const generated = await db.execute<{ table_name: string; column_name: string; type: string }>(sql`
    select c.relname as table_name, a.attname as column_name, format_type(a.atttypid, a.atttypmod) as type
      from pg_attribute a
      join pg_class c on c.oid = a.attrelid
      join pg_namespace n on n.oid = c.relnamespace
      left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
     where n.nspname = ${schema} and c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped
       and (a.attidentity <> '' or pg_get_expr(d.adbin, d.adrelid) like 'nextval(%')
     order by c.relname, a.attname`);
  for (const column of generated.rows) {
    if (tenantOwned.has(column.table_name) && column.type !== 'bigint') {
      problems.push(`${column.table_name}.${column.column_name} is a generated ${column.type}, not bigint`);
    }
  }

  // The exceptions only shrink: one that no longer breaks the rule must leave the list.
  for (const name of Object.keys(rules.uniqueExceptions)) {
    if (!uniqueWithoutTenant.has(name)) problems.push(`unique-index exception ${name} is listed but no longer needed: remove it from the list`);
  }
  return problems;
}

t.test('every table can be distributed by tenant as it is (Citus): keys carry tenant_id', async (t) => {
  const database = await createTestDatabase(t);
  const problems = await tenantKeyViolations(database.db, 'public', { reference: REFERENCE_TABLES, uniqueExceptions: UNIQUE_WITHOUT_TENANT });
  t.same(problems, [], 'no table breaks the tenant-key rules');

  // The check looked at real tables: the core ones are tenant-owned with a composite primary key.
  const owned = await database.db.execute<{ count: number }>(sql`
    select count(*)::int as count from pg_constraint p join pg_class c on c.oid = p.conrelid join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public' and p.contype = 'p' and c.relname in ('candidates', 'vacancies', 'employers', 'users', 'placements')
       and array_length(p.conkey, 1) = 2`);
  t.equal(owned.rows[0]!.count, 5, 'candidates, vacancies, employers, users and placements are keyed by (tenant_id, id)');
});

t.test('the check finds every kind of breach (a schema built to break each rule)', async (t) => {
  const database = await createTestDatabase(t, { isolated: true });
  await database.db.execute(
    sql.raw(`
    create schema tenant_keys_probe;
    set search_path = tenant_keys_probe;
    create table shared_codes (code text primary key);
    create table loose (id uuid primary key);
    create table parents (tenant_id uuid not null, id uuid not null, primary key (tenant_id, id), unique (id));
    create table bad_pk (tenant_id uuid not null, id uuid primary key);
    create table no_pk (tenant_id uuid not null, id uuid not null, n integer generated always as identity, m serial, k bigserial);
    create table children (
      tenant_id uuid not null, id uuid not null, parent_id uuid not null, other_tenant uuid not null,
      primary key (tenant_id, id),
      constraint children_parent_by_id_fk foreign key (parent_id) references parents (id),
      constraint children_parent_swapped_fk foreign key (other_tenant, parent_id) references parents (tenant_id, id),
      constraint children_parent_ok_fk foreign key (tenant_id, parent_id) references parents (tenant_id, id)
    );
    alter table shared_codes add column parent_id uuid constraint shared_codes_parent_fk references parents (id);
    reset search_path;`),
  );
  const problems = await tenantKeyViolations(database.db, 'tenant_keys_probe', {
    reference: { shared_codes: 'probe', gone: 'probe' },
    uniqueExceptions: { no_longer_needed: 'probe' },
  });
  t.same(
    problems.sort(),
    [
      "bad_pk's primary key (id) lacks tenant_id",
      'children_parent_by_id_fk: children → parents (parent_id→id) does not pair tenant_id with tenant_id',
      'children_parent_swapped_fk: children → parents (other_tenant→tenant_id, parent_id→id) does not pair tenant_id with tenant_id',
      'loose has no tenant_id and is not a listed reference table',
      'no_pk has no primary key',
      'no_pk.m is a generated integer, not bigint',
      'no_pk.n is a generated integer, not bigint',
      'reference table gone is listed but does not exist',
      'shared_codes_parent_fk: reference table shared_codes points at tenant-owned parents',
      'unique index parents_id_key on parents lacks tenant_id',
      'unique-index exception no_longer_needed is listed but no longer needed: remove it from the list',
    ],
    'each planted breach is reported, the correct foreign key is not',
  );
});
