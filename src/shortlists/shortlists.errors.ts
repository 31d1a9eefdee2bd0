import { defineProblems } from '../http/problems.js';

export const shortlistProblems = defineProblems('shortlist', {
  not_found: {
    status: 404,
    title: { nl: 'Shortlist niet gevonden', en: 'Shortlist not found' },
    detail: {
      nl: () => 'Deze shortlist bestaat niet, of u heeft er geen toegang toe.',
      en: () => 'This shortlist does not exist, or you have no access to it.',
    },
  },
  entry_not_found: {
    status: 404,
    title: { nl: 'Kandidaat staat niet op deze shortlist', en: 'Candidate is not on this shortlist' },
    detail: {
      nl: () => 'Deze kandidaat staat niet (meer) op deze shortlist, of u heeft er geen toegang toe.',
      en: () => 'This candidate is not (or no longer) on this shortlist, or you have no access to it.',
    },
  },
  closed: {
    status: 409,
    title: { nl: 'Shortlist is gesloten', en: 'Shortlist is closed' },
    detail: {
      nl: () => 'Een gesloten shortlist kan niet meer veranderen of worden verstuurd. Maak zo nodig een nieuwe.',
      en: () => 'A closed shortlist can no longer change or be sent. Create a new one if needed.',
    },
  },
  vacancy_closed: {
    status: 409,
    title: { nl: 'Vacature is niet meer open', en: 'Vacancy is no longer open' },
    detail: {
      nl: (v) => `De vacature heeft status "${v.status}". Voor deze vacature kunt u geen kandidaten meer voorstellen.`,
      en: (v) => `The vacancy has status "${v.status}". You can no longer propose candidates for it.`,
    },
  },
  candidate_not_active: {
    status: 409,
    title: { nl: 'Kandidaat is niet actief', en: 'Candidate is not active' },
    detail: {
      nl: (v) => `Alleen kandidaten met status "active" kunnen op een shortlist. Deze kandidaat heeft status "${v.status}".`,
      en: (v) => `Only candidates with status "active" can be shortlisted. This candidate has status "${v.status}".`,
    },
  },
  already_listed: {
    status: 409,
    title: { nl: 'Kandidaat staat al op de shortlist', en: 'Candidate is already on the shortlist' },
    detail: {
      nl: () => 'Iemand staat maar één keer op een shortlist. Pas de bestaande regel aan.',
      en: () => 'A person appears only once on a shortlist. Change the existing entry instead.',
    },
  },
  match_run_mismatch: {
    status: 409,
    title: { nl: 'Rangschikking past niet', en: 'Ranking run does not fit' },
    detail: {
      nl: () => 'Deze rangschikking hoort niet bij deze vacature, of de kandidaat staat er niet in.',
      en: () => 'This ranking run is not for this vacancy, or the candidate is not in it.',
    },
  },
  entry_shared: {
    status: 409,
    title: { nl: 'Al gedeeld met de werkgever', en: 'Already shared with the employer' },
    detail: {
      nl: () => 'De werkgever heeft deze beschrijving al gekregen. De tekst en de feiten voor regelingen kunnen niet meer veranderen.',
      en: () => 'The employer already received this description. Its text and the facts for instruments can no longer change.',
    },
  },
  pitch_missing: {
    status: 409,
    title: { nl: 'Beschrijving ontbreekt', en: 'Pitch missing' },
    detail: {
      nl: () => 'Schrijf eerst op wat deze kandidaat sterk maakt (pitch.strengths). Daarna kunt u goedkeuren.',
      en: () => 'First write down what makes this candidate strong (pitch.strengths). Then you can approve.',
    },
  },
  pitch_warning: {
    status: 409,
    title: { nl: 'Tekst noemt misschien privézaken', en: 'Pitch may mention private matters' },
    detail: {
      nl: (v) =>
        `De tekst voor de werkgever noemt misschien privézaken (${v.terms}). Pas de tekst aan, zodat deze woorden er niet meer in staan. Is de tekst toch goed? Dan kan een beheerder een uitzondering vastleggen, met een reden.`,
      en: (v) =>
        `The text for the employer may mention private matters (${v.terms}). Change the text so that these words are no longer in it. Is the text fine after all? Then an admin can record an override, with a reason.`,
    },
  },
  pitch_override_needless: {
    status: 409,
    title: { nl: 'Uitzondering is niet nodig', en: 'Override is not needed' },
    detail: {
      nl: () => 'Deze tekst noemt geen woorden die op privézaken wijzen. Een uitzondering is niet nodig.',
      en: () => 'This text has no words that point at private matters. An override is not needed.',
    },
  },
  pitch_override_reason: {
    status: 400,
    title: { nl: 'Reden ontbreekt', en: 'Reason missing' },
    detail: {
      nl: () => 'Schrijf op waarom deze tekst toch naar de werkgever mag, in minstens 10 tekens.',
      en: () => 'Write down why this text may go to the employer after all, in at least 10 characters.',
    },
  },
  entry_removed: {
    status: 409,
    title: { nl: 'Kandidaat is van de shortlist gehaald', en: 'Candidate was removed from the shortlist' },
    detail: {
      nl: () => 'Deze kandidaat is van de shortlist gehaald. Voeg de kandidaat opnieuw toe als dat weer kan.',
      en: () => 'This candidate was removed from the shortlist. Add the candidate again if that is possible again.',
    },
  },
  not_ready: {
    status: 409,
    title: { nl: 'Shortlist kan nog niet weg', en: 'Shortlist cannot be sent yet' },
    detail: {
      nl: (v) =>
        `${v.count} kandidaat/kandidaten kunnen nog niet gedeeld worden. Kijk bij "errors" wat er per kandidaat ontbreekt: goedkeuring, of toestemming van de kandidaat om te delen.`,
      en: (v) => `${v.count} candidate(s) cannot be shared yet. See "errors" for what is missing per candidate: approval, or the candidate's consent to share.`,
    },
  },
  pitch_warning_unresolved: {
    status: 409,
    title: { nl: 'Tekst noemt misschien privézaken', en: 'Pitch may mention private matters' },
    detail: {
      nl: (v) =>
        `Bij ${v.count} kandidaat/kandidaten noemt de tekst voor de werkgever misschien privézaken. Er is niets verstuurd. Kijk bij "errors" welke woorden het zijn. Pas de tekst aan, of laat een beheerder een uitzondering vastleggen.`,
      en: (v) =>
        `For ${v.count} candidate(s) the text for the employer may mention private matters. Nothing was sent. See "errors" for the words. Change the text, or have an admin record an override.`,
    },
  },
  nothing_to_send: {
    status: 409,
    title: { nl: 'Niets nieuws om te versturen', en: 'Nothing new to send' },
    detail: {
      nl: () => 'Alle kandidaten op deze shortlist zijn al gedeeld. Voeg een kandidaat toe en keur die goed.',
      en: () => 'Every candidate on this shortlist has already been shared. Add a candidate and approve it.',
    },
  },
});

export const feedbackProblems = defineProblems('feedback', {
  not_shared: {
    status: 409,
    title: { nl: 'Kandidaat is nog niet gedeeld', en: 'Candidate has not been shared' },
    detail: {
      nl: () => 'Een reactie kan pas als de kandidaat met de werkgever is gedeeld.',
      en: () => 'Feedback is possible once the candidate has been shared with the employer.',
    },
  },
  reason_required: {
    status: 400,
    title: { nl: 'Reden ontbreekt', en: 'Reason missing' },
    detail: {
      nl: () => 'Kies bij een afwijzing een reden (reasonCode). Kiest u "other", schrijf de reden dan op in reasonText.',
      en: () => 'Choose a reason (reasonCode) for a decline. If you choose "other", write the reason in reasonText.',
    },
  },
  invitation_without_invite: {
    status: 400,
    title: { nl: 'Uitnodiging past niet bij dit antwoord', en: 'Invitation does not fit this answer' },
    detail: {
      nl: () => 'Tijden voorstellen of "bel mij" kan alleen als u iemand uitnodigt (decision "invite").',
      en: () => 'Proposing times or "call me" only goes with an invitation (decision "invite").',
    },
  },
});
