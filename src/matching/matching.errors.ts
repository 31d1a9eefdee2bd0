import { defineProblems } from '../http/problems.js';

/** A candidate's status other than active, as the problem below names it. */
const STATUS_NAME: Record<string, { nl: string; en: string }> = {
  paused: { nl: 'gepauzeerd', en: 'paused' },
  placed: { nl: 'geplaatst', en: 'placed' },
  participation_route: { nl: 'de participatieroute', en: 'on the participation route' },
};

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
  candidate_not_active: {
    status: 409,
    title: { nl: 'Doet nu niet mee', en: 'Not taking part now' },
    detail: {
      nl: (v) =>
        `Deze kandidaat staat op ${STATUS_NAME[String(v.status)]?.nl ?? 'niet actief'} en doet daarom niet mee met rangschikken. Klopt dat niet meer? Zet de kandidaat dan weer op actief.`,
      en: (v) =>
        `This candidate is ${STATUS_NAME[String(v.status)]?.en ?? 'not active'}, and so is not ranked. If that is no longer right, set the candidate to active again.`,
    },
  },
  candidate_no_home: {
    status: 409,
    title: { nl: 'Woonplaats onbekend', en: 'Home area unknown' },
    detail: {
      nl: () =>
        'We weten niet in welk gebied deze kandidaat woont, dus we kunnen de reistijd niet berekenen. Vul een bekende postcode in bij de gegevens van de kandidaat.',
      en: () => "We do not know the area this candidate lives in, so we cannot work out travel times. Enter a known postcode in the candidate's details.",
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
