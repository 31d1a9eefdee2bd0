import { defineProblems } from '../http/problems.js';

export const matchingProblems = defineProblems('matching', {
  ranking_disabled: {
    status: 409,
    title: { nl: 'Rangschikken staat uit', en: 'Ranking is switched off' },
    detail: {
      nl: () =>
        'Dit Werkplein heeft het automatisch rangschikken uitgezet. U kunt kandidaten nog steeds zelf zoeken en met de hand aan een shortlist toevoegen.',
      en: () => 'This Werkplein has switched automatic ranking off. You can still search candidates and add them to a shortlist by hand.',
    },
  },
  run_not_found: {
    status: 404,
    title: { nl: 'Rangschikking niet gevonden', en: 'Ranking run not found' },
  },
  candidate_not_ready: {
    status: 409,
    title: { nl: 'Profiel nog niet compleet genoeg', en: 'Profile not complete enough' },
    detail: {
      nl: () => 'Doe eerst de intake met deze kandidaat; daarna kunnen we passende vacatures zoeken.',
      en: () => 'Do the intake with this candidate first; then we can look for fitting vacancies.',
    },
  },
  invalid_weights: {
    status: 400,
    title: { nl: 'Deze gewichten kloppen niet', en: 'These weights are not valid' },
    detail: {
      nl: (v) => `Controleer de gewichten. ${v.problemsNl}`,
      en: (v) => `Check the weights. ${v.problemsEn}`,
    },
  },
});
