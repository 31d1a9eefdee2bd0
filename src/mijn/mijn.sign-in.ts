import { jobseekerRepository } from '../jobseeker/jobseeker.repository.js';
import type { SignInKind } from '../pages/sessions.service.js';

/**
 * Jobseekers sign in as 'jobseeker' (issue 17, point 6): by a one-time link mailed to the address
 * the Werkplein has for them, or by a code their klantmanager gives them. The subject is the
 * candidate id; the principal has no API role (`api: null`), so a jobseeker's session opens /mijn
 * and nothing else: not the werkplek, not the employer pages, not the JSON API.
 *
 * DigiD would be a third way in: the municipality's broker (OIDC or SAML) vouches for a BSN, the
 * Werkplein maps it to the candidate, and `sessions.signIn({ kind: 'jobseeker', subjectId, method:
 * 'digid' })` starts the same session (see README, "Mijn Werkplein").
 */
export const jobseekerSignInKind: SignInKind = {
  kind: 'jobseeker',
  findByEmail: async ({ db, email }) => {
    const rows = await jobseekerRepository(db).accountsByEmail(email);
    return rows.map((row) => ({ tenantId: row.tenantId, subjectId: row.candidateId, tenantName: row.tenantName, name: `${row.givenName} ${row.familyName}` }));
  },
  resolve: async ({ db, tenantId, subjectId }) => {
    const person = await jobseekerRepository(db).signedIn(tenantId, subjectId);
    if (!person) return null;
    return {
      kind: 'jobseeker',
      tenantId,
      subjectId,
      role: 'jobseeker',
      name: `${person.givenName} ${person.familyName}`,
      email: person.email ?? '',
      api: null,
    };
  },
  home: () => '/mijn',
};
