import type { Principal } from './roles.js';

/**
 * What a caller can see: always one tenant; for employer users also one employer. Repositories
 * filter every query on it, so another tenant's or employer's id simply is not found (404).
 */
export type Scope = { tenantId: string; employerId: string | null };

export function scopeOf(principal: Principal): Scope {
  return { tenantId: principal.tenantId, employerId: principal.role === 'employer' ? principal.employerId : null };
}
