import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { ROLE_NAMES, type Account, type TenantWorld } from './factories.js';
import { runCli } from './cli.js';

/** A Werkplein as the operator makes it: `npm run tenant:create … --token`; its admin's token and link. */
export async function createTenantWithCli({
  databaseUrl,
  name = 'Werkplein Test (CLI)',
  slug = `cli-${randomBytes(4).toString('hex')}`,
}: {
  databaseUrl: string;
  name?: string;
  slug?: string;
}) {
  const adminEmail = `beheer-${randomBytes(3).toString('hex')}@${slug}.example`;
  const run = await runCli({
    script: 'tenant',
    args: ['create', '--slug', slug, '--name', name, '--admin-email', adminEmail, '--admin-name', 'Eerste Beheerder', '--token'],
    databaseUrl,
  });
  if (run.code !== 0) throw new Error(`tenant:create failed (${run.code}): ${run.stderr}${run.stdout}`);
  const field = (label: string) => {
    const found = new RegExp(`^${label}=(\\S+)$`, 'm').exec(run.stdout)?.[1];
    if (!found) throw new Error(`tenant:create printed no ${label}: ${run.stdout}`);
    return found;
  };
  const tenantId = /created, id (\S+)\./.exec(run.stdout)?.[1];
  const adminId = /First admin: .*, id (\S+)\./.exec(run.stdout)?.[1];
  const tokenId = /API token for the admin, id (\S+),/.exec(run.stdout)?.[1];
  if (!tenantId || !adminId || !tokenId) throw new Error(`tenant:create printed no ids: ${run.stdout}`);
  const admin: Account = { userId: adminId, token: field('TOKEN'), principal: { tenantId, userId: adminId, tokenId, role: 'admin', employerId: null } };
  return { tenantId, slug, adminEmail, admin, signInLink: field('SIGN_IN_LINK'), output: run.stdout };
}

/**
 * A second tenant built the way an operator and its first admin would: the tenant and admin by the
 * CLI, everyone and everything else through the API with the admin's token. Same shape as
 * buildTenant's world (one user of every role, employers A and B with a location and a user each).
 */
export async function buildTenantWithCli(app: FastifyInstance, { databaseUrl, name }: { databaseUrl: string; name?: string }): Promise<TenantWorld> {
  const created = await createTenantWithCli({ databaseUrl, ...(name ? { name } : {}) });
  const { tenantId, admin } = created;
  const call = async (method: 'POST', url: string, payload: unknown) => {
    const response = await app.inject({ method, url, payload: payload as Record<string, unknown>, headers: { authorization: `Bearer ${admin.token}` } });
    if (response.statusCode !== 201) throw new Error(`${method} ${url} → ${response.statusCode} ${response.body}`);
    return response.json();
  };
  async function account(role: Account['principal']['role'], employerId: string | null = null): Promise<Account> {
    const user = await call('POST', '/v1/users', {
      email: `${role}-${randomBytes(4).toString('hex')}@test.example`,
      name: `Test ${ROLE_NAMES[role]}`,
      role,
      ...(employerId ? { employerId } : {}),
    });
    const token = await call('POST', `/v1/users/${user.id}/tokens`, { label: 'test' });
    return { userId: user.id, token: token.token, principal: { tenantId, userId: user.id, tokenId: token.id, role, employerId } };
  }
  async function employerWithLocation(label: string) {
    const employer = await call('POST', '/v1/employers', { name: `${label} B.V.`, sector: 'logistics', contacts: [{ name: `Contact ${label}` }] });
    const location = await call('POST', `/v1/employers/${employer.id}/locations`, { name: `Locatie ${label}`, postcode: '5047 AB' });
    return { employer, location, user: await account('employer', employer.id) };
  }
  return {
    tenantId,
    admin,
    accountManager: await account('account_manager'),
    employerRelations: await account('employer_relations'),
    employerA: await employerWithLocation('Werkgever A'),
    employerB: await employerWithLocation('Werkgever B'),
  };
}
