import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import t from 'tap';
import { migrationsFolder } from '../../db/migrate.js';
import { matchingRepository } from '../../src/matching/matching.repository.js';
import { pgFailure } from '../support/assert.js';
import { buildTenant } from '../support/factories.js';
import { createTestDatabase } from '../support/harness.js';

t.test('the migration journal’s `when` strictly increases (drizzle skips older entries silently)', async (t) => {
  const journal = JSON.parse(await readFile(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
    entries: Array<{ idx: number; when: number; tag: string }>;
  };
  t.ok(journal.entries.length >= 2);
  for (let i = 1; i < journal.entries.length; i += 1) {
    const previous = journal.entries[i - 1]!;
    const current = journal.entries[i]!;
    t.ok(current.when > previous.when, `${current.tag} (${current.when}) comes after ${previous.tag} (${previous.when})`);
    t.equal(current.idx, previous.idx + 1, `${current.tag} has the next index`);
  }
  for (const entry of journal.entries) {
    await t.resolves(readFile(path.join(migrationsFolder, `${entry.tag}.sql`), 'utf8'), `${entry.tag}.sql exists`);
  }
});

t.test('every migration is applied to the template', async (t) => {
  const database = await createTestDatabase(t);
  const journal = JSON.parse(await readFile(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] };
  const applied = await database.db.execute<{ count: string }>(sql`select count(*)::text as count from drizzle.__drizzle_migrations`);
  t.equal(Number(applied.rows[0]!.count), journal.entries.length);
});

// Tenant keys (tenant_id in every primary, foreign and unique key): test/platform/tenant-keys.test.ts.

t.test('the audit log is append-only: update, delete and truncate are refused by the database', async (t) => {
  const database = await createTestDatabase(t);
  const tenantId = '01a21417-0000-7000-8000-000000000001';
  await database.db.execute(sql`insert into tenants (id, slug, name) values (${tenantId}, 'audit-test', 'Audit')`);
  await database.db.execute(
    sql`insert into audit_log (tenant_id, id, action, subject_type) values (${tenantId}, ${'01a21417-0000-7000-8000-000000000002'}, 'test', 'candidate')`,
  );
  for (const statement of [sql`update audit_log set action = 'changed'`, sql`delete from audit_log`, sql`truncate audit_log`]) {
    const failure = await pgFailure(database.db.execute(statement));
    t.match(failure.message, /append-only/);
    t.equal(failure.code, '42501');
  }
  const count = await database.db.execute<{ n: number }>(sql`select count(*)::int as n from audit_log`);
  t.equal(count.rows[0]!.n, 1);
});

t.test('0010 backfills vacancies.opened_at from created_at for every vacancy that left draft; drafts stay unopened', async (t) => {
  const database = await createTestDatabase(t);
  const world = await buildTenant(database.db);
  const { employer, location } = world.employerA;
  const statuses = ['draft', 'open', 'filled', 'closed'] as const;
  for (const [i, status] of statuses.entries()) {
    const id = `01a21417-0000-7000-8000-00000000001${i}`;
    // As rows stood before 0010: no opened_at.
    await database.db.execute(sql`insert into vacancies
      (tenant_id, id, employer_id, location_id, title, hours_min, hours_max, shift_pattern, day_parts, weekend_work, night_work,
       contract_type, positions, competencies, training_offered, support_offered, required_credentials, status, opened_at, created_at)
      values (${world.tenantId}, ${id}, ${employer.id}, ${location.id}, ${`Vacature ${status}`}, 24, 32, '{"kind":"fixed","shifts":[]}'::jsonb,
       array['day']::text[], false, false, 'permanent', 1, '[]'::jsonb, '[]'::jsonb, array[]::text[], '[]'::jsonb, ${status}, null,
       ${`2026-10-0${i + 1}T08:00:00Z`}::timestamptz)`);
  }
  const migration = await readFile(path.join(migrationsFolder, '0010_add_vacancy_opened_at.sql'), 'utf8');
  const [addColumn, ...backfill] = migration.split('--> statement-breakpoint');
  t.match(addColumn, /ADD COLUMN "opened_at"/);
  t.equal(backfill.length, 1, 'one backfill statement after the column');
  // Twice: a re-run changes nothing.
  for (let run = 0; run < 2; run += 1) await database.db.execute(sql.raw(backfill[0]!));
  const rows = await database.db.execute<{ status: string; same: boolean | null }>(
    sql`select status, (opened_at = created_at) as same from vacancies where tenant_id = ${world.tenantId}`,
  );
  const byStatus = new Map(rows.rows.map((row) => [row.status, row.same]));
  t.equal(byStatus.get('draft'), null, 'a draft was never opened');
  for (const status of ['open', 'filled', 'closed']) t.equal(byStatus.get(status), true, `${status}: opened_at = created_at`);
});

t.test(
  '0029 moves the stored run inputs into match_inputs, once per subject and input, named by digest from each run; 0030 drops the inline column',
  async (t) => {
    const database = await createTestDatabase(t);
    const db = database.db;
    const world = await buildTenant(db);
    // As the tables stood before 0029: the input inline in every row, no match_inputs.
    await db.execute(sql`drop table match_inputs`);
    await db.execute(sql`alter table match_run_inputs drop column digest, add column input jsonb not null`);
    await db.execute(sql`alter table match_run_inputs add constraint match_run_inputs_tenant_id_run_id_match_runs_tenant_id_id_fk
    foreign key (tenant_id, run_id) references match_runs (tenant_id, id)`);
    const person = '01a21417-0000-7000-8000-0000000000a1';
    const vacancy = '01a21417-0000-7000-8000-0000000000b1';
    const runs = [
      { id: '01a21417-0000-7000-8000-0000000000c1', at: '2026-10-01T08:00:00Z', hours: 24 },
      { id: '01a21417-0000-7000-8000-0000000000c2', at: '2026-10-05T08:00:00Z', hours: 24 },
      { id: '01a21417-0000-7000-8000-0000000000c3', at: '2026-10-09T08:00:00Z', hours: 32 },
    ];
    for (const run of runs) {
      await db.execute(sql`insert into match_runs (tenant_id, id, kind, subject_id, actor_user_id, at, matcher_version, weights_version, weights, inputs_hash, population, eligible, results)
      values (${world.tenantId}, ${run.id}, 'vacancy', ${vacancy}, ${world.admin.userId}, ${run.at}::timestamptz, '2.0.0', 0, '{}'::jsonb, 'x', 1, 1, '[]'::jsonb)`);
      await db.execute(sql`insert into match_run_inputs (tenant_id, run_id, subject_id, input) values
      (${world.tenantId}, ${run.id}, ${vacancy}, '{"vacancy": {"id": "b1"}}'::jsonb),
      (${world.tenantId}, ${run.id}, ${person}, ${JSON.stringify({ id: person, hours: { now: run.hours } })}::jsonb)`);
    }
    for (const file of ['0029_store_run_inputs_once.sql', '0030_drop_inline_run_inputs.sql']) {
      const migration = await readFile(path.join(migrationsFolder, file), 'utf8');
      for (const statement of migration.split('--> statement-breakpoint')) await db.execute(sql.raw(statement));
    }
    const stored = await db.execute<{ subject: string; used_on: string; hours: number | null }>(sql`
    select subject_id as subject, used_on::text, (input #>> '{hours,now}')::int as hours from match_inputs where tenant_id = ${world.tenantId} order by subject_id, used_on`);
    t.same(
      stored.rows,
      [
        { subject: person, used_on: '2026-10-05', hours: 24 },
        { subject: person, used_on: '2026-10-09', hours: 32 },
        { subject: vacancy, used_on: '2026-10-09', hours: null },
      ],
      'each distinct input once, with the day of the newest run naming it',
    );
    for (const run of runs) {
      const inputs = await matchingRepository(db).runInputs({ tenantId: world.tenantId, runId: run.id });
      t.same(inputs.get(person), { id: person, hours: { now: run.hours } }, `${run.at}: the run's own input`);
      t.same(inputs.get(vacancy), { vacancy: { id: 'b1' } });
    }
    const columns = await db.execute<{ column_name: string }>(
      sql`select column_name from information_schema.columns where table_name = 'match_run_inputs' order by ordinal_position`,
    );
    t.same(
      columns.rows.map((row) => row.column_name),
      ['tenant_id', 'run_id', 'subject_id', 'digest'],
    );
  },
);
