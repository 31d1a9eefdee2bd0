import t from 'tap';
import { analyseLookupQuery, buildLookupVocabulary, knownHead } from '../../search/lookup-query.js';

/*
 * The occupation look-up's query analysis (issue 18, classes 1, 2, 4 and 5), on a small hand-made
 * vocabulary: which typed words carry the meaning of a job title, and in which order they go to
 * Meilisearch (which drops words from the end).
 */

const labels = [
  'heftruckchauffeur',
  'vrachtwagenchauffeur',
  'chauffeur vuilniswagen',
  'magazijnmedewerker',
  'medewerker klantenservice',
  'schilder bouw',
  'kunstschilder',
  'jongerenvoorlichter',
  'patiëntenvervoerder',
  'software developer',
  'verhuizer',
  'glazenwasser',
  'kok',
];
// "medewerker" in a hundred labels: a generic head, as in ESCO.
const generic = Array.from({ length: 100 }, (_, i) => `medewerker afdeling${i}`);
const vocabulary = buildLookupVocabulary({
  labels: [...labels, ...generic],
  compoundLabels: ['heftruck chauffeur', 'patiënten', 'voorlichter', 'reachtruck', ...labels],
});

t.test('class 1: qualifiers of the vacancy, company names and places are left out; the occupation words stay', async (t) => {
  const query = analyseLookupQuery('Senior Heftruckchauffeur FORTIS | Oosterhout (32 uur) m/v', vocabulary);
  t.same(query.kept, ['heftruckchauffeur']);
  t.equal(query.text.trim(), 'heftruckchauffeur');
  t.same(
    query.dropped.map((entry) => entry.word),
    ['senior', 'fortis', 'oosterhout', '32', 'uur', 'm', 'v'],
  );
  t.same(
    query.dropped.filter((entry) => entry.reason === 'unknown').map((entry) => entry.word),
    ['fortis', 'oosterhout'],
    'words no label uses are unknown',
  );

  const both = analyseLookupQuery('Medewerker Klantenservice ZZP', vocabulary);
  t.equal(both.text.trim(), 'medewerker klantenservice', 'head and specialisation both kept, in the order typed');
  t.ok(both.text.endsWith(' '), 'a complete last word is searched as a word, not as a prefix');
});

t.test('a one-letter word is an initial or a licence class; a typo of a known word is kept for Meilisearch to correct', async (t) => {
  t.equal(analyseLookupQuery('Chauffeur E-klasse', vocabulary).kept.includes('e'), false);
  const typo = analyseLookupQuery('heftruckchaufeur', vocabulary);
  t.same(typo.kept, ['heftruckchaufeur'], 'one letter off a known word: kept');
  t.same(typo.dropped, []);
});

t.test('nothing known at all: what was typed is searched as it is', async (t) => {
  const query = analyseLookupQuery('Xyzzy Plugh', vocabulary);
  t.equal(query.text, 'xyzzy plugh');
  t.same(query.kept, []);
  t.equal(analyseLookupQuery('', vocabulary).text, '');
});

t.test('class 2: a compound with an unknown first part falls back to its known head noun', async (t) => {
  t.equal(knownHead('blorkschilder', vocabulary), 'schilder');
  t.equal(knownHead('schilder', vocabulary), null, 'no first part: not a compound');
  t.equal(analyseLookupQuery('Blorkschilder', vocabulary).text.trim(), 'schilder');
});

t.test('class 5: a compound keeps its head noun first, unless the head is generic', async (t) => {
  // "voorlichter" first: Meilisearch drops "patienten" before it, never the other way round,
  // so no patiënten-vervoerder comes up for a patiënten-voorlichter.
  t.equal(analyseLookupQuery('patiëntenvoorlichter', vocabulary).text.trim(), 'voorlichter patienten');
  // "medewerker" says little: the modifier goes first.
  t.equal(analyseLookupQuery('reachtruckmedewerker', vocabulary).text.trim(), 'reachtruck medewerker');
});

t.test('class 4: curated synonyms bring job-ad words to ESCO’s words, after the typed ones; a tenant adds its own', async (t) => {
  t.equal(analyseLookupQuery('CE chauffeur', vocabulary).text.trim(), 'chauffeur vrachtwagenchauffeur');
  t.equal(analyseLookupQuery('sjouwer', vocabulary).text.trim(), 'verhuizer');
  t.equal(analyseLookupQuery('PHP developer', vocabulary).text.trim(), 'developer ontwikkelaar');

  const tenant = buildLookupVocabulary({ labels, compoundLabels: labels, synonyms: { Ruitenzeemer: ['glazenwasser'] } });
  t.equal(analyseLookupQuery('ruitenzeemer', tenant).text.trim(), 'glazenwasser', 'a tenant’s synonym, normalised');
  t.equal(analyseLookupQuery('ruitenzeemer', vocabulary).text, 'ruitenzeemer', 'not in another vocabulary');
});
