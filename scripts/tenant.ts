import { z } from 'zod';
import { ProblemError } from '../src/http/problems.js';
import { fail, parseArgs, withRuntime } from './lib/cli.js';

const usage = `Werkpleinen (tenants), for the platform operator. There is no API for this on purpose.

  npm run tenant:create -- --slug <slug> --name <name> --admin-email <e-mail> --admin-name <name>
                           [--link-hours <1–72, default 24>] [--token]
      creates a Werkplein and its first admin; prints a one-time sign-in link for that admin
      (and with --token an API token, shown once)
  npm run tenant:list
  npm run tenant:disable -- --slug <slug>
      refuses the Werkplein's tokens and ends its sessions from the next request on; no sign-in
      links, no digests; its data stays
  npm run tenant:enable -- --slug <slug>`;

const [command] = process.argv.slice(2);
const args = parseArgs();
const text = (name: string) => {
  const value = args.get(name);
  return typeof value === 'string' ? value : undefined;
};
if (args.has('help') || !command || !['create', 'list', 'disable', 'enable'].includes(command)) fail(usage);
// Arguments are checked before any server is started or connected.
const slug = text('slug');
const name = text('name');
const email = text('admin-email');
const adminName = text('admin-name');
const linkHours = Number.parseInt(text('link-hours') ?? '24', 10);
if (command === 'create' && (!slug || !name || !email || !adminName)) fail(usage);
if (!(linkHours >= 1 && linkHours <= 72)) fail('--link-hours must be 1–72.');
if ((command === 'disable' || command === 'enable') && !slug) fail(usage);

try {
  await withRuntime(async ({ services }) => {
    const { tenants } = services;
    if (command === 'create') {
      const created = await tenants.create({
        input: { slug: slug!, name: name!, admin: { email: email!, name: adminName! } },
        linkHours,
        withToken: args.has('token'),
      });
      const lines = [
        `Werkplein "${created.tenant.name}" (${created.tenant.slug}) created, id ${created.tenant.id}.`,
        `First admin: ${created.admin.name} <${created.admin.email}>, id ${created.admin.id}.`,
        `One-time sign-in link for the admin (works once, until ${created.signInLink.expiresAt.toISOString()}):`,
        `SIGN_IN_LINK=${created.signInLink.url}`,
      ];
      if (created.token)
        lines.push(`API token for the admin, id ${created.token.id}, valid until ${created.token.expiresAt} (shown once):`, `TOKEN=${created.token.token}`);
      if (created.searchIndexes === 'unavailable')
        lines.push(`Search indexes not made (search server unreachable): run npm run search:reindex -- --tenant ${created.tenant.slug}.`);
      process.stdout.write(`${lines.join('\n')}\n`);
      return;
    }
    if (command === 'list') {
      const rows = await tenants.list();
      const table = rows.map((row) => [
        row.slug,
        row.disabledAt ? 'disabled' : 'active',
        String(row.users),
        String(row.employers),
        String(row.candidates),
        row.createdAt.toISOString().slice(0, 10),
        row.name,
      ]);
      const header = ['slug', 'status', 'users', 'employers', 'candidates', 'created', 'name'];
      const widths = header.map((title, column) => Math.max(title.length, ...table.map((row) => row[column]!.length)));
      for (const row of [header, ...table])
        process.stdout.write(
          `${row
            .map((cell, column) => cell.padEnd(widths[column]!))
            .join('  ')
            .trimEnd()}\n`,
        );
      return;
    }
    if (command === 'disable') {
      const result = await tenants.disable(slug!);
      process.stdout.write(
        `${result.alreadyDisabled ? 'Already disabled' : 'Disabled'}: ${result.slug} since ${result.disabledAt.toISOString()}; ${result.sessionsEnded} page session(s) ended; its tokens are refused.\n`,
      );
      return;
    }
    const result = await tenants.enable(slug!);
    process.stdout.write(`${result.wasDisabled ? 'Enabled' : 'Already active'}: ${result.slug}.\n`);
  });
} catch (error) {
  if (error instanceof ProblemError) fail(error.spec.detail?.en(error.values) ?? error.spec.title.en);
  if (error instanceof z.ZodError)
    fail(`Invalid input:\n${error.issues.map((issue) => `  ${issue.path.join('.') || '(input)'}: ${issue.message}`).join('\n')}`);
  throw error;
}
