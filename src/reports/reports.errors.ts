import { defineProblems } from '../http/problems.js';

export const reportProblems = defineProblems('report', {
  invalid_period: {
    status: 400,
    title: { nl: 'Deze periode klopt niet', en: 'This period is not valid' },
    detail: {
      nl: (v) => `Kies een begindatum die niet na de einddatum ligt, en een periode van hooguit ${v.years} jaar.`,
      en: (v) => `Choose a start date that is not after the end date, and a period of at most ${v.years} years.`,
    },
  },
});
