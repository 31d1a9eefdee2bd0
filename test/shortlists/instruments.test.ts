import { eq } from 'drizzle-orm';
import t from 'tap';
import { tenants } from '../../db/schema/index.js';
import { tenantSettingsSchema, type TenantSettings } from '../../src/settings/settings.schemas.js';
import { ageOn, eligibleInstruments, localiseOffers, readEntryInstruments, type InstrumentInput } from '../../src/shortlists/instruments.js';
import { shortlistWorld } from './fixtures.js';

const defaults: TenantSettings = tenantSettingsSchema.parse({});
const none = { doelgroepregister: false, reducedWageValue: false };

function codes(input: Partial<InstrumentInput> & { enabled?: string[] }): string[] {
  const settings = {
    instruments: { ...defaults.instruments, ...(input.enabled ? { enabled: input.enabled as TenantSettings['instruments']['enabled'] } : {}) },
  };
  return eligibleInstruments({
    settings,
    eligibility: input.eligibility ?? none,
    supportOffered: input.supportOffered ?? [],
    dateOfBirth: input.dateOfBirth ?? null,
    startDate: input.startDate ?? '2026-12-01',
  }).map((offer) => offer.code);
}

t.test('which instrument applies when (table)', async (t) => {
  const cases: Array<{ name: string; input: Parameters<typeof codes>[0]; expected: string[] }> = [
    { name: 'nothing stated, nothing offered', input: {}, expected: [] },
    {
      name: 'reduced wage value: loonkostensubsidie and no-riskpolis',
      input: { eligibility: { doelgroepregister: false, reducedWageValue: true } },
      expected: ['loonkostensubsidie', 'no_riskpolis'],
    },
    {
      name: 'doelgroepregister: no-riskpolis, jobcoach, LKV banenafspraak',
      input: { eligibility: { doelgroepregister: true, reducedWageValue: false } },
      expected: ['no_riskpolis', 'jobcoach', 'lkv_banenafspraak'],
    },
    { name: 'trial placement offered by the vacancy', input: { supportOffered: ['trial_placement'] }, expected: ['proefplaatsing'] },
    { name: 'job coach offered by the vacancy', input: { supportOffered: ['job_coach', 'buddy'] }, expected: ['jobcoach'] },
    {
      name: 'a tenant that switched instruments off',
      input: { eligibility: { doelgroepregister: true, reducedWageValue: true }, enabled: ['jobcoach'] },
      expected: ['jobcoach'],
    },
    { name: 'LKV 56+: 56 on the start date', input: { dateOfBirth: '1970-12-01', startDate: '2026-12-01' }, expected: ['lkv_oudere_werknemer'] },
    { name: 'LKV 56+: one day short of 56', input: { dateOfBirth: '1970-12-02', startDate: '2026-12-01' }, expected: [] },
    { name: 'LKV 56+: start on the phase-out end', input: { dateOfBirth: '1960-01-01', startDate: '2026-12-31' }, expected: ['lkv_oudere_werknemer'] },
    { name: 'LKV 56+: start after the phase-out end', input: { dateOfBirth: '1960-01-01', startDate: '2027-01-01' }, expected: [] },
    { name: 'LKV 56+: no date of birth, no guess', input: { dateOfBirth: null }, expected: [] },
    {
      name: 'the LIV is never offered, even when configured',
      input: { enabled: ['liv', 'lkv_banenafspraak'], eligibility: { doelgroepregister: true, reducedWageValue: true } },
      expected: ['lkv_banenafspraak'],
    },
  ];
  for (const { name, input, expected } of cases) t.same(codes(input), expected, name);
});

t.test('the phase-out end is the tenant’s setting, and the reason says so', async (t) => {
  const settings = { instruments: { ...defaults.instruments, lkvOlderWorkerPhaseOutEnd: '2027-06-30' } };
  const [offer] = eligibleInstruments({ settings, eligibility: none, supportOffered: [], dateOfBirth: '1960-01-01', startDate: '2027-03-01' });
  t.equal(offer?.code, 'lkv_oudere_werknemer');
  t.match(offer?.reason, /afgebouwd.*tot en met 30-06-2027/);
  t.equal(offer?.source, 'Wet tegemoetkomingen loondomein');
  t.notMatch(offer?.reason, /\b(19|20)\d\d-\d\d-\d\d\b|56|bijstand|uitkering/i, 'no age, no date of birth, no benefit in the reason');
});

