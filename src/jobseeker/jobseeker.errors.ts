import { defineProblems } from '../http/problems.js';

export const jobseekerProblems = defineProblems('jobseeker', {
  proposal_not_found: {
    status: 404,
    title: { nl: 'Voorstel niet gevonden', en: 'Proposal not found' },
    detail: {
      nl: () => 'Dit voorstel bestaat niet, of het hoort bij iemand anders.',
      en: () => 'This proposal does not exist, or it belongs to someone else.',
    },
  },
  proposal_decided: {
    status: 409,
    title: { nl: 'Voorstel is al behandeld', en: 'Proposal already decided' },
    detail: {
      nl: () => 'Over dit voorstel is al beslist. Vraag de persoon om een nieuw voorstel als er nog iets moet veranderen.',
      en: () => 'This proposal has already been decided. Ask the person for a new proposal if something still needs to change.',
    },
  },
  not_discussed: {
    status: 404,
    title: { nl: 'Vacature niet besproken', en: 'Vacancy not discussed' },
    detail: {
      nl: () => 'Deze vacature staat niet bij de besproken vacatures van deze persoon.',
      en: () => 'This vacancy is not among the vacancies discussed with this person.',
    },
  },
  not_discussed_with_you: {
    status: 404,
    title: { nl: 'Vacature niet gevonden', en: 'Vacancy not found' },
    detail: {
      nl: () => 'Deze vacature staat niet bij de vacatures die uw klantmanager met u besprak.',
      en: () => 'This vacancy is not among the vacancies your account manager discussed with you.',
    },
  },
});
