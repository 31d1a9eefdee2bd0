import { defineProblems } from '../http/problems.js';

export const growthPlanProblems = defineProblems('growth_plan', {
  not_found: {
    status: 404,
    title: { nl: 'Groeiplan niet gevonden', en: 'Growth plan not found' },
    detail: {
      nl: () => 'Dit groeiplan bestaat niet, of u heeft er geen toegang toe.',
      en: () => 'This growth plan does not exist, or you have no access to it.',
    },
  },
  location_missing: {
    status: 409,
    title: { nl: 'Locatie ontbreekt', en: 'Location missing' },
    detail: {
      nl: () => 'Geef het groeiplan eerst een locatie (locationId). Een vacature heeft een werkplek nodig.',
      en: () => 'Give the growth plan a location (locationId) first. A vacancy needs a workplace.',
    },
  },
  location_unknown: {
    status: 400,
    title: { nl: 'Locatie onbekend', en: 'Unknown location' },
    detail: {
      nl: () => 'Deze locatie hoort niet bij deze werkgever.',
      en: () => 'This location does not belong to this employer.',
    },
  },
  role_unknown: {
    status: 400,
    title: { nl: 'Functie onbekend', en: 'Unknown role' },
    detail: {
      nl: () => 'Deze functie hoort niet bij dit groeiplan.',
      en: () => 'This role does not belong to this growth plan.',
    },
  },
});
