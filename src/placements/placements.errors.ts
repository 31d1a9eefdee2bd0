import { defineProblems } from '../http/problems.js';

export const placementProblems = defineProblems('placement', {
  not_found: {
    status: 404,
    title: { nl: 'Plaatsing niet gevonden', en: 'Placement not found' },
    detail: {
      nl: () => 'Deze plaatsing bestaat niet, of u heeft er geen toegang toe.',
      en: () => 'This placement does not exist, or you have no access to it.',
    },
  },
  candidate_not_active: {
    status: 409,
    title: { nl: 'Kandidaat is niet actief', en: 'Candidate is not active' },
    detail: {
      nl: (v) => `Een plaatsing kan alleen voor een kandidaat met status "active". Deze kandidaat heeft status "${v.status}".`,
      en: (v) => `A placement can only be made for a candidate with status "active". This candidate has status "${v.status}".`,
    },
  },
  shortlist_mismatch: {
    status: 409,
    title: { nl: 'Shortlist past niet', en: 'Shortlist does not fit' },
    detail: {
      nl: () => 'Deze shortlist hoort niet bij deze vacature, of de kandidaat is er niet op gedeeld met de werkgever.',
      en: () => 'This shortlist is not for this vacancy, or the candidate was not shared with the employer on it.',
    },
  },
  already_placed: {
    status: 409,
    title: { nl: 'Plaatsing bestaat al', en: 'Placement already exists' },
    detail: {
      nl: () => 'Deze kandidaat heeft al een lopende plaatsing op deze vacature.',
      en: () => 'This candidate already has an active placement on this vacancy.',
    },
  },
  ended_before_start: {
    status: 400,
    title: { nl: 'Einddatum ligt voor de start', en: 'End date is before the start' },
    detail: {
      nl: () => 'De laatste werkdag (endedOn) kan niet voor de eerste werkdag liggen.',
      en: () => 'The last working day (endedOn) cannot be before the first working day.',
    },
  },
  dropout_reason: {
    status: 400,
    title: { nl: 'Reden van uitval klopt niet', en: 'Dropout reason does not fit' },
    detail: {
      nl: () => 'Geef een reden (dropoutReason) als iemand is uitgevallen (dropped_out), en alleen dan.',
      en: () => 'Give a reason (dropoutReason) when someone dropped out (dropped_out), and only then.',
    },
  },
});
