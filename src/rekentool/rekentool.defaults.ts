import { ruleSetSchema, type RuleSet, type VersionedRuleSet } from './rekentool.rules.js';

/*
 * The published figures every Werkplein starts with (version 0 of each period). An admin replaces
 * them per period through POST /v1/income-rules; stored versions always win over these.
 *
 * How they were found (with the project's search tool over stored public pages and repositories;
 * no live web): the consolidated text of the Participatiewet as in force on 1 January 2026 and on
 * 1 July 2026 (wetten.overheid.nl, read through MinBZK/regelrecht-corpus, which stores it article
 * by article), Rijksoverheid's announcement of the benefit amounts per 1 January 2026, and two
 * tax-advice pages that print the Belastingplan 2026 figures after the amendment of October 2025.
 * The Belastingdienst's own tables were not reachable.
 *
 * 1 July 2026: the norms and the income allowance come from the law text in force on that day;
 * the minimum wage (€ 14,99) from Rijksoverheid's page of 2026 amounts as quoted by public texts
 * that cite it (the page itself was not reachable here: see the note on that figure); tax figures
 * are annual, so July repeats January's.
 *
 * Not found, and therefore NOT seeded: the norms and minimum wage per 1 January 2027. A
 * calculation for months from 2027 uses the 1 July 2026 figures and says so in its assumptions,
 * until an admin stores the newer ones. No figure here is estimated.
 */

const PARTICIPATIEWET_2026 = 'https://wetten.overheid.nl/BWBR0015703/2026-01-01';
const PARTICIPATIEWET_2026_07 = 'https://wetten.overheid.nl/BWBR0015703/2026-07-01';
const READ_VIA_REGELRECHT =
  'Gelezen in de geconsolideerde tekst per 1 januari 2026 zoals opgeslagen in MinBZK/regelrecht-corpus (regulation/nl/wet/participatiewet/2026-01-01.yaml).';
const TAX_NOTE =
  'De tabellen van de Belastingdienst zelf waren niet te raadplegen; de belastingcijfers komen van twee adviespagina’s die het Belastingplan 2026 na de nota van wijziging weergeven.';
const READ_VIA_REGELRECHT_07 =
  'Gelezen in de geconsolideerde tekst per 1 juli 2026 zoals opgeslagen in MinBZK/regelrecht-corpus (regulation/nl/wet/participatiewet/2026-07-01.yaml, commit ec70ec47).';

