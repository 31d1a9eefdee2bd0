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
  follow_up_not_open: {
    status: 409,
    title: { nl: 'Dit gesprek kan nog niet worden vastgelegd', en: 'This follow-up cannot be recorded yet' },
    detail: {
      nl: (v) => `Het gesprek na ${v.monthMark} maanden kan vanaf ${v.opensOn} worden vastgelegd (de eerste werkdag is ${v.startDate}).`,
      en: (v) => `The follow-up after ${v.monthMark} months can be recorded from ${v.opensOn} (the first working day is ${v.startDate}).`,
    },
  },
  follow_up_recorded: {
    status: 409,
    title: { nl: 'Uitkomst staat er al', en: 'Outcome already recorded' },
    detail: {
      nl: () => 'Voor dit gesprek is al een uitkomst vastgelegd. Wilt u die verbeteren? Stuur een correctie: zet in "corrects" de id van de laatste uitkomst.',
      en: () => 'An outcome is already recorded for this follow-up. To correct it, send a correction: put the id of the latest outcome in "corrects".',
    },
  },
  correction_stale: {
    status: 409,
    title: { nl: 'Correctie past niet', en: 'Correction does not fit' },
    detail: {
      nl: () => 'Een correctie verbetert de laatste uitkomst van dit gesprek. De id in "corrects" is niet die laatste uitkomst. Laad de plaatsing opnieuw.',
      en: () => 'A correction corrects the latest outcome of this follow-up. The id in "corrects" is not that latest outcome. Load the placement again.',
    },
  },
  correction_reopens: {
    status: 409,
    title: { nl: 'Plaatsing is al gestopt', en: 'Placement has already ended' },
    detail: {
      nl: () => 'Deze plaatsing is gestopt. Een correctie kan haar niet weer laten lopen. Werkt de persoon daar toch weer? Leg dan een nieuwe plaatsing vast.',
      en: () => 'This placement has ended. A correction cannot make it run again. Does the person work there again after all? Record a new placement.',
    },
  },
  check_in_not_open: {
    status: 409,
    title: { nl: 'Deze check-in kan nog niet', en: 'This check-in is not open yet' },
    detail: {
      nl: (v) => `De check-in na ${v.monthMark} maanden kan vanaf ${v.opensOn}.`,
      en: (v) => `The check-in after ${v.monthMark} months can be given from ${v.opensOn}.`,
    },
  },
  check_in_given: {
    status: 409,
    title: { nl: 'Check-in is al gegeven', en: 'Check-in already given' },
    detail: {
      nl: (v) => `De check-in na ${v.monthMark} maanden is al gegeven. Wilt u nog iets laten weten? Bel of mail de klantmanager.`,
      en: (v) => `The check-in after ${v.monthMark} months was given already. Anything else? Call or mail the account manager.`,
    },
  },
  check_in_ended: {
    status: 409,
    title: { nl: 'Plaatsing is gestopt', en: 'Placement has ended' },
    detail: {
      nl: () => 'Deze persoon werkt niet meer bij u. Een check-in is dan niet meer nodig.',
      en: () => 'This person no longer works for you. A check-in is no longer needed.',
    },
  },
});
