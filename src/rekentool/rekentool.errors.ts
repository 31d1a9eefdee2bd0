import { defineProblems } from '../http/problems.js';

export const rekentoolProblems = defineProblems('rekentool', {
  household_missing: {
    status: 409,
    title: { nl: 'Woonsituatie ontbreekt', en: 'Household situation missing' },
    detail: {
      nl: () => 'Vul eerst de woonsituatie van deze persoon in (PUT /v1/candidates/{id}/household). We vragen die alleen voor de rekentool.',
      en: () => 'Fill in this person’s household situation first (PUT /v1/candidates/{id}/household). It is asked for the rekentool only.',
    },
  },
  household_not_found: {
    status: 404,
    title: { nl: 'Geen woonsituatie', en: 'No household situation' },
    detail: {
      nl: () => 'Voor deze persoon is geen woonsituatie ingevuld.',
      en: () => 'No household situation has been filled in for this person.',
    },
  },
  no_rules: {
    status: 409,
    title: { nl: 'Geen bedragen voor deze periode', en: 'No figures for this period' },
    detail: {
      nl: (v) =>
        `Voor ${v.month} staan geen bijstandsnormen en belastingcijfers in Kansrijk. Kies een latere startdatum, of laat een beheerder de bedragen invoeren.`,
      en: (v) => `Kansrijk holds no assistance norms and tax figures for ${v.month}. Choose a later start date, or ask an admin to enter the figures.`,
    },
  },
  rules_invalid: {
    status: 422,
    title: { nl: 'Regels kloppen niet', en: 'Rules are not consistent' },
    detail: {
      nl: () => 'De schijven of de stukken van de arbeidskorting sluiten niet op elkaar aan. Zie de lijst met fouten.',
      en: () => 'The brackets or the pieces of the labour tax credit do not fit together. See the list of errors.',
    },
  },
});
