import { eq } from 'drizzle-orm';
import { tenants } from '../db/schema/index.js';
import { userRepository } from '../src/users/users.repository.js';
import { fail, parseArgs, withRuntime } from './lib/cli.js';

const usage = `Create or revoke an API token.

  npm run token -- --tenant <slug> --email <user e-mail> [--label <text>] [--ttl-days <n>]
  npm run token -- --tenant <slug> --revoke <token id>

The token is printed once; only its SHA-256 hash is stored.`;

const args = parseArgs();
if (args.has('help') || !args.has('tenant')) fail(usage);

await withRuntime(async ({ deps, services }) => {
  const { db } = deps;
  const slug = String(args.get('tenant'));
  const [tenant] = await db.select().from(tenants).where(eq(tenants.slug, slug)).limit(1);
  if (!tenant) fail(`No tenant with slug "${slug}".`);
  const { users } = services;
  const revoke = args.get('revoke');
  if (typeof revoke === 'string') {
    const principal = { tenantId: tenant.id, userId: 'cli', tokenId: 'cli', role: 'admin' as const, employerId: null };
    const revoked = await db.transaction((tx) => users.revokeToken(tx, principal, revoke)).catch(() => undefined);
    if (!revoked) fail(`No active token ${revoke} in ${slug}.`);
    process.stdout.write(`Token ${revoked.id} revoked at ${revoked.revokedAt}.\n`);
    return;
  }
  const email = args.get('email');
  if (typeof email !== 'string') fail(usage);
  const user = await userRepository(db).findByEmail({ tenantId: tenant.id, email });
  if (!user) fail(`No user ${email} in ${slug}.`);
  const ttl = args.get('ttl-days');
  const ttlDays = typeof ttl === 'string' ? Number.parseInt(ttl, 10) : undefined;
  if (ttlDays !== undefined && !(ttlDays >= 1 && ttlDays <= 3650)) fail('--ttl-days must be 1–3650.');
  const label = typeof args.get('label') === 'string' ? String(args.get('label')) : 'cli';
  const issued = await db.transaction((tx) => users.issueToken(tx, { tenantId: tenant.id, userId: user.id, label, ttlDays }));
  process.stdout.write(`Token for ${user.name} (${user.role}), id ${issued.id}, valid until ${issued.expiresAt}:\n${issued.token}\n`);
});
