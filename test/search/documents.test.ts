import t from 'tap';
import { buildCompoundVocabulary } from '../../search/dutch-text.js';
import { withCuratedSynonyms } from '../../search/lookup-query.js';
import { candidateDocument, contentHash, hoursBand, hoursBands, searchText, vacancyDocument, type SearchContext } from '../../search/search-documents.js';
import { candidateSearchRequest, quoteFilterValue, vacancySearchRequest } from '../../src/search/search.requests.js';
import { candidateSearchQuerySchema, vacancySearchQuerySchema } from '../../src/search/search.schemas.js';

/* The pure parts of search: documents, hashes, the query text and the filter expressions. */

const FORKLIFT = 'http://data.europa.eu/esco/occupation/eeac6251-1974-42f5-91ed-513c6c883755';
const OPERATE_FORKLIFT = 'http://data.europa.eu/esco/skill/0a1b2c3d-0000-4000-8000-000000000001';
const context: SearchContext = {
  vocabulary: buildCompoundVocabulary(['heftruckchauffeur', 'magazijnmedewerker', 'heftruck rijden']),
  occupations: new Map([[FORKLIFT, { label: 'heftruckchauffeur', altLabels: ['vorkheftruckbestuurder', 'reachtruckchauffeur'] }]]),
  skills: new Map([[OPERATE_FORKLIFT, { label: 'heftruck rijden', altLabels: ['heftruck besturen', 'reachtruck rijden'] }]]),
  occupationByWord: new Map([
    ['heftruckchauffeur', FORKLIFT],
    ['reachtruckchauffeur', FORKLIFT],
  ]),
  mayBePrivate: (text) => /schuld/i.test(text),
  synonyms: {},
};
const week = { mon: ['early', 'night'], tue: [], wed: [], thu: [], fri: [], sat: ['day'], sun: [] } as const;

const candidate = {
  id: '01a21417-0000-7000-8000-000000000001',
  reference: 'KR-7F3K9Q',
  status: 'active',
  givenName: 'Fatima',
  familyName: 'Yilmaz',
  accountManagerId: '01a21417-0000-7000-8000-000000000002',
  accountManagerName: 'Klantmanager Een',
  municipality: 'Tilburg',
  updatedAt: new Date('2026-11-25T09:00:00Z'),
  workWishes: { occupationUris: [FORKLIFT], titles: ['Magazijnmedewerker '], sectors: ['logistics'] },
  competencies: [{ label: 'heftruck rijden', level: 3 as const, evidence: 'observed' as const, note: 'rijdt veilig, ook achteruit' }],
  availability: { ...week, mon: [...week.mon], sat: [...week.sat], tue: [], wed: [], thu: [], fri: [], sun: [] },
  hoursNow: 16,
  hoursTarget: 24,
  mobility: { modes: ['bike'], drivingLicences: ['B'], maxTravelMinutes: 30 },
  certificates: ['VCA Basis'],
  experience: null,
};

t.test('a candidate document: what staff search on, derived and hashed', async (t) => {
  const document = candidateDocument(candidate, context);
  t.match(document, {
    name: 'Fatima Yilmaz',
    wishTitles: ['Magazijnmedewerker'],
    wishOccupations: ['heftruckchauffeur'],
    occupationAltLabels: ['vorkheftruckbestuurder', 'reachtruckchauffeur'],
    competencies: ['heftruck rijden'],
    dayParts: ['early', 'day', 'night'],
    slots: ['mon:early', 'mon:night', 'sat:day'],
    nights: true,
    weekends: true,
    hoursBand: '17-24',
    updatedAt: Date.parse('2026-11-25T09:00:00Z'),
  });
  t.ok(document.compoundParts.includes('magazijn') && document.compoundParts.includes('chauffeur'), 'compound parts');
  t.notOk(JSON.stringify(document).includes('achteruit'), 'competency notes stay out');
  t.equal(document.contentHash, contentHash(document), 'the hash covers everything but itself');
  t.equal(candidateDocument(candidate, context).contentHash, document.contentHash, 'the same content, the same hash');
  t.not(candidateDocument({ ...candidate, familyName: 'Yılmaz' }, context).contentHash, document.contentHash, 'any change, another hash');
  t.equal(contentHash({ b: 1, a: [1, { d: 2, c: 3 }] }), contentHash({ a: [1, { c: 3, d: 2 }], b: 1 }), 'key order does not matter');
  t.equal(candidateDocument({ ...candidate, accountManagerId: null }, context).accountManagerName, null);
  const empty = candidateDocument(
    { ...candidate, workWishes: null, competencies: null, availability: null, mobility: null, certificates: null, hoursTarget: null },
    context,
  );
  t.match(empty, { wishTitles: [], dayParts: [], slots: [], nights: false, weekends: false, hoursBand: null, mobilityModes: [] });
});

