import type { Lang } from '../schemas/messages.js';
import type { ConsentPurpose } from './candidates.schemas.js';

/**
 * The consent texts shown to the person, per purpose and version. A consent records the version it
 * was given on; a new version needs a new consent. Plain Dutch (B1).
 */
export const CONSENT_TEXTS: Record<ConsentPurpose, { version: string; text: Record<Lang, string> }> = {
  share_with_employers: {
    version: '2026-1',
    text: {
      nl:
        'Ik vind het goed dat het Werkplein een korte beschrijving van mij deelt met werkgevers die een passende vacature hebben. ' +
        'Die beschrijving gaat over wat ik kan, wanneer ik kan werken en hoe ik reis. Mijn naam, adres, gezondheid, schulden en uitkering staan er niet in. ' +
        'Ik kan deze toestemming altijd intrekken. Daarna deelt het Werkplein niets meer van mij.',
      en:
        'I agree that the Werkplein shares a short description of me with employers who have a suitable vacancy. ' +
        'It covers what I can do, when I can work and how I travel. My name, address, health, debts and benefits are not in it. ' +
        'I can withdraw this consent at any time. After that the Werkplein shares nothing more about me.',
    },
  },
  disclose_identity: {
    version: '2026-1',
    text: {
      nl: 'Ik vind het goed dat het Werkplein mijn naam en telefoonnummer geeft aan een werkgever die mij wil uitnodigen voor een gesprek.',
      en: 'I agree that the Werkplein gives my name and phone number to an employer who wants to invite me for an interview.',
    },
  },
  // Issue 11.11: some employer instruments say something about the person (age 56 or older, a place in
  // the doelgroepregister, a reduced wage value). The employer sees them only with this consent.
  share_instrument_eligibility: {
    version: '2026-1',
    text: {
      nl:
        'Ik vind het goed dat het Werkplein een werkgever vertelt over regelingen die hij voor mij kan krijgen. ' +
        'Bijvoorbeeld geld voor mijn loon, of een verzekering als ik ziek word. ' +
        'Uit zo’n regeling kan de werkgever iets over mij afleiden: dat ik 56 jaar of ouder ben, dat ik in het doelgroepregister sta, of dat ik minder dan het minimumloon kan verdienen. ' +
        'Zonder deze toestemming ziet de werkgever die regelingen niet. Ik kan deze toestemming altijd intrekken.',
      en:
        'I agree that the Werkplein tells an employer about schemes the employer can get for me. ' +
        'For example money towards my wage, or insurance if I fall ill. ' +
        'From such a scheme the employer can tell something about me: that I am 56 or older, that I am in the doelgroepregister, or that I cannot earn the minimum wage. ' +
        'Without this consent the employer does not see those schemes. I can withdraw this consent at any time.',
    },
  },
};

/** Consents hold a year unless said otherwise. */
export const CONSENT_VALIDITY_DAYS = 365;
