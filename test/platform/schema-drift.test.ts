/*
 * db/schema (what the code queries), the committed migrations (what databases get) and drizzle-kit's
 * latest snapshot (what `npm run db:generate` diffs against) must describe one schema. Migrations
 * 0023–0027 were written by hand, and for a while the snapshots' chain was broken, so
 * `db:generate` refused to run; these tests keep all three in step.
 */
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import t from 'tap';
import { migrationsFolder } from '../../db/migrate.js';
import { createTestDatabase } from '../support/harness.js';

const run = promisify(execFile);
const root = path.resolve('.');

/** Runs `drizzle-kit generate` on the project's schema into `out`; returns what it printed. */
async function generate(out: string): Promise<string> {
  const work = await mkdtemp(path.join(tmpdir(), 'kansrijk-drizzle-'));
  try {
    // A config without imports, so that it loads from a folder outside the project; `out` relative to
    // the project, as drizzle-kit reads existing snapshots at './' + out.
    const config = path.join(work, 'drizzle.config.ts');
    await writeFile(
      config,
      `export default ${JSON.stringify({ dialect: 'postgresql', schema: path.join(root, 'db/schema/index.ts'), out: path.relative(root, out), casing: 'snake_case' })};\n`,
    );
    const { stdout, stderr } = await run(path.join(root, 'node_modules/.bin/drizzle-kit'), ['generate', '--config', config], { cwd: root });
    return `${stdout}${stderr}`;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

t.test('db:generate finds nothing to add: the latest snapshot is db/schema', async (t) => {
  const copy = await mkdtemp(path.join(tmpdir(), 'kansrijk-migrations-'));
  t.teardown(() => rm(copy, { recursive: true, force: true }));
  await cp(migrationsFolder, copy, { recursive: true });
  const before = (await readdir(copy)).sort();
  const printed = await generate(copy);
  t.match(printed, /No schema changes/, 'drizzle-kit generate: no schema changes');
  t.same((await readdir(copy)).sort(), before, 'no migration was generated');
});

/** The public schema's columns, indexes (with their names) and constraints, one line each. */
async function catalog(database: Awaited<ReturnType<typeof createTestDatabase>>): Promise<string[]> {
  const rows = await database.db.execute<{ line: string }>(sql`
    select concat_ws(' | ', 'column', table_name, column_name, data_type, coalesce(column_default, ''), is_nullable) as line
      from information_schema.columns where table_schema = 'public'
    union all
    select concat_ws(' | ', 'index', tablename, indexdef)
      from pg_indexes where schemaname = 'public'
    union all
    select concat_ws(' | ', 'constraint', conrelid::regclass::text, contype, pg_get_constraintdef(oid))
      from pg_constraint where connamespace = 'public'::regnamespace
    order by 1`);
  return rows.rows.map((row) => row.line);
}

t.test('the migrations build exactly the tables, columns, indexes and constraints db/schema declares', async (t) => {
  const migrated = await createTestDatabase(t, { isolated: true });
  const declared = await createTestDatabase(t, { isolated: true });
  // The declared side: an empty public schema, then the SQL drizzle-kit writes for db/schema from scratch.
  const out = await mkdtemp(path.join(tmpdir(), 'kansrijk-schema-'));
  t.teardown(() => rm(out, { recursive: true, force: true }));
  await generate(out);
  const file = (await readdir(out)).find((name) => name.endsWith('.sql'));
  t.ok(file, 'drizzle-kit wrote the whole schema');
  await declared.db.execute(sql.raw('drop schema public cascade; create schema public'));
  for (const statement of (await readFile(path.join(out, file!), 'utf8')).split('--> statement-breakpoint')) {
    if (statement.trim()) await declared.db.execute(sql.raw(statement));
  }
  const [fromMigrations, fromSchema] = [await catalog(migrated), await catalog(declared)];
  t.ok(fromMigrations.length > 500, `${fromMigrations.length} catalog lines compared`);
  t.same(
    fromMigrations.filter((line) => !fromSchema.includes(line)),
    [],
    'nothing in the migrated database that db/schema does not declare',
  );
  t.same(
    fromSchema.filter((line) => !fromMigrations.includes(line)),
    [],
    'nothing declared in db/schema that the migrations do not build',
  );
});
