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
  role_change_not_allowed: {
    status: 409,
    title: { nl: 'Deze rol kan niet worden gewijzigd', en: 'This role cannot be changed' },
    detail: {
      nl: () => 'Een werkgeversaccount hoort bij één werkgever en blijft een werkgeversaccount. Medewerkers kunnen alleen een andere medewerkersrol krijgen.',
      en: () => 'An employer account belongs to one employer and stays an employer account. Staff can only get another staff role.',
    },
  },
  own_account: {
    status: 409,
    title: { nl: 'Niet voor uw eigen account', en: 'Not for your own account' },
    detail: {
      nl: () => 'U kunt uw eigen rol niet wijzigen en uzelf niet uitzetten. Vraag een andere beheerder.',
      en: () => 'You cannot change your own role or deactivate yourself. Ask another admin.',
    },
  },
});
