import { defineProblems } from '../http/problems.js';

export const searchProblems = defineProblems('search', {
  reason_required: {
    status: 400,
    title: { nl: 'Geef een reden voor deze grote zoekvraag', en: 'Give a reason for this large search' },
    detail: {
      nl: (v) =>
        `U vraagt meer dan ${v.limit} resultaten per pagina, of resultaten voorbij nummer ${v.depth}. Dat mag, maar alleen met een reden (reason, minstens 10 tekens). De reden wordt vastgelegd.`,
      en: (v) =>
        `You ask for more than ${v.limit} results per page, or for results beyond number ${v.depth}. That is allowed, but only with a reason (reason, at least 10 characters). The reason is recorded.`,
    },
  },
  index_missing: {
    status: 503,
    title: { nl: 'Zoeken kan nog niet', en: 'Search is not ready yet' },
    detail: {
      nl: () => 'De zoekindex wordt nog opgebouwd. Probeer het over een minuut opnieuw.',
      en: () => 'The search index is still being built. Try again in a minute.',
    },
  },
});
