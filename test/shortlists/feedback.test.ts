import { eq } from 'drizzle-orm';
import t from 'tap';
import { employerFeedback } from '../../db/schema/index.js';
import { checkProtectedGrounds, pitchWarnings } from '../../src/shortlists/protected-grounds.js';
import { shortlistWorld } from './fixtures.js';

t.test('protected grounds in feedback texts, Dutch and English (table)', async (t) => {
  const cases: Array<{ text: string; terms: string[]; grounds: string[] }> = [
    { text: 'Ze is te oud voor dit werk', terms: ['te oud'], grounds: ['age'] },
    { text: 'Helaas, ze is zwanger', terms: ['zwanger'], grounds: ['pregnancy'] },
    { text: 'Zwangerschap past nu niet in de planning', terms: ['zwanger'], grounds: ['pregnancy'] },
    { text: 'Klanten hebben moeite met haar hoofddoek', terms: ['hoofddoek'], grounds: ['religion'] },
    { text: 'Zijn afkomst past niet bij het team', terms: ['afkomst'], grounds: ['origin'] },
    { text: 'Te zwaar accent aan de telefoon', terms: ['accent'], grounds: ['origin'] },
    { text: 'Met een handicap lukt dit niet', terms: ['handicap'], grounds: ['disability'] },
    { text: 'Hij is chronisch ziek', terms: ['chronisch', 'ziek'], grounds: ['disability'] },
    { text: 'We zoeken liever een man', terms: ['man'], grounds: ['gender'] },
    { text: 'Buitenlandse naam, klanten vinden dat lastig', terms: ['buitenland'], grounds: ['origin'] },
    { text: 'She is too old and a woman', terms: ['too old', 'woman'], grounds: ['age', 'gender'] },
    { text: 'Pregnant, so not now', terms: ['pregnan'], grounds: ['pregnancy'] },
    { text: 'Wears a HEADSCARF', terms: ['headscarf'], grounds: ['religion'] },
    { text: 'Past niet: homo', terms: ['homo'], grounds: ['sexual_orientation'] },
    { text: 'Geen heftruckcertificaat en te weinig ervaring met scanners', terms: [], grounds: [] },
    { text: 'De vacature is al vervuld', terms: [], grounds: [] },
    { text: 'Zorgde jaren voor haar ouders; mooie ervaring', terms: [], grounds: [] },
    { text: 'Goed gesprek, manager was enthousiast', terms: [], grounds: [] },
  ];
  for (const { text, terms, grounds } of cases) {
    const check = checkProtectedGrounds(text);
    t.same({ terms: check.terms, grounds: check.grounds, flagged: check.flagged }, { terms, grounds, flagged: terms.length > 0 }, text);
  }
  t.same(checkProtectedGrounds(null), { flagged: false, terms: [], grounds: [] });
  t.same(pitchWarnings(['Zit in de bijstand en heeft schulden', null, 'Sterk in plannen']), ['bijstand', 'schulden']);
  t.same(pitchWarnings(['Werkt nauwkeurig', 'Maatje de eerste weken']), []);
});

t.test('employer feedback: structured reasons, and protected grounds flagged to staff', async (t) => {
  const scene = await shortlistWorld(t);
  const { inject, person, newShortlist, employer, database, world } = scene;
  const shortlistId = await newShortlist();
  const samira = await person();
  const daan = await person();
  const notShared = await person();
  await scene.addApproved(shortlistId, samira.id);
  await scene.addApproved(shortlistId, daan.id);
  await inject('POST', `/v1/shortlists/${shortlistId}/send`);
  await inject('POST', `/v1/shortlists/${shortlistId}/candidates`, undefined, { candidateId: notShared.id });

  const url = (candidateId: string) => `/v1/shortlists/${shortlistId}/candidates/${candidateId}/feedback`;
  const noReason = await inject('POST', url(samira.id), employer, { decision: 'decline' });
  t.equal(noReason.statusCode, 400, 'a decline needs a reason code');
  t.equal(noReason.json().code, 'feedback.reason_required');
  const otherWithoutText = await inject('POST', url(samira.id), employer, { decision: 'decline', reasonCode: 'other' });
  t.equal(otherWithoutText.statusCode, 400, '"other" needs words');
  const unknownCode = await inject('POST', url(samira.id), employer, { decision: 'decline', reasonCode: 'too_old' });
  t.equal(unknownCode.statusCode, 400, 'only the fixed reason codes');

  const invite = await inject('POST', url(samira.id), employer, { decision: 'invite', reasonText: 'Sterk profiel, graag een gesprek' });
  t.equal(invite.statusCode, 201, invite.body);
  t.same(
    Object.keys(invite.json()).sort(),
    ['candidateId', 'decision', 'givenAt', 'id', 'invitation', 'reasonCode', 'reasonText'],
    'the employer gets a receipt, not the flag',
  );

  const flagged = await inject('POST', url(daan.id), employer, {
    decision: 'decline',
    reasonCode: 'other',
    reasonText: 'Hij is eigenlijk te oud en heeft een accent',
  });
  t.equal(flagged.statusCode, 201);
  const [stored] = await database.db.select().from(employerFeedback).where(eq(employerFeedback.id, flagged.json().id));
  t.equal(stored!.protectedGroundFlag, true);
  t.same(stored!.flaggedTerms, ['te oud', 'accent']);
  t.equal(stored!.givenBy, employer.userId);

  const list = await inject('GET', '/v1/feedback/flagged');
  t.equal(list.statusCode, 200);
  t.equal(list.json().items.length, 1, 'only flagged feedback');
  t.match(list.json().items[0], {
    id: flagged.json().id,
    shortlistId,
    candidate: { id: daan.id, reference: daan.reference },
    employer: { id: world.employerA.employer.id },
    decision: 'decline',
    reasonCode: 'other',
    flaggedTerms: ['te oud', 'accent'],
    grounds: ['age', 'origin'],
    givenBy: { id: employer.userId },
  });
  t.equal((await inject('GET', '/v1/feedback/flagged', employer)).statusCode, 403, 'staff only');

  // Staff see the latest answer per entry, with the flag; the employer sees its own answer without it.
  const entries = (await inject('GET', `/v1/shortlists/${shortlistId}/candidates`)).json().items;
  t.match(entries.find((entry: { candidateId: string }) => entry.candidateId === daan.id).feedback, {
    decision: 'decline',
    protectedGroundFlag: true,
    grounds: ['age', 'origin'],
  });
  const employerView = (await inject('GET', `/v1/shortlists/${shortlistId}`, employer)).json();
  t.same(Object.keys(employerView.entries[1].feedback).sort(), ['decision', 'givenAt', 'invitation', 'reasonCode', 'reasonText']);

  // Staff may record an answer on the employer's behalf, but only for someone who was shared.
  const onBehalf = await inject('POST', url(samira.id), undefined, { decision: 'hire' });
  t.equal(onBehalf.statusCode, 201);
  const notYet = await inject('POST', url(notShared.id), undefined, { decision: 'invite' });
  t.equal(notYet.statusCode, 409);
  t.equal(notYet.json().code, 'feedback.not_shared');
  t.equal((await inject('POST', url(notShared.id), employer, { decision: 'invite' })).statusCode, 404, 'the employer cannot see an unshared candidate');
  t.equal((await inject('POST', url(samira.id), world.employerB.user, { decision: 'invite' })).statusCode, 404, 'nor another employer');
});
