import { defineProblems } from '../http/problems.js';

export const candidateProblems = defineProblems('candidate', {
  not_found: {
    status: 404,
    title: { nl: 'Kandidaat niet gevonden', en: 'Candidate not found' },
    detail: {
      nl: () => 'Deze kandidaat bestaat niet, of u heeft er geen toegang toe.',
      en: () => 'This candidate does not exist, or you have no access to it.',
    },
  },
  postcode_unknown: {
    status: 400,
    title: { nl: 'Postcode onbekend', en: 'Unknown postcode' },
    detail: {
      nl: (v) =>
        `Wij kennen postcodegebied ${v.postcode} niet, dus we kunnen geen reistijden berekenen. Laad de postcodes (npm run geo:import) of controleer de postcode.`,
      en: (v) =>
        `We do not know postcode area ${v.postcode}, so travel times cannot be computed. Import the postcodes (npm run geo:import) or check the postcode.`,
    },
  },
  account_manager_unknown: {
    status: 400,
    title: { nl: 'Klantmanager onbekend', en: 'Unknown account manager' },
    detail: {
      nl: () => 'Kies een actieve klantmanager (account_manager) van dit Werkplein.',
      en: () => 'Pick an active account manager of this Werkplein.',
    },
  },
  not_assigned: {
    status: 403,
    title: { nl: 'Niet uw kandidaat', en: 'Not your candidate' },
    detail: {
      nl: () => 'Alleen de eigen klantmanager (of een beheerder) mag dit doen. Vraag de klantmanager, of laat de kandidaat aan u toewijzen.',
      en: () => 'Only the assigned account manager (or an admin) may do this. Ask them, or have the candidate assigned to you.',
    },
  },
  barrier_not_found: {
    status: 404,
    title: { nl: 'Belemmering niet gevonden', en: 'Barrier not found' },
  },
  intake_incomplete: {
    status: 422,
    title: { nl: 'De intake is nog niet af', en: 'The intake is not complete yet' },
    detail: {
      nl: (v) => `Vul eerst deze stappen in: ${v.steps}.`,
      en: (v) => `Fill in these steps first: ${v.steps}.`,
    },
  },
  intake_not_found: {
    status: 404,
    title: { nl: 'Intake niet gevonden', en: 'Intake not found' },
  },
  consent_not_found: {
    status: 404,
    title: { nl: 'Toestemming niet gevonden', en: 'Consent not found' },
  },
  consent_text_outdated: {
    status: 409,
    title: { nl: 'Deze toestemmingstekst is niet de huidige', en: 'This consent text is not the current one' },
    detail: {
      nl: (v) => `Laat de kandidaat de huidige tekst (versie ${v.current}) lezen en leg dan de toestemming vast.`,
      en: (v) => `Let the candidate read the current text (version ${v.current}) and then record the consent.`,
    },
  },
  consent_already_given: {
    status: 409,
    title: { nl: 'Toestemming is al gegeven', en: 'Consent already given' },
    detail: {
      nl: () => 'Voor dit doel is al een geldige toestemming vastgelegd.',
      en: () => 'A valid consent for this purpose is already recorded.',
    },
  },
  consent_already_withdrawn: {
    status: 409,
    title: { nl: 'Toestemming is al ingetrokken', en: 'Consent already withdrawn' },
  },
});
