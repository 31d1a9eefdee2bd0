import type { FastifyInstance } from 'fastify';
import { bearer, createCandidate, intakeV2, vacancyBody, type TenantWorld } from '../support/factories.js';

/**
 * A vacancy of employer A with a shortlist sent to it through the staff API: `count` candidates, each
 * with an intake (including barriers that must never reach the employer), consent to share, a pitch
 * and an approval. `discloseIdentity` lists which of them (by index) also agree to share their name;
 * `eligibility` is what staff state for every entry, `instrumentConsent` lists who agree that the
 * employer sees the instruments that disclose a protected fact (issue 11.11).
 * `vacancyId` puts the list on an existing open vacancy instead of a new one.
 */
export async function sentShortlist(
  app: FastifyInstance,
  world: TenantWorld,
  {
    count = 2,
    discloseIdentity = [] as number[],
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- tsc needs it (it fails without; the rule misreads this type)
    side = 'employerA' as 'employerA' | 'employerB',
    eligibility = undefined as { doelgroepregister: boolean; reducedWageValue: boolean } | undefined,
    instrumentConsent = [] as number[],
    vacancyId: existing = undefined as string | undefined,
  } = {},
): Promise<{ shortlistId: string; vacancyId: string; candidates: Array<{ id: string; reference: string }> }> {
  const owner = world[side];
  let vacancyId = existing;
  if (!vacancyId) {
    const vacancy = await app.inject({
      method: 'POST',
      url: '/v1/vacancies',
      headers: bearer(world.employerRelations),
      payload: vacancyBody({ employerId: owner.employer.id, locationId: owner.location.id, status: 'open', supportOffered: ['job_coach', 'trial_placement'] }),
    });
    if (vacancy.statusCode !== 201) throw new Error(`vacancy: ${vacancy.body}`);
    vacancyId = vacancy.json().id as string;
  }
  const shortlist = await app.inject({
    method: 'POST',
    url: `/v1/vacancies/${vacancyId}/shortlists`,
    headers: bearer(world.accountManager),
    payload: { noteToEmployer: 'Twee mensen die goed passen.' },
  });
  if (shortlist.statusCode !== 201) throw new Error(`shortlist: ${shortlist.body}`);
  const shortlistId = shortlist.json().id as string;
  const candidates: Array<{ id: string; reference: string }> = [];
  for (let index = 0; index < count; index += 1) {
    const candidate = await createCandidate(app, world.accountManager);
    candidates.push(candidate);
    const intake = await app.inject({
      method: 'POST',
      url: `/v1/candidates/${candidate.id}/intakes`,
      headers: bearer(world.accountManager),
      payload: intakeV2(),
    });
    if (intake.statusCode !== 201) throw new Error(`intake: ${intake.body}`);
    for (const purpose of [
      'share_with_employers',
      ...(discloseIdentity.includes(index) ? ['disclose_identity'] : []),
      ...(instrumentConsent.includes(index) ? ['share_instrument_eligibility'] : []),
    ]) {
      const consent = await app.inject({
        method: 'POST',
        url: `/v1/candidates/${candidate.id}/consents`,
        headers: bearer(world.accountManager),
        payload: { purpose, textVersion: '2026-1' },
      });
      if (consent.statusCode !== 201) throw new Error(`consent: ${consent.body}`);
    }
    const entry = await app.inject({
      method: 'POST',
      url: `/v1/shortlists/${shortlistId}/candidates`,
      headers: bearer(world.accountManager),
      payload: {
        candidateId: candidate.id,
        ...(eligibility ? { eligibility } : {}),
        pitch: {
          strengths: `Pakt pakketten snel en netjes in (kandidaat ${index + 1}). Komt altijd op tijd.`,
          support: 'De eerste weken werkt een vaste collega mee.',
          startPlan: 'Begint met 16 uur per week en groeit in twee maanden naar 32 uur.',
        },
      },
    });
    if (entry.statusCode !== 201) throw new Error(`entry: ${entry.body}`);
    const approval = await app.inject({
      method: 'POST',
      url: `/v1/shortlists/${shortlistId}/candidates/${candidate.id}/approve`,
      headers: bearer(world.accountManager),
    });
    if (approval.statusCode !== 200) throw new Error(`approve: ${approval.body}`);
  }
  const sent = await app.inject({ method: 'POST', url: `/v1/shortlists/${shortlistId}/send`, headers: bearer(world.accountManager) });
  if (sent.statusCode !== 200) throw new Error(`send: ${sent.body}`);
  return { shortlistId, vacancyId, candidates };
}