t.test('experience: titles of work and volunteering, never care at home, a description or a private word', async (t) => {
  const document = candidateDocument(
    {
      ...candidate,
      workWishes: null,
      competencies: [{ skillUri: OPERATE_FORKLIFT, label: 'heftruck rijden', level: 3, evidence: 'work_experience' }],
      experience: [
        { kind: 'paid', title: 'Heftruckchauffeur bij een distributiecentrum', description: 'gestopt na een burn-out', months: 30 },
        { kind: 'volunteer', title: 'Voedselbank: pakketten inpakken', months: 18 },
        { kind: 'informal', title: 'Fietsen repareren voor buren' },
        { kind: 'care', title: 'Mantelzorg voor moeder', months: 36 },
        { kind: 'paid', title: 'Werkervaringsplek via de schuldhulp' },
      ],
    },
    context,
  );
  t.same(document.experience, ['Heftruckchauffeur bij een distributiecentrum', 'Fietsen repareren voor buren']);
  t.same(document.volunteering, ['Voedselbank: pakketten inpakken']);
  t.same(document.experienceKinds, ['werkervaring', 'vrijwilligerswerk', 'informeel werk']);
  t.same(
    document.conceptLabels,
    ['heftruck besturen', 'reachtruck rijden', 'heftruckchauffeur', 'vorkheftruckbestuurder', 'reachtruckchauffeur'],
    "the competence's concept labels and the occupation an experience title names; the competence's own words once",
  );
  t.ok(document.compoundParts.includes('reachtruck'), 'compound parts of concept labels');
  const certified = candidateDocument({ ...candidate, workWishes: null, competencies: null, certificates: ['Certificaat heftruckchauffeur'] }, context);
  t.same(
    certified.conceptLabels,
    ['heftruckchauffeur', 'vorkheftruckbestuurder', 'reachtruckchauffeur'],
    'a certificate named after an occupation brings its other labels',
  );
  const text = JSON.stringify(document);
  for (const kept of ['burn-out', 'Mantelzorg', 'schuldhulp']) t.notOk(text.includes(kept), `"${kept}" stays out`);
});

t.test('a vacancy document', async (t) => {
  const document = vacancyDocument(
    {
      id: '01a21417-0000-7000-8000-000000000003',
      title: 'Heftruckchauffeur',
      occupationUri: FORKLIFT,
      employerId: '01a21417-0000-7000-8000-000000000004',
      employerName: 'De Hoge Wal',
      sector: 'logistics',
      city: 'Tilburg',
      municipality: 'Tilburg',
      status: 'open',
      dayParts: ['night', 'early'],
      nightWork: true,
      weekendWork: false,
      hoursMin: 24,
      hoursMax: 32,
      rampUpFromHours: 16,
      contractType: 'agency',
      positions: 3,
      startDate: null,
      competencies: [{ skillUri: OPERATE_FORKLIFT, label: 'heftruck rijden', importance: 'must' }],
      supportOffered: ['job_coach'],
      updatedAt: new Date(0),
    },
    context,
  );
  t.match(document, { occupation: 'heftruckchauffeur', dayParts: ['early', 'night'], hoursBands: ['17-24', '25-32'], support: ['job_coach'] });
  t.ok(document.compoundParts.includes('heftruck'));
  t.same(document.conceptLabels, ['heftruck besturen', 'reachtruck rijden'], "the competence's concept labels");
});

