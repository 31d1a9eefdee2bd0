import { defineProblems } from '../http/problems.js';

/** Problems of the operator's tenant commands (CLI only: no tenant admin reaches them). */
export const tenantProblems = defineProblems('tenant', {
  not_found: {
    status: 404,
    title: { nl: 'Werkplein niet gevonden', en: 'Werkplein not found' },
    detail: {
      nl: (values) => `Er is geen Werkplein met de korte naam "${values.slug}".`,
      en: (values) => `There is no Werkplein with the slug "${values.slug}".`,
    },
  },
  slug_taken: {
    status: 409,
    title: { nl: 'Korte naam is al in gebruik', en: 'Slug already in use' },
    detail: {
      nl: (values) => `Er is al een Werkplein met de korte naam "${values.slug}". Kies een andere.`,
      en: (values) => `A Werkplein with the slug "${values.slug}" already exists. Choose another.`,
    },
  },
});