t.test('every offer has a name, a plain reason and its legal ground; English on request', async (t) => {
  const offers = eligibleInstruments({
    settings: defaults,
    eligibility: { doelgroepregister: true, reducedWageValue: true },
    supportOffered: ['trial_placement', 'job_coach'],
    dateOfBirth: '1962-04-01',
    startDate: '2026-12-01',
  });
  t.equal(offers.length, 6);
  const sources = Object.fromEntries(offers.map((offer) => [offer.code, offer.source]));
  t.equal(sources.loonkostensubsidie, 'Participatiewet, artikel 10d');
  t.equal(sources.no_riskpolis, 'Ziektewet, artikel 29b');
  for (const offer of offers) {
    t.ok(offer.name && offer.reason && offer.source, `${offer.code} is complete`);
    t.notMatch(offer.reason, /bijstand|uitkering/i, `${offer.code}: the reason does not label the person`);
  }
  t.match(offers.find((offer) => offer.code === 'proefplaatsing')?.reason, /hooguit 2 maanden/);
  const english = localiseOffers(offers, 'en', defaults);
  t.match(english[0], { code: 'loonkostensubsidie', name: /Wage cost subsidy/, source: 'Participatiewet, artikel 10d' });
  t.same(localiseOffers([{ code: 'liv', name: 'LIV', reason: 'x', source: 'y' }], 'en', defaults)[0]?.code, 'liv', 'unknown codes stay as stored');
  t.equal(ageOn('2000-02-29', '2026-02-28'), 25);
  t.equal(ageOn('2000-02-29', '2026-03-01'), 26);
});

t.test('stored instruments are read leniently', async (t) => {
  t.same(readEntryInstruments(null), { eligibility: none, offers: [] });
  t.same(readEntryInstruments([{ code: 'jobcoach', name: 'Jobcoach', reason: 'r', source: 's' }]).offers.length, 1);
  t.same(readEntryInstruments({ eligibility: { doelgroepregister: true }, offers: [] }).eligibility, { doelgroepregister: true, reducedWageValue: false });
});

t.test('the LIV never reaches an employer, even when it is written into the settings', async (t) => {
  const scene = await shortlistWorld(t, { supportOffered: [] });
  const { inject, person, newShortlist, database, world, employer } = scene;
  const viaApi = await inject('PATCH', '/v1/settings', world.admin, { instruments: { enabled: ['liv', 'jobcoach'] } });
  t.equal(viaApi.statusCode, 400, 'the settings API refuses it');
  await database.db
    .update(tenants)
    .set({
      settings: { instruments: { enabled: ['liv', 'lkv_banenafspraak', 'jobcoach'], lkvOlderWorkerPhaseOutEnd: '2026-12-31', proefplaatsingMaxMonths: 2 } },
    })
    .where(eq(tenants.id, world.tenantId));
  const shortlistId = await newShortlist();
  const samira = await person();
  const entry = await scene.addApproved(shortlistId, samira.id, { eligibility: { doelgroepregister: true, reducedWageValue: true } });
  t.notOk(entry.instruments.some((offer: { code: string }) => offer.code === 'liv'));
  await inject('POST', `/v1/shortlists/${shortlistId}/send`);
  const view = (await inject('GET', `/v1/shortlists/${shortlistId}`, employer)).json();
  t.ok(view.entries[0].instruments.length > 0);
  t.notOk(
    view.entries[0].instruments.some((offer: { code: string }) => offer.code === 'liv'),
    'no LIV',
  );
  t.notMatch(JSON.stringify(view).toLowerCase(), /lage-inkomensvoordeel|"liv"/);
});

