import type { TokenRow, UserRow } from './users.repository.js';
import type { TokenView, UserView } from './users.schemas.js';

/* Presenters: stored rows → the shapes of the API. No I/O. */

export function toUserView(row: UserRow): UserView {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role as UserView['role'],
    employerId: row.employerId,
    active: row.active,
    createdAt: row.createdAt.toISOString(),
  };
}

export function toTokenView(row: TokenRow): TokenView {
  return {
    id: row.id,
    userId: row.userId,
    label: row.label,
    prefix: row.prefix,
    expiresAt: row.expiresAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}