t.test('curated synonyms for staff search go both ways and join the taxonomy synonyms', async (t) => {
  const synonyms = withCuratedSynonyms({ schoonmaker: ['schoonmaakster'], schoonmaakster: ['schoonmaker'] });
  t.same(synonyms.poetsen, ['schoonmaken']);
  t.same(synonyms.schoonmaken, ['poetsen'], 'the other way round');
  t.same(synonyms.schoonmaker!.sort(), ['poetser', 'poetshulp', 'schoonmaakster'], 'merged with what the taxonomy gave');
  t.same(synonyms.poetshulp!.sort(), ['poetser', 'schoonmaker'], 'closed over a shared word');
  t.notOk('trekker' in synonyms || 'vrachtwagenchauffeur' in synonyms, 'one-way look-up hints stay one way');
});

t.test('hours bands', async (t) => {
  t.same([0, 16, 17, 24, 25, 32, 33, 48].map(hoursBand), ['0-16', '0-16', '17-24', '17-24', '25-32', '25-32', '33-48', '33-48']);
  t.same(hoursBands(12, 40), ['0-16', '17-24', '25-32', '33-48']);
  t.same(hoursBands(36, 36), ['33-48']);
});

t.test('the query text: compounds with their parts, the last word last', async (t) => {
  t.same(searchText('Magazijnmedewerker Tilburg', context.vocabulary), { text: 'magazijn medewerker magazijnmedewerker tilburg', expanded: true });
  t.same(searchText('chauffeur', context.vocabulary), { text: 'chauffeur', expanded: false });
  t.same(searchText('  "heftr', context.vocabulary), { text: 'heftr', expanded: false });
  t.same(searchText('', context.vocabulary), { text: '', expanded: false });
  const long = searchText('heftruckchauffeur '.repeat(8), context.vocabulary);
  t.equal(long.text.split(' ').length, 8, 'past ten words, the words as typed');
});

t.test('filter expressions are built from validated values only', async (t) => {
  t.equal(quoteFilterValue("'s-Hertogenbosch"), `"'s-Hertogenbosch"`);
  for (const bad of ['a"b', 'a\\b', 'a\nb']) t.throws(() => quoteFilterValue(bad), bad);

  const people = candidateSearchRequest(
    candidateSearchQuerySchema.parse({
      q: 'heftruckchauffeur',
      status: 'active,paused',
      accountManagerId: 'me',
      municipality: 'Gilze en Rijen',
      dayParts: 'early,late',
      nights: 'false',
      hoursTargetMin: '24',
      drivingLicence: 'B',
      competencies: 'heftruck rijden',
      sort: 'name:asc',
    }),
    { tenantId: 'tenant', userId: 'user-1', prefix: 'p_', vocabulary: context.vocabulary },
  );
  t.equal(people.indexUid, 'p_candidates_tenant');
  t.equal(people.q, 'heftruck chauffeur heftruckchauffeur');
  t.same(people.params.filter, [
    'status IN ["active", "paused"]',
    'accountManagerId IN ["user-1"]',
    'municipality IN ["Gilze en Rijen"]',
    'competencies = "heftruck rijden"',
    'dayParts = "early"',
    'dayParts = "late"',
    'nights = false',
    'hoursTarget >= 24',
    'drivingLicences IN ["B"]',
  ]);
  t.same(people.params.sort, ['name:asc']);

  const browse = vacancySearchRequest(vacancySearchQuerySchema.parse({}), { tenantId: 'tenant', prefix: '', vocabulary: context.vocabulary });
  t.same(browse.params.sort, ['updatedAt:desc'], 'without words: newest first');
  t.equal(browse.params.filter, undefined);
  t.same(browse.params.attributesToHighlight, []);

  for (const bad of [{ municipality: 'Tilburg"' }, { competencies: 'a\\b' }, { slots: 'mon:evening' }, { limit: '500' }, { offset: '995' }]) {
    t.notOk(candidateSearchQuerySchema.safeParse(bad).success, JSON.stringify(bad));
  }
});
