import { defineProblems } from '../http/problems.js';

export const taxonomyProblems = defineProblems('taxonomy', {
  occupation_not_found: {
    status: 404,
    title: { nl: 'Beroep niet gevonden', en: 'Occupation not found' },
    detail: {
      nl: () => 'Dit beroep staat niet in de beroepenlijst. Zoek het beroep op via /v1/taxonomy/occupations?q=…',
      en: () => 'This occupation is not in the taxonomy. Look it up through /v1/taxonomy/occupations?q=…',
    },
  },
  skill_not_found: {
    status: 404,
    title: { nl: 'Vaardigheid niet gevonden', en: 'Skill not found' },
    detail: {
      nl: () => 'Deze vaardigheid staat niet in de lijst van vaardigheden. Zoek haar op via /v1/taxonomy/skills?q=…',
      en: () => 'This skill is not in the taxonomy. Look it up through /v1/taxonomy/skills?q=…',
    },
  },
  index_missing: {
    status: 503,
    title: { nl: 'Zoeken in beroepen en vaardigheden kan nog niet', en: 'Occupation and skill search is not ready yet' },
    detail: {
      nl: () => 'De zoekindex van beroepen en vaardigheden wordt nog opgebouwd. Probeer het over een paar minuten opnieuw.',
      en: () => 'The occupation and skill search index is still being built. Try again in a few minutes.',
    },
  },
});
