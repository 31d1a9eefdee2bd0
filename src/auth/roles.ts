export const STAFF_ROLES = ['account_manager', 'employer_relations', 'admin'] as const;
export const ROLES = [...STAFF_ROLES, 'employer'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
export type Role = (typeof ROLES)[number];

/** Roles that exist on the pages only: people signed in without an API role (see src/pages). */
export type PageRole = Role | 'jobseeker';

/** Who may call a route: 'public', or the roles allowed. Every route declares one (REQUIREMENTS A5). */
export type Access = 'public' | readonly PageRole[];

/** Common access lists, so that routes read as policy. */
export const access = {
  public: 'public',
  anyone: ROLES,
  staff: STAFF_ROLES,
  admin: ['admin'],
  /** Employer-side work: the employer itself, and the staff who manage employers. */
  employerSide: ['employer', 'employer_relations', 'admin'],
  /** Reading employer-side data: as above, plus account managers who match candidates to it. */
  employerSideRead: ['employer', 'employer_relations', 'admin', 'account_manager'],
  employerStaff: ['employer_relations', 'admin'],
  /** The employer itself: its own answers about its hires (check-ins, issue 15.5). */
  employerOnly: ['employer'],
  /** Work on jobseekers' profiles: account managers and admins. */
  caseworkers: ['account_manager', 'admin'],
} as const satisfies Record<string, Access>;

/** The authenticated caller. Employer users carry the one employer they are bound to. */
export type Principal = {
  tenantId: string;
  userId: string;
  tokenId: string;
  role: Role;
  /** Set for employer users only: every employer-owned object is filtered on it. */
  employerId: string | null;
};

export function isStaff(principal: Principal): boolean {
  return principal.role !== 'employer';
}
