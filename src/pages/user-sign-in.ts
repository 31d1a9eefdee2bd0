import type { Role } from '../auth/roles.js';
import { isStaff } from '../auth/roles.js';
import { userRepository } from '../users/users.repository.js';
import type { SignInKind } from './sessions.service.js';

/**
 * Staff and employer contacts sign in as 'user': the session's principal is exactly the one their API
 * token would give (same role, tenant, employer), so page handlers call the services with it.
 */
export const userSignInKind: SignInKind = {
  kind: 'user',
  findByEmail: async ({ db, email }) => {
    const rows = await userRepository(db).findActiveInAnyTenant({ email });
    return rows.map((row) => ({ tenantId: row.tenantId, subjectId: row.id, tenantName: row.tenantName, name: row.name }));
  },
  resolve: async ({ db, tenantId, subjectId, sessionId }) => {
    const user = await userRepository(db).find({ tenantId, id: subjectId });
    if (!user || !user.active) return null;
    const role = user.role as Role;
    return {
      kind: 'user',
      tenantId,
      subjectId,
      role,
      name: user.name,
      email: user.email,
      api: { tenantId, userId: user.id, tokenId: `session:${sessionId}`, role, employerId: user.employerId },
    };
  },
  home: (principal) => (principal.api && isStaff(principal.api) ? '/werkplek' : '/werkgever'),
};
