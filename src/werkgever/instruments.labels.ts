/*
 * What each employer instrument means for the employer, in money and in what is asked in return,
 * in B1 Dutch. The offer itself (name, why it applies, legal ground) comes from the shortlist as it
 * was sent (src/shortlists/instruments.ts); this adds the two questions an employer asks next.
 * Amounts that depend on the person or on yearly figures are described, not guessed: the
 * Werkplein states the exact amount when the instrument is applied for.
 */

type Meaning = { money: (v: { months: number }) => string; asked: string };

const MEANINGS: Record<string, Meaning> = {
  loonkostensubsidie: {
    money: () =>
      'U krijgt elke maand subsidie: het verschil tussen het minimumloon en de loonwaarde, plus een vergoeding voor werkgeverslasten. Werkt iemand op 60 % van het minimumloon, dan betaalt de gemeente dus ongeveer 40 % van het loon.',
    asked: 'U betaalt het gewone loon volgens de cao. De loonwaarde wordt regelmatig opnieuw gemeten.',
  },
  no_riskpolis: {
    money: () => 'Wordt de werknemer ziek, dan betaalt UWV een uitkering die u met het loon verrekent. U draait niet alleen op voor de kosten van ziekte.',
    asked: 'Meld ziekte op tijd bij UWV.',
  },
  proefplaatsing: {
    money: (v) => `Tijdens de proefplaatsing betaalt u geen loon. Die duurt hooguit ${v.months} maanden. De kandidaat houdt zolang de uitkering.`,
    asked: 'U begeleidt de kandidaat op de werkvloer. Gaat het goed, dan biedt u daarna een contract aan.',
  },
  jobcoach: {
    money: () => 'De jobcoach kost u niets: het Werkplein of UWV betaalt.',
    asked: 'U maakt tijd voor korte gesprekken met de jobcoach en de kandidaat.',
  },
  lkv_banenafspraak: {
    money: () => 'U krijgt een vast bedrag per gewerkt uur, tot drie jaar lang, met een maximum per jaar. De Belastingdienst betaalt het uit na het jaar.',
    asked: 'Vraag binnen drie maanden na de start een doelgroepverklaring aan bij UWV, en geef het voordeel op in de loonaangifte.',
  },
  lkv_oudere_werknemer: {
    money: () => 'U krijgt een vast bedrag per gewerkt uur, met een maximum per jaar, zolang de regeling nog loopt.',
    asked: 'Vraag binnen drie maanden na de start een doelgroepverklaring aan bij UWV, en geef het voordeel op in de loonaangifte.',
  },
};

/** What an instrument means for the employer, or null for a code without a description. */
export function instrumentMeaning(code: string, settings: { proefplaatsingMaxMonths: number }): { money: string; asked: string } | null {
  const meaning = MEANINGS[code];
  return meaning ? { money: meaning.money({ months: settings.proefplaatsingMaxMonths }), asked: meaning.asked } : null;
}
