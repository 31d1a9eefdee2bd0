import { randomBytes } from 'node:crypto';
import type { Database } from '../../db/client.js';
import { bearer, buildTenant, createCandidate, intakeV2, vacancyBody } from '../support/factories.js';
import { buildTestApp, fixedClock } from '../support/harness.js';

type Teardown = Parameters<typeof buildTestApp>[0];

/** A day shift Monday to Friday, which the standard intake's availability (early and day) covers. */
export const dayShift = {
  kind: 'fixed',
  shifts: [{ dayPart: 'day', start: '08:00', end: '16:30', weekdays: ['mon', 'tue', 'wed', 'thu', 'fri'] }],
};

/**
 * A tenant with an open vacancy at employer A and helpers to make candidates with an intake and
 * the consents a test needs. The clock stands still on 25 November 2026.
 */
export async function shortlistWorld(t: Teardown, vacancyOverrides: Record<string, unknown> = {}, options: { database?: Database } = {}) {
  const clock = fixedClock();
  const { app, database } = await buildTestApp(t, { clock, ...options });
  const world = await buildTenant(database.db, { clock });
  const staff = world.accountManager;
  const employer = world.employerA.user;

  async function openVacancy(overrides: Record<string, unknown> = {}, side: 'employerA' | 'employerB' = 'employerA') {
    const response = await app.inject({
      method: 'POST',
      url: '/v1/vacancies',
      headers: bearer(world.employerRelations),
      payload: {
        ...vacancyBody({ employerId: world[side].employer.id, locationId: world[side].location.id }),
        shiftPattern: dayShift,
        status: 'open',
        startDate: '2026-12-14',
        supportOffered: ['trial_placement'],
        ...vacancyOverrides,
        ...overrides,
      },
    });
    if (response.statusCode !== 201) throw new Error(`vacancy fixture failed: ${response.statusCode} ${response.body}`);
    return response.json().id as string;
  }

  const vacancyId = await openVacancy();

  /** A person with an intake; by default consenting to be shared, not (yet) to disclose identity. */
  async function person(options: { share?: boolean; identity?: boolean; instruments?: boolean; dateOfBirth?: string; status?: string } = {}) {
    const familyName = `Jansen-${randomBytes(3).toString('hex')}`;
    const contact = {
      givenName: 'Samira',
      familyName,
      email: `samira.${familyName.toLowerCase()}@voorbeeld.example`,
      phone: '06 1234 5678',
      dateOfBirth: options.dateOfBirth ?? '1988-03-14',
    };
    const candidate = await createCandidate(app, staff, { contact });
    const intake = await app.inject({ method: 'POST', url: `/v1/candidates/${candidate.id}/intakes`, headers: bearer(staff), payload: intakeV2() });
    if (intake.statusCode !== 201) throw new Error(`intake fixture failed: ${intake.body}`);
    const consents: Record<string, string> = {};
    for (const purpose of [
      options.share !== false ? 'share_with_employers' : null,
      options.identity ? 'disclose_identity' : null,
      options.instruments ? 'share_instrument_eligibility' : null,
    ]) {
      if (!purpose) continue;
      const response = await app.inject({
        method: 'POST',
        url: `/v1/candidates/${candidate.id}/consents`,
        headers: bearer(staff),
        payload: { purpose, textVersion: '2026-1' },
      });
      if (response.statusCode !== 201) throw new Error(`consent fixture failed: ${response.body}`);
      consents[purpose] = response.json().id;
    }
    if (options.status) {
      await app.inject({ method: 'PATCH', url: `/v1/candidates/${candidate.id}`, headers: bearer(staff), payload: { status: options.status } });
    }
    return { id: candidate.id, reference: candidate.reference, contact, consents };
  }

  async function newShortlist(forVacancy = vacancyId): Promise<string> {
    const response = await app.inject({ method: 'POST', url: `/v1/vacancies/${forVacancy}/shortlists`, headers: bearer(staff), payload: {} });
    if (response.statusCode !== 201) throw new Error(`shortlist fixture failed: ${response.statusCode} ${response.body}`);
    return response.json().id;
  }

  const inject = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, as: { token: string } = staff, payload?: unknown) =>
    app.inject({ method, url, headers: bearer(as), ...(payload !== undefined ? { payload: payload as object } : {}) });

  /** Adds, approves: the usual way onto a list. */
  async function addApproved(shortlistId: string, candidateId: string, body: Record<string, unknown> = {}) {
    const added = await inject('POST', `/v1/shortlists/${shortlistId}/candidates`, staff, {
      candidateId,
      pitch: { strengths: 'Betrouwbaar, leert snel' },
      ...body,
    });
    if (added.statusCode !== 201) throw new Error(`entry fixture failed: ${added.body}`);
    const approved = await inject('POST', `/v1/shortlists/${shortlistId}/candidates/${candidateId}/approve`);
    if (approved.statusCode !== 200) throw new Error(`approval fixture failed: ${approved.body}`);
    return approved.json();
  }

  return { app, database, world, clock, staff, employer, vacancyId, openVacancy, person, newShortlist, inject, addApproved };
}
