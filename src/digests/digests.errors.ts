import { defineProblems } from '../http/problems.js';

export const digestProblems = defineProblems('digest', {
  not_found: {
    status: 404,
    title: { nl: 'Abonnement niet gevonden', en: 'Subscription not found' },
    detail: {
      nl: () => 'Dit abonnement op de overzichtsmail bestaat niet, of u heeft er geen toegang toe.',
      en: () => 'This digest subscription does not exist, or you have no access to it.',
    },
  },
  recipient_not_found: {
    status: 404,
    title: { nl: 'Ontvanger niet gevonden', en: 'Recipient not found' },
    detail: {
      nl: () => 'Deze gebruiker bestaat niet, of u mag geen overzichtsmail voor deze gebruiker regelen.',
      en: () => 'This user does not exist, or you may not manage digests for this user.',
    },
  },
  already_subscribed: {
    status: 409,
    title: { nl: 'Er is al een overzichtsmail', en: 'Already subscribed' },
    detail: {
      nl: () => 'Deze gebruiker krijgt al een overzichtsmail. Pas die aan in plaats van een tweede te maken.',
      en: () => 'This user already gets a digest. Change that one instead of making a second.',
    },
  },
  resubscribe_by_recipient: {
    status: 409,
    title: { nl: 'Alleen de ontvanger kan dit weer aanzetten', en: 'Only the recipient can turn this back on' },
    detail: {
      nl: () => 'Deze persoon heeft zich afgemeld voor de overzichtsmail. Alleen die persoon zelf kan de mail weer aanzetten.',
      en: () => 'This person unsubscribed from the digest. Only that person can turn it back on.',
    },
  },
  weekday_mismatch: {
    status: 400,
    title: { nl: 'Dag past niet bij hoe vaak', en: 'Weekday does not fit the frequency' },
    detail: {
      nl: () => 'Kies een dag (weekday) bij een wekelijkse mail, en geen dag bij een dagelijkse mail.',
      en: () => 'Choose a weekday for a weekly digest, and no weekday for a daily one.',
    },
  },
  section_not_for_role: {
    status: 400,
    title: { nl: 'Onderdeel past niet bij deze ontvanger', en: 'Section does not fit this recipient' },
    detail: {
      nl: (v) => `Deze ontvanger kan alleen deze onderdelen krijgen: ${v.allowed}.`,
      en: (v) => `This recipient can only get these sections: ${v.allowed}.`,
    },
  },
  invalid_unsubscribe_token: {
    status: 400,
    title: { nl: 'Afmeldlink klopt niet', en: 'Unsubscribe link is not valid' },
    detail: {
      nl: () => 'Deze afmeldlink is niet compleet of niet van ons. Gebruik de link uit de e-mail, zonder iets te veranderen.',
      en: () => 'This unsubscribe link is incomplete or not ours. Use the link from the e-mail, unchanged.',
    },
  },
});