const JANUARY_2026: RuleSet = ruleSetSchema.parse({
  validFrom: '2026-01-01',
  bijstand: {
    normSingle: 1401.5,
    normSingleParent: 1401.5,
    normPartners: 2002.13,
    holidayAllowanceShare: 0.048,
    costSharing: {
      basePercent: 40,
      perPersonPercent: 30,
      minimumAge: 27,
      source: {
        title: 'Participatiewet, artikel 19a en 22a (kostendelersnorm)',
        url: `${PARTICIPATIEWET_2026}#Artikel22a`,
        note: `Norm = (40 + A × 30) / (A × 100) × de norm voor gehuwden; kostendelers zijn medebewoners van 27 jaar of ouder (artikel 19a). ${READ_VIA_REGELRECHT}`,
      },
    },
    source: {
      title: 'Participatiewet, artikel 21 (normen 21 jaar tot pensioenleeftijd) en artikel 19, derde lid (vakantietoeslag 4,8 %)',
      url: `${PARTICIPATIEWET_2026}#Artikel21`,
      publishedOn: '2025-12-10',
      note: `Alleenstaande of alleenstaande ouder € 1.401,50, gehuwden € 2.002,13 per maand, inclusief vakantietoeslag. ${READ_VIA_REGELRECHT} Rijksoverheid kondigde de nieuwe bedragen aan op 10 december 2025: https://www.rijksoverheid.nl/actueel/nieuws/2025/12/10/uitkeringsbedragen-per-1-januari-2026`,
    },
  },
  incomeAllowance: {
    share: 0.25,
    monthlyCap: 285,
    months: 6,
    minimumAge: 27,
    source: {
      title: 'Participatiewet, artikel 31, tweede lid, onderdeel n, en vijfde lid',
      url: `${PARTICIPATIEWET_2026}#Artikel31`,
      note: `25 % van de inkomsten uit arbeid, ten hoogste € 285,00 per maand, gedurende ten hoogste zes maanden, als het werk bijdraagt aan arbeidsinschakeling; niet onder 27 jaar (vijfde lid). ${READ_VIA_REGELRECHT} Dezelfde tekst bevat ook artikel 34a (15 % gedurende twaalf maanden, Participatiewet in balans); dat rekenen we niet, omdat niet vast te stellen was vanaf wanneer gemeenten het toepassen.`,
    },
  },
  minimumWage: {
    hourly: 14.71,
    holidayPayShare: 0.08,
    source: {
      title: 'Wet minimumloon en minimumvakantiebijslag, artikel 8 en 15; minimumuurloon per 1 januari 2026',
      url: 'https://www.rijksoverheid.nl/actueel/nieuws/2025/12/10/uitkeringsbedragen-per-1-januari-2026',
      publishedOn: '2025-12-10',
      note: 'Het minimumloon stijgt per 1 januari 2026 naar € 14,71 per uur (21 jaar en ouder). Vakantiebijslag ten minste 8 % van het loon (artikel 15 WML, https://wetten.overheid.nl/BWBR0002638).',
    },
  },
  payrollTax: {
    year: 2026,
    brackets: [
      { upTo: 38884, rate: 0.3575 },
      { upTo: 78426, rate: 0.3756 },
      { upTo: null, rate: 0.495 },
    ],
    generalCredit: { max: 3115, phaseOutFrom: 29736, phaseOutRate: 0.06398 },
    labourCredit: [
      { from: 0, upTo: 11965, base: 0, rate: 0.08324 },
      { from: 11965, upTo: 25845, base: 996, rate: 0.31009 },
      { from: 25845, upTo: 45592, base: 5300, rate: 0.0195 },
      { from: 45592, upTo: 132920, base: 5685, rate: -0.0651 },
      { from: 132920, upTo: null, base: 0, rate: 0 },
    ],
    sources: [
      {
        title: 'Tarieven box 1 en algemene heffingskorting 2026 (Belastingplan 2026, Wet IB 2001 artikel 2.10 en 8.10)',
        url: 'https://www.aplusbadviesgroep.nl/tarieven-heffingskortingen-en-bedragen-inkomstenbelasting-2026',
        publishedOn: '2025-12-23',
        note: 'Schijven 35,75 % tot € 38.884, 37,56 % tot € 78.426, daarboven 49,5 %. Algemene heffingskorting maximaal € 3.115, afbouw 6,398 % boven € 29.736.',
      },
      {
        title: 'Arbeidskorting 2026 (Wet IB 2001 artikel 8.11), na de nota van wijziging op het Belastingplan 2026',
        url: 'https://salure.nl/nieuws/arbeidskorting',
        note: 'Tot € 11.965: 8,324 %; tot € 25.845: € 996 + 31,009 %; tot € 45.592: € 5.300 + 1,950 %; tot € 132.920: € 5.685 − 6,510 %. De grenzen € 11.965 en € 25.845 komen uit de nota van wijziging: https://www.salarisvanmorgen.nl/2025/10/19/meer-recht-op-arbeidskorting-voor-lage-inkomens-wijziging-belastingplan-2026/',
      },
    ],
  },
  notes: ['Vanaf 1 juli 2026 gelden nieuwe normen en een nieuw minimumloon: die staan in de periode van 1 juli 2026.', TAX_NOTE],
});

/*
 * Per 1 July 2026. Norms (art. 21: € 1.419,46 and € 2.027,79), holiday allowance (art. 19: 4,8 %),
 * cost-sharers' norm (art. 22a, unchanged) and income allowance (art. 31: 25 %, € 285,00, six
 * months, not below 27) read in the consolidated text in force on 1 July 2026. Payroll tax is set
 * per calendar year: the same 2026 figures as in January.
 */