t.test('the eligibility facts are stated by staff and kept with the entry', async (t) => {
  const scene = await shortlistWorld(t, { supportOffered: [] });
  const { inject, person, newShortlist } = scene;
  const shortlistId = await newShortlist();
  const samira = await person();
  const added = await inject('POST', `/v1/shortlists/${shortlistId}/candidates`, undefined, { candidateId: samira.id, pitch: { strengths: 'Nauwkeurig' } });
  t.same(added.json().eligibility, none, 'nothing is inferred (not from barriers either)');
  t.same(added.json().instruments, []);
  await inject('POST', `/v1/shortlists/${shortlistId}/candidates/${samira.id}/approve`);
  const updated = await inject('PATCH', `/v1/shortlists/${shortlistId}/candidates/${samira.id}`, undefined, { eligibility: { reducedWageValue: true } });
  t.same(updated.json().eligibility, { doelgroepregister: false, reducedWageValue: true });
  t.same(
    updated.json().instruments.map((offer: { code: string }) => offer.code),
    ['loonkostensubsidie', 'no_riskpolis'],
  );
  t.equal(updated.json().approval, null, 'new facts need a new approval');
});

t.test('instruments that disclose a protected fact reach the employer only with consent for them (issue 11.11)', async (t) => {
  const scene = await shortlistWorld(t, { supportOffered: ['job_coach'] });
  const { inject, person, newShortlist, employer } = scene;
  const shortlistId = await newShortlist();
  // 66 on the vacancy's start date, and in the doelgroepregister.
  const samira = await person({ dateOfBirth: '1960-05-01' });
  const disclosing = ['no_riskpolis', 'lkv_banenafspraak', 'lkv_oudere_werknemer'];
  const entry = await scene.addApproved(shortlistId, samira.id, { eligibility: { doelgroepregister: true, reducedWageValue: false } });
  const staffCodes = entry.instruments.map((offer: { code: string }) => offer.code);
  t.same(staffCodes, ['no_riskpolis', 'jobcoach', 'lkv_banenafspraak', 'lkv_oudere_werknemer'], 'staff see every instrument');
  for (const offer of entry.instruments as Array<{ code: string; needsConsent: boolean; heldBack: boolean }>) {
    const needs = disclosing.includes(offer.code);
    t.same({ needsConsent: offer.needsConsent, heldBack: offer.heldBack }, { needsConsent: needs, heldBack: needs }, `${offer.code} is marked for staff`);
  }
  t.equal(entry.consents.instrumentEligibility, false);
  t.equal((await inject('POST', `/v1/shortlists/${shortlistId}/send`)).statusCode, 200);

  const employerCodes = async () => {
    const view = (await inject('GET', `/v1/shortlists/${shortlistId}`, employer)).json();
    return { codes: view.entries[0].instruments.map((offer: { code: string }) => offer.code) as string[], body: JSON.stringify(view) };
  };
  const without = await employerCodes();
  t.same(without.codes, ['jobcoach'], 'without consent only what says nothing about the person');
  t.notMatch(without.body, /no-riskpolis|banenafspraak|oudere werknemer|doelgroepregister/i, 'not in any text either');

  const consent = await inject('POST', `/v1/candidates/${samira.id}/consents`, undefined, { purpose: 'share_instrument_eligibility', textVersion: '2026-1' });
  t.equal(consent.statusCode, 201);
  t.same((await employerCodes()).codes, ['no_riskpolis', 'jobcoach', 'lkv_banenafspraak', 'lkv_oudere_werknemer'], 'with the consent, all of them');
  const staffView = (await inject('GET', `/v1/shortlists/${shortlistId}`)).json();
  t.equal(staffView.entries[0].consents.instrumentEligibility, true);
  t.notOk(
    staffView.entries[0].instruments.some((offer: { heldBack: boolean }) => offer.heldBack),
    'nothing held back any more',
  );

  const withdrawn = await inject('POST', `/v1/candidates/${samira.id}/consents/${consent.json().id}/withdraw`);
  t.ok(withdrawn.statusCode < 300, 'withdrawn');
  t.same((await employerCodes()).codes, ['jobcoach'], 'a withdrawal takes effect on the next read');

  const texts = (await inject('GET', '/v1/consent-texts')).json();
  t.match(
    texts.items.find((item: { purpose: string }) => item.purpose === 'share_instrument_eligibility')?.text,
    /56 jaar of ouder.*doelgroepregister/s,
    'the consent text says what the employer can tell',
  );
});
