import { defineProblems } from '../http/problems.js';

export const userProblems = defineProblems('user', {
  not_found: {
    status: 404,
    title: { nl: 'Gebruiker niet gevonden', en: 'User not found' },
    detail: {
      nl: () => 'Deze gebruiker bestaat niet, of u heeft er geen toegang toe.',
      en: () => 'This user does not exist, or you have no access to it.',
    },
  },
  token_not_found: {
    status: 404,
    title: { nl: 'Token niet gevonden', en: 'Token not found' },
    detail: {
      nl: () => 'Dit token bestaat niet, is al ingetrokken, of u heeft er geen toegang toe.',
      en: () => 'This token does not exist, was already revoked, or you have no access to it.',
    },
  },
  email_taken: {
    status: 409,
    title: { nl: 'E-mailadres is al in gebruik', en: 'E-mail address already in use' },
    detail: {
      nl: () => 'Er is al een gebruiker met dit e-mailadres bij dit Werkplein.',
      en: () => 'A user with this e-mail address already exists at this Werkplein.',
    },
  },
  role_not_allowed: {
    status: 403,
    title: { nl: 'Deze rol mag u niet toekennen', en: 'You may not grant this role' },
    detail: {
      nl: () => 'Werkgeversdienstverleners maken alleen werkgeversaccounts aan. Vraag een beheerder om andere rollen.',
      en: () => 'Employer relations staff create employer accounts only. Ask an admin for other roles.',
    },
  },
});
