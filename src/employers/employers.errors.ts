import { defineProblems } from '../http/problems.js';

export const employerProblems = defineProblems('employer', {
  not_found: {
    status: 404,
    title: { nl: 'Werkgever niet gevonden', en: 'Employer not found' },
    detail: {
      nl: () => 'Deze werkgever bestaat niet, of u heeft er geen toegang toe.',
      en: () => 'This employer does not exist, or you have no access to it.',
    },
  },
  location_not_found: {
    status: 404,
    title: { nl: 'Locatie niet gevonden', en: 'Location not found' },
    detail: {
      nl: () => 'Deze locatie bestaat niet bij deze werkgever.',
      en: () => 'This location does not exist for this employer.',
    },
  },
  postcode_unknown: {
    status: 400,
    title: { nl: 'Postcode onbekend', en: 'Unknown postcode' },
    detail: {
      nl: (v) => `Wij kennen postcode ${v.postcode} niet. Geef de plaats en de coördinaten mee.`,
      en: (v) => `We do not know postcode ${v.postcode}. Send the place and the coordinates as well.`,
    },
  },
  location_in_use: {
    status: 409,
    title: { nl: 'Locatie is nog in gebruik', en: 'Location is still in use' },
    detail: {
      nl: () =>
        'Er horen nog vacatures of groeiplannen bij deze locatie. Zet die eerst op een andere locatie. Een locatie van een gesloten of vervulde vacature blijft altijd bewaard.',
      en: () =>
        'Vacancies or growth plans still use this location. Move them to another location first. The location of a closed or filled vacancy is always kept.',
    },
  },
});
