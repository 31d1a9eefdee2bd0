import t from 'tap';
import { reindexTenant } from '../../src/search/search.sync.js';
import { createTaxonomyService } from '../../src/taxonomy/taxonomy.service.js';
import { intakeV2 } from '../support/factories.js';
import { searchWorld } from './fixtures.js';
import { buildSearchApp } from './search-app.js';

/*
 * REQUIREMENTS P4: the search index holds only the fields staff search on. Every document of every
 * index under this file's prefix is scanned for forbidden keys (at any depth) and for the values of
 * contact data, barriers and assessments that the jobseekers were given.
 */

/** Keys that must never appear in an index document: contact data, special-category data, scores. */
const FORBIDDEN_KEY =
  /^(e-?mail|phone|telephone|mobile|street|house_?number|address|postcode$|postal|zip|city_?of_?birth|date_?of_?birth|birth|age$|gender|sex|nationality|origin|ethnic|barriers?|domain|severity|solvable|action|health|medical|debts?|finances?|benefit|income|motivation|potential|assessments?|score|evidence|audit|fairness|consent|diploma|education|description|months|notes?$|care)/i;

function keysOf(value: unknown, path = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => keysOf(item, `${path}[${index}]`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => [`${path}.${key}`, ...keysOf(item, `${path}.${key}`)]);
  }
  return [];
}

t.test('no forbidden field or value in any document of any index (P4)', async (t) => {
  const { app, database, drain, client, prefix, db } = await buildSearchApp(t);
  const { world } = await searchWorld(app, database.db);
  await drain();
  // The rebuild path writes documents too; and the taxonomy indexes live under the same prefix.
  await reindexTenant({ db, search: client, prefix, tenantId: world.tenantId });
  await createTaxonomyService({ db, search: client, indexPrefix: prefix, clock: { now: () => new Date() } }).ensureIndexed();

  const intake = intakeV2().answers;
  const forbiddenValues = [
    'voorbeeld.example', // e-mail addresses of the fixture jobseekers
    '06 9876 5432',
    'Stationsstraat',
    '1988-04-01',
    intake.motivation.evidence,
    intake.learningAbility.evidence,
    ...intake.barriers.flatMap((barrier) =>
      [barrier.action, 'description' in barrier ? barrier.description : undefined].filter((text): text is string => Boolean(text)),
    ),
    'finances',
    // Experience is searched on by its titles, but never care at home (mantelzorg: the health of
    // someone close), never a description, and never a title with a word that points at debts or health.
    'Mantelzorg',
    'schuldhulp',
    'Bezorgen met een bestelbus',
    'months',
  ];

  const { results: indexes } = await client.getIndexes({ limit: 1000 });
  const mine = indexes.filter((index) => index.uid.startsWith(prefix));
  t.equal(mine.length, 4, 'candidates, vacancies, occupations, skills');
  let scanned = 0;
  for (const index of mine) {
    for (let offset = 0; ; offset += 500) {
      const { results } = await client.index(index.uid).getDocuments({ limit: 500, offset });
      for (const document of results) {
        scanned += 1;
        const badKeys = keysOf(document).filter((path) => FORBIDDEN_KEY.test(path.slice(path.lastIndexOf('.') + 1)));
        t.same(badKeys, [], `${index.uid} ${String(document.id)}: no forbidden keys`);
        const text = JSON.stringify(document);
        const badValues = forbiddenValues.filter((value) => text.toLowerCase().includes(value.toLowerCase()));
        t.same(badValues, [], `${index.uid} ${String(document.id)}: no contact, barrier or assessment values`);
      }
      if (results.length < 500) break;
    }
  }
  t.ok(scanned > 40, `${scanned} documents scanned`);

  const candidateIndex = mine.find((index) => index.uid.startsWith(`${prefix}candidates_`))!;
  const [person] = (await client.index(candidateIndex.uid).getDocuments({ limit: 1 })).results;
  t.same(
    Object.keys(person!).sort(),
    [
      'accountManagerId',
      'accountManagerName',
      'certificates',
      'competencies',
      'compoundParts',
      'conceptLabels',
      'contentHash',
      'dayParts',
      'drivingLicences',
      'experience',
      'experienceKinds',
      'hoursBand',
      'hoursNow',
      'hoursTarget',
      'id',
      'mobilityModes',
      'municipality',
      'name',
      'nights',
      'occupationAltLabels',
      'reference',
      'slots',
      'status',
      'updatedAt',
      'volunteering',
      'weekends',
      'wishOccupations',
      'wishSectors',
      'wishTitles',
    ],
    'a candidate document holds exactly the allow-listed fields',
  );

  // The experience that is indexed: titles of work and volunteering, as strings only (no kind, months or description).
  const people = (await client.index(candidateIndex.uid).getDocuments({ limit: 100 })).results;
  const indexed = people.flatMap((document) => [...(document.experience as string[]), ...(document.volunteering as string[])]).sort();
  t.same(indexed, ['Heftruckchauffeur bij een distributiecentrum', 'Voedselbank: pakketten inpakken'], 'only the titles of work and volunteering');
});
