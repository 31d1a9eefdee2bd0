import t from 'tap';
import { jobseeker, searchWorld } from './fixtures.js';
import { buildSearchApp, get } from './search-app.js';

/*
 * The search cases of issue 18.7, as staff meet them, through the API on a real Meilisearch:
 * experience and volunteering are searchable, everyday words find what ESCO's words find (both
 * ways), a competence is found by its concept's other labels, and what is private stays out.
 */

type Body = { items: Array<{ name?: string; title?: string; experience?: string[]; volunteering?: string[]; highlights: Record<string, string[]> }> };
const names = (body: Body) => body.items.map((item) => item.name!).sort();
const titles = (body: Body) => body.items.map((item) => item.title!).sort();

t.test('search cases of issue 18.7', async (t) => {
  const { app, database, drain } = await buildSearchApp(t);
  const { world } = await searchWorld(app, database.db);
  const week = { mon: ['day' as const], wed: ['day' as const] };
  // Forklift experience without a forklift wish: once as a confirmed competence, once as a job held.
  await jobseeker(app, world, {
    givenName: 'Kees',
    familyName: 'Hendriks',
    postcode: '5038 AB',
    titles: ['productiemedewerker'],
    competencies: ['heftruck rijden'],
    week,
  });
  await jobseeker(app, world, {
    givenName: 'Ayoub',
    familyName: 'Kaya',
    postcode: '5038 AB',
    titles: ['orderpicker'],
    competencies: [],
    week,
    certificates: ['Certificaat heftruckchauffeur'],
  });
  await jobseeker(app, world, {
    givenName: 'Bram',
    familyName: 'Dekker',
    postcode: '5038 AB',
    titles: ['inpakker'],
    competencies: [],
    week,
    experience: [{ kind: 'paid', title: 'Reachtruckchauffeur bij een koelhuis', months: 12 }],
  });
  // Cleaning, in ESCO's words and in everyday words.
  await jobseeker(app, world, {
    givenName: 'Anouk',
    familyName: 'Smit',
    postcode: '5038 AB',
    titles: ['huishoudelijke hulp'],
    competencies: ['schoonmaken in huis'],
    week,
  });
  await jobseeker(app, world, {
    givenName: 'Lies',
    familyName: 'Peeters',
    postcode: '5038 AB',
    titles: ['gastvrouw'],
    competencies: [],
    week,
    experience: [{ kind: 'paid', title: 'Poetsen in een hotel', months: 24 }],
  });
  t.match(await drain(), { unavailable: false, failed: 0 });
  const staff = world.accountManager;
  const people = async (q: string) => (await get(app, staff, `/v1/search/candidates?q=${encodeURIComponent(q)}`)).body as Body;
  const jobs = async (q: string) => (await get(app, staff, `/v1/search/vacancies?q=${encodeURIComponent(q)}`)).body as Body;

  await t.test('"voedselbank" finds whoever volunteered there', async (t) => {
    const found = await people('voedselbank');
    t.same(names(found), ['Joost de Vries']);
    t.same(found.items[0]!.volunteering, ['Voedselbank: pakketten inpakken'], 'the hit shows the volunteering');
    t.same(found.items[0]!.highlights.volunteering, ['<mark>Voedselbank</mark>: pakketten inpakken'], 'and why it was found');
    t.same(names(await people('vrijwilligerswerk')), ['Joost de Vries'], 'volunteers by the word for it');
    t.same(names(await people('distributiecentrum')), ['Fatima Yilmaz'], 'paid work experience too');
  });

  await t.test('"poetsen" finds whom "schoonmaken" finds, and the other way round', async (t) => {
    const cleaning = names(await people('schoonmaken'));
    t.ok(cleaning.includes('Anouk Smit'), '"schoonmaken" finds the competence "schoonmaken in huis"');
    t.ok(cleaning.includes('Lies Peeters'), '"schoonmaken" finds experience written as "poetsen"');
    t.same(names(await people('poetsen')), cleaning, '"poetsen" finds the same people');
    const cleaningJobs = titles(await jobs('schoonmaken'));
    t.ok(cleaningJobs.includes('Schoonmaker kantoren'));
    t.same(titles(await jobs('poetsen')), cleaningJobs, 'and the same vacancies');
  });

  await t.test('"reachtruck" finds the vacancy and the people with forklift experience', async (t) => {
    t.ok(titles(await jobs('reachtruck')).includes('Reachtruckchauffeur nachtdienst'));
    const found = names(await people('reachtruck'));
    t.ok(found.includes('Kees Hendriks'), 'the competence "heftruck rijden" (its concept is also called "reachtruck rijden")');
    t.ok(found.includes('Fatima Yilmaz'), 'experience as heftruckchauffeur (an occupation also called reachtruckchauffeur)');
    t.ok(found.includes('Bram Dekker'), 'experience as reachtruckchauffeur');
    t.ok(found.includes('Ayoub Kaya'), 'a forklift certificate (named after the occupation)');
    const forklift = names(await people('heftruck'));
    t.ok(forklift.includes('Bram Dekker'), 'and "heftruck" finds the reachtruck driver');
    t.notOk(found.includes('Anouk Smit') || found.includes('Sanne Bakker'), 'not the cleaners');
  });

  await t.test('what is private is not found', async (t) => {
    t.same((await people('mantelzorg')).items, [], 'care at home is not searchable');
    t.same((await people('schuldhulp')).items, [], 'an experience title that points at debts stays out');
    t.same((await people('bestelbus')).items, [], 'descriptions stay out');
  });
});