const JULY_2026: RuleSet = ruleSetSchema.parse({
  ...JANUARY_2026,
  validFrom: '2026-07-01',
  bijstand: {
    ...JANUARY_2026.bijstand,
    normSingle: 1419.46,
    normSingleParent: 1419.46,
    normPartners: 2027.79,
    costSharing: {
      ...JANUARY_2026.bijstand.costSharing,
      source: {
        title: 'Participatiewet, artikel 19a en 22a (kostendelersnorm)',
        url: `${PARTICIPATIEWET_2026_07}#Artikel22a`,
        note: `Ongewijzigd ten opzichte van 1 januari 2026: norm = (40 + A × 30) / (A × 100) × de norm voor gehuwden; kostendelers zijn medebewoners van 27 jaar of ouder (artikel 19a). ${READ_VIA_REGELRECHT_07}`,
      },
    },
    source: {
      title: 'Participatiewet, artikel 21 (normen 21 jaar tot pensioenleeftijd) en artikel 19, derde lid (vakantietoeslag 4,8 %)',
      url: `${PARTICIPATIEWET_2026_07}#Artikel21`,
      note: `Alleenstaande of alleenstaande ouder € 1.419,46, gehuwden € 2.027,79 per maand, inclusief vakantietoeslag. ${READ_VIA_REGELRECHT_07}`,
    },
  },
  incomeAllowance: {
    ...JANUARY_2026.incomeAllowance,
    source: {
      title: 'Participatiewet, artikel 31, tweede lid, onderdeel n, en vijfde lid',
      url: `${PARTICIPATIEWET_2026_07}#Artikel31`,
      note: `Ongewijzigd: 25 % van de inkomsten uit arbeid, ten hoogste € 285,00 per maand, gedurende ten hoogste zes maanden; niet onder 27 jaar. ${READ_VIA_REGELRECHT_07}`,
    },
  },
  minimumWage: {
    hourly: 14.99,
    holidayPayShare: 0.08,
    source: {
      title: 'Wet minimumloon en minimumvakantiebijslag, artikel 8 en 14; minimumuurloon per 1 juli 2026 (Rijksoverheid, Bedragen minimumloon 2026)',
      url: 'https://www.rijksoverheid.nl/themas/werk/minimumloon/bedragen-minimumloon/bedragen-minimumloon-2026',
      note: 'Het minimumuurloon voor 21 jaar en ouder is per 1 juli 2026 € 14,99 (per 1 januari 2026: € 14,71). Deze pagina van Rijksoverheid was hier niet zelf te lezen; het bedrag komt uit drie openbare teksten die haar en de ministeriële regeling ter indexatie van het wettelijk minimumloon per 1 juli 2026 aanhalen, en die het eens zijn. Controleer het bedrag in de Staatscourant voordat u ervan afhangt.',
    },
  },
  notes: [
    'De bedragen per 1 januari 2027 (normen en minimumloon) waren niet te vinden in de bronnen die Kansrijk kon raadplegen. Tot een beheerder ze invoert, rekenen we ook na 31 december 2026 met deze bedragen van 1 juli 2026; de uitkomst zegt dat erbij.',
    'Het minimumloon per 1 juli 2026 is gelezen in teksten die de bron aanhalen, niet in de bron zelf (zie de bron bij het minimumloon).',
    'De belastingcijfers gelden per kalenderjaar: dit zijn dezelfde cijfers voor 2026 als in de periode van 1 januari 2026.',
    TAX_NOTE,
  ],
});

export const DEFAULT_RULE_SETS: readonly RuleSet[] = [JANUARY_2026, JULY_2026];

/** The defaults as version 0 of their period. */
export const DEFAULT_VERSIONED_RULE_SETS: readonly VersionedRuleSet[] = DEFAULT_RULE_SETS.map((rules) => ({
  id: `builtin:${rules.validFrom}`,
  version: 0,
  rules,
}));
