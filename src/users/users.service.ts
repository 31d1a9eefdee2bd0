import type { Db, Executor } from '../../db/client.js';
import { audit } from '../audit/audit.js';
import type { Principal } from '../auth/roles.js';
import { generateToken, hashToken, tokenDisplayPrefix } from '../auth/tokens.js';
import { employerProblems } from '../employers/employers.errors.js';
import { employerRepository } from '../employers/employers.repository.js';
import type { Clock } from '../clock.js';
import { newId } from '../ids.js';
import { ProblemError } from '../http/problems.js';
import { userProblems } from './users.errors.js';
import { userRepository, type UserRow } from './users.repository.js';
import type { CreateUserBody, TokenView, UpdateUserBody, UserView } from './users.schemas.js';
import { toUserView, toTokenView } from './users.views.js';

/** May `principal` manage the tokens of `target`? Admins: anyone; employer relations: employer users; everyone: themselves. */
function mayManageTokensOf(principal: Principal, target: UserRow): boolean {
  if (principal.role === 'admin') return true;
  if (principal.userId === target.id) return true;
  return principal.role === 'employer_relations' && target.role === 'employer';
}

/** Users of a tenant and their API tokens (random, stored hashed, expiring, revocable). */
export function createUserService({ db, clock, tokenTtlDays }: { db: Db; clock: Clock; tokenTtlDays: number }) {
  /** Issues a token for a user; `token` fixes the secret (demo tokens from the environment). */
  async function issueToken(
    tx: Executor,
    {
      tenantId,
      userId,
      label,
      ttlDays = tokenTtlDays,
      token = generateToken(),
    }: { tenantId: string; userId: string; label: string; ttlDays?: number; token?: string },
  ): Promise<TokenView & { token: string }> {
    const now = clock.now();
    const row = await userRepository(tx).insertToken({
      tenantId,
      id: newId(now.getTime()),
      userId,
      tokenHash: hashToken(token),
      prefix: tokenDisplayPrefix(token),
      label,
      expiresAt: new Date(now.getTime() + ttlDays * 86_400_000),
      createdAt: now,
    });
    return { ...toTokenView(row), token };
  }

  return {
    issueToken,

    async me(principal: Principal) {
      const repository = userRepository(db);
      const [user, tenant] = await Promise.all([
        repository.find({ tenantId: principal.tenantId, id: principal.userId }),
        repository.tenant(principal.tenantId),
      ]);
      return { user: toUserView(user!), tenant: { id: tenant!.id, slug: tenant!.slug, name: tenant!.name } };
    },

    async list(principal: Principal): Promise<UserView[]> {
      return (await userRepository(db).list({ tenantId: principal.tenantId })).map(toUserView);
    },

    async get(principal: Principal, id: string): Promise<UserView> {
      const row = await userRepository(db).find({ tenantId: principal.tenantId, id });
      if (!row) throw new ProblemError(userProblems.not_found);
      return toUserView(row);
    },

    async create(tx: Executor, principal: Principal, body: CreateUserBody): Promise<UserView> {
      if (principal.role !== 'admin' && body.role !== 'employer') throw new ProblemError(userProblems.role_not_allowed);
      if (body.employerId && !(await employerRepository(tx).find({ scope: { tenantId: principal.tenantId, employerId: null }, id: body.employerId }))) {
        throw new ProblemError(employerProblems.not_found);
      }
      const repository = userRepository(tx);
      if (await repository.findByEmail({ tenantId: principal.tenantId, email: body.email })) throw new ProblemError(userProblems.email_taken);
      const now = clock.now();
      const row = await repository.insert({
        tenantId: principal.tenantId,
        id: newId(now.getTime()),
        email: body.email,
        name: body.name,
        role: body.role,
        employerId: body.employerId ?? null,
        createdAt: now,
      });
      await audit(tx, clock, {
        principal,
        action: 'user.create',
        subjectType: 'user',
        subjectId: row.id,
        details: { role: row.role, employerId: row.employerId },
      });
      return toUserView(row);
    },

    async update({ tx, principal, id, body }: { tx: Executor; principal: Principal; id: string; body: UpdateUserBody }): Promise<UserView> {
      const repository = userRepository(tx);
      const target = await repository.find({ tenantId: principal.tenantId, id });
      if (!target) throw new ProblemError(userProblems.not_found);
      const changesRole = body.role !== undefined && body.role !== target.role;
      // An admin who demotes or deactivates themselves could leave the Werkplein without an admin.
      if (id === principal.userId && (changesRole || body.active === false)) throw new ProblemError(userProblems.own_account);
      if (changesRole && target.role === 'employer') throw new ProblemError(userProblems.role_change_not_allowed);
      const row = await repository.update({ tenantId: principal.tenantId, id, values: body });
      if (!row) throw new ProblemError(userProblems.not_found);
      await audit(tx, clock, {
        principal,
        action: 'user.update',
        subjectType: 'user',
        subjectId: id,
        details: { fields: Object.keys(body), ...(changesRole ? { role: { from: target.role, to: row.role } } : {}) },
      });
      return toUserView(row);
    },

    async createToken({
      tx,
      principal,
      userId,
      body,
    }: {
      tx: Executor;
      principal: Principal;
      userId: string;
      body: { label: string; ttlDays?: number | undefined };
    }) {
      const target = await userRepository(tx).find({ tenantId: principal.tenantId, id: userId });
      if (!target || !mayManageTokensOf(principal, target)) throw new ProblemError(userProblems.not_found);
      const issued = await issueToken(tx, { tenantId: principal.tenantId, userId, label: body.label, ttlDays: body.ttlDays });
      // Never the token itself: its id and display prefix say which one it is.
      await audit(tx, clock, { principal, action: 'token.issue', subjectType: 'api_token', subjectId: issued.id, details: { userId, label: body.label } });
      return issued;
    },

    async listTokens(principal: Principal, userId: string): Promise<TokenView[]> {
      const repository = userRepository(db);
      const target = await repository.find({ tenantId: principal.tenantId, id: userId });
      if (!target || !mayManageTokensOf(principal, target)) throw new ProblemError(userProblems.not_found);
      return (await repository.listTokens({ tenantId: principal.tenantId, userId })).map(toTokenView);
    },

    async revokeToken(tx: Executor, principal: Principal, tokenId: string): Promise<TokenView> {
      const repository = userRepository(tx);
      const token = await repository.findToken({ tenantId: principal.tenantId, id: tokenId });
      const owner = token ? await repository.find({ tenantId: principal.tenantId, id: token.userId }) : undefined;
      if (!token || !owner || !mayManageTokensOf(principal, owner)) throw new ProblemError(userProblems.token_not_found);
      const revoked = await repository.revokeToken({ tenantId: principal.tenantId, id: tokenId, now: clock.now() });
      if (!revoked) throw new ProblemError(userProblems.token_not_found);
      await audit(tx, clock, { principal, action: 'token.revoke', subjectType: 'api_token', subjectId: tokenId, details: { userId: token.userId } });
      return toTokenView(revoked);
    },
  };
}
