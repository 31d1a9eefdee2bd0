import t from 'tap';
import {
  buildCompoundVocabulary,
  compoundParts,
  expandQuery,
  normaliseText,
  splitCompound,
  synonymsFromLabelGroups,
  tokenise,
} from '../../search/dutch-text.js';

/** Labels as a taxonomy has them: the vocabulary that compounds are split into. */
const vocabulary = buildCompoundVocabulary([
  'heftruckchauffeur',
  'chauffeur heftruck',
  'vorkheftruckbestuurder',
  'chauffeur vorkheftruck',
  'vrachtwagenchauffeur',
  'rijinstructeur vrachtwagen',
  'magazijnmedewerker',
  'productiemedewerker',
  'leider productie',
  'bedrijfsleider',
  'bedrijf opstarten',
  'medewerker groenvoorziening',
  'taxichauffeur',
  'verkoper',
  'glazenwasser',
]);

t.test('normalise: lower case, no accents, single spaces', async (t) => {
  const cases: Array<[string, string]> = [
    ['Privéchauffeur', 'privechauffeur'],
    ['  Inspiciënt   Theater ', 'inspicient theater'],
    ['CAISSIÈRE', 'caissiere'],
    ['', ''],
  ];
  for (const [input, expected] of cases) t.equal(normaliseText(input), expected, input);
  t.same(tokenise('Chef-kok / Kokkin (m/v)'), ['chef', 'kok', 'kokkin', 'm', 'v']);
});

t.test('compounds split into the fewest known parts; the head noun last', async (t) => {
  const cases: Array<[string, string[]]> = [
    ['heftruckchauffeur', ['heftruck', 'chauffeur']],
    ['vrachtwagenchauffeur', ['vrachtwagen', 'chauffeur']],
    ['magazijnmedewerker', ['magazijn', 'medewerker']],
    ['productiemedewerker', ['productie', 'medewerker']],
    ['schoonmaakmedewerker', ['schoonmaak', 'medewerker']],
    ['vorkheftruckbestuurder', ['vorkheftruck', 'bestuurder']],
    ['bedrijfsleider', ['bedrijf', 'leider']],
    ['reachtruckmedewerker', ['reachtruck', 'medewerker']],
    // Not compounds, or not ones we know: left whole.
    ['chauffeur', []],
    ['medewerker', []],
    ['verkoper', []],
    ['glazenwasser', []],
    ['xyzchauffeur', []],
  ];
  for (const [word, parts] of cases) t.same(splitCompound(word, vocabulary), parts, word);
});

t.test('compound parts of a label include nested parts', async (t) => {
  const parts = compoundParts('Vorkheftruckbestuurder / heftruckchauffeur', vocabulary);
  t.ok(parts.includes('bestuurder'));
  t.ok(parts.includes('vorkheftruck'));
  t.ok(parts.includes('heftruck'));
  t.ok(parts.includes('chauffeur'));
  t.same(compoundParts('kok', vocabulary), []);
});

t.test('queries expand compounds into their parts', async (t) => {
  t.same(expandQuery('Reachtruck-medewerker', vocabulary), { normalised: 'reachtruck medewerker', expanded: null }, 'already apart');
  t.same(expandQuery('reachtruckmedewerker', vocabulary), { normalised: 'reachtruckmedewerker', expanded: 'reachtruck medewerker' });
  t.same(expandQuery('Heftruckchauffeur Tilburg', vocabulary), { normalised: 'heftruckchauffeur tilburg', expanded: 'heftruck chauffeur tilburg' });
  t.same(expandQuery('chauffeur', vocabulary), { normalised: 'chauffeur', expanded: null });
  t.same(expandQuery('   ', vocabulary), { normalised: '', expanded: null });
});

t.test('synonyms come from one-word labels of one concept, leaving out ambiguous words', async (t) => {
  const synonyms = synonymsFromLabelGroups([
    ['heftruckchauffeur', 'vorkheftruckbestuurder', 'reachtruckchauffeur', 'chauffeur heftruck'],
    ['kok', 'kokkin', 'chef'],
    ['chefkok', 'chef'],
  ]);
  t.same(synonyms.heftruckchauffeur, ['vorkheftruckbestuurder', 'reachtruckchauffeur'], 'multi-word labels are not synonyms');
  t.same(synonyms.kok, ['kokkin'], '"chef" names two concepts and is left out');
  t.equal(synonyms.chef, undefined);
  t.equal(synonyms.chefkok, undefined, 'a group with one unambiguous word gives nothing');
});
