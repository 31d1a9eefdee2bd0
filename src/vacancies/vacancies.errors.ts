import { defineProblems } from '../http/problems.js';

export const vacancyProblems = defineProblems('vacancy', {
  not_found: {
    status: 404,
    title: { nl: 'Vacature niet gevonden', en: 'Vacancy not found' },
    detail: {
      nl: () => 'Deze vacature bestaat niet, of u heeft er geen toegang toe.',
      en: () => 'This vacancy does not exist, or you have no access to it.',
    },
  },
  employer_required: {
    status: 400,
    title: { nl: 'Werkgever ontbreekt', en: 'Employer missing' },
    detail: {
      nl: () => 'Geef bij employerId aan voor welke werkgever deze vacature is.',
      en: () => 'Say in employerId which employer this vacancy is for.',
    },
  },
  location_unknown: {
    status: 400,
    title: { nl: 'Locatie onbekend', en: 'Unknown location' },
    detail: {
      nl: () => 'Deze locatie hoort niet bij deze werkgever. Kies een locatie van de werkgever of voeg die eerst toe.',
      en: () => 'This location does not belong to this employer. Pick one of its locations or add it first.',
    },
  },
  invalid_transition: {
    status: 409,
    title: { nl: 'Deze statuswijziging kan niet', en: 'This status change is not allowed' },
    detail: {
      nl: (v) => `Een vacature met status "${v.from}" kan niet naar "${v.to}". Toegestaan: ${v.allowed}.`,
      en: (v) => `A vacancy with status "${v.from}" cannot move to "${v.to}". Allowed: ${v.allowed}.`,
    },
  },
  not_editable: {
    status: 409,
    title: { nl: 'Vacature is afgesloten', en: 'Vacancy is closed' },
    detail: {
      nl: (v) => `Een vacature met status "${v.status}" kan niet meer worden aangepast.`,
      en: (v) => `A vacancy with status "${v.status}" can no longer be changed.`,
    },
  },
  feed_not_found: {
    status: 404,
    title: { nl: 'Werkplein niet gevonden', en: 'Werkplein not found' },
    detail: {
      nl: () => 'Er is geen actief Werkplein met deze naam in de link. Kijk of de link klopt.',
      en: () => 'There is no active Werkplein with this name in the link. Check the link.',
    },
  },
});
