/*
 * Vocabulary for synthetic populations: about 150 skills in clusters of related work, and occupations
 * that ask for them. Invented URIs (urn:kansrijk:synthetic:…), Dutch labels as staff would write them.
 * Skills next to each other in a cluster are related (partial evidence for each other).
 */

export type SyntheticSkill = { uri: string; label: string; cluster: string };
export type SyntheticOccupation = {
  uri: string;
  title: string;
  sector: string;
  /** Skill labels: the first two must, the next two should, the rest trainable. */
  skills: string[];
  licence?: string;
  certificate?: string;
};

const CLUSTERS: Record<string, string[]> = {
  logistiek: [
    'orderpicken met scanner',
    'heftruck rijden',
    'reachtruck rijden',
    'elektrische pallettruck bedienen',
    'pallets stapelen',
    'goederen ontvangen en controleren',
    'voorraad tellen',
    'inpakken en verzendklaar maken',
    'laden en lossen',
    'magazijnsysteem gebruiken',
    'retouren verwerken',
    'etiketteren',
    'zendingen controleren',
    'veilig tillen',
    'rolcontainers vullen',
  ],
  schoonmaak: [
    'kantoren schoonmaken',
    'sanitair reinigen',
    'vloeren onderhouden',
    'schrobzuigmachine bedienen',
    'glazenwassen',
    'schoonmaakmiddelen veilig gebruiken',
    'hygiëneregels toepassen',
    'afval scheiden',
    'dieptereiniging uitvoeren',
    'bedden opmaken',
    'linnengoed verzorgen',
    'desinfecteren',
  ],
  horeca: [
    'afwassen',
    'groenten snijden',
    'koken volgens recept',
    'HACCP toepassen',
    'gasten bedienen',
    'achter de bar werken',
    'tafels dekken',
    'koffie zetten',
    'keukenvoorraad beheren',
    'allergenen herkennen',
    'buffet verzorgen',
    'bestellingen opnemen',
    'frituren',
  ],
  retail: [
    'vakken vullen',
    'klanten helpen in de winkel',
    'kassa bedienen',
    'winkel netjes houden',
    'producten presenteren',
    'houdbaarheid controleren',
    'bestellingen klaarzetten',
    'klachten aannemen',
    'prijzen wijzigen',
    'broodafdeling verzorgen',
    'vers snijden en verpakken',
    'winkeldiefstal signaleren',
  ],
  zorg: [
    'persoonlijke verzorging',
    'maaltijden bereiden voor cliënten',
    'activiteiten begeleiden',
    'cliënten helpen verplaatsen',
    'observeren en rapporteren',
    'huishoudelijk werk bij cliënten',
    'luisteren naar cliënten',
    'medicijnen aanreiken',
    'omgaan met dementie',
    'wassen en aankleden',
    'gezelschap bieden',
    'hulpmiddelen gebruiken',
  ],
  productie: [
    'machine bedienen',
    'werken aan een productielijn',
    'onderdelen monteren',
    'lassen',
    'solderen',
    'meten met een schuifmaat',
    'technische tekening lezen',
    'werkplek ordenen volgens 5S',
    'productkwaliteit controleren',
    'verpakkingsmachine bedienen',
    'storingen melden',
    'grondstoffen afwegen',
    'orders registreren',
    'metaal bewerken',
  ],
  bouw: [
    'metselen',
    'timmeren',
    'schilderen',
    'tegels zetten',
    'steigers bouwen',
    'elektra aanleggen',
    'leidingen aanleggen',
    'isoleren',
    'sloopwerk uitvoeren',
    'bouwplaats opruimen',
    'gereedschap onderhouden',
    'plafonds monteren',
  ],
  groen: [
    'gras maaien',
    'snoeien',
    'planten en zaaien',
    'bestrating leggen',
    'oogsten in de kas',
    'bloemen sorteren',
    'tuingereedschap gebruiken',
    'onkruid bestrijden',
    'bladblazer bedienen',
    'bomen verzorgen',
    'water geven en bemesten',
  ],
  vervoer: [
    'bestelbus rijden',
    'pakketten bezorgen',
    'route plannen',
    'vrachtwagen rijden',
    'tachograaf gebruiken',
    'lading zekeren',
    'bus rijden',
    'reizigers helpen',
    'voertuig controleren',
    'vrachtpapieren invullen',
    'rolstoelvervoer',
  ],
  kantoor: [
    'e-mail gebruiken',
    'teksten typen',
    'werken met spreadsheets',
    'telefoon aannemen',
    'administratie bijhouden',
    'gegevens invoeren',
    'klanten te woord staan',
    'post verwerken',
    'afspraken plannen',
    'archiveren',
    'facturen controleren',
  ],
  beveiliging: [
    'toegang controleren',
    'surveilleren',
    'cameratoezicht',
    'brand en ontruiming',
    'conflicten de-escaleren',
    'rapport schrijven',
    'evenementen beveiligen',
    'sleutelbeheer',
  ],
  algemeen: [
    'samenwerken',
    'op tijd komen',
    'instructies opvolgen',
    'Nederlands spreken',
    'Nederlands lezen',
    'Engels spreken',
    'zelfstandig werken',
    'klantvriendelijk zijn',
    'nauwkeurig werken',
    'flexibel inzetbaar',
    'fysiek zwaar werk',
    'onder tijdsdruk werken',
    'problemen oplossen',
    'veilig werken',
    'eerste hulp verlenen',
  ],
};

const slug = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

export const SYNTHETIC_SKILLS: readonly SyntheticSkill[] = Object.entries(CLUSTERS).flatMap(([cluster, labels]) =>
  labels.map((label) => ({ uri: `urn:kansrijk:synthetic:skill:${slug(label)}`, label, cluster })),
);

export const SKILL_BY_LABEL: ReadonlyMap<string, SyntheticSkill> = new Map(SYNTHETIC_SKILLS.map((skill) => [skill.label, skill]));

/** Neighbours within a cluster are related, both ways. */
export const SYNTHETIC_RELATED: ReadonlyMap<string, readonly string[]> = new Map(
  Object.values(CLUSTERS).flatMap((labels) =>
    labels.map((label, index) => {
      const neighbours = [labels[index - 1], labels[index + 1]].filter((other): other is string => other !== undefined);
      return [SKILL_BY_LABEL.get(label)!.uri, neighbours.map((other) => SKILL_BY_LABEL.get(other)!.uri)] as const;
    }),
  ),
);

const occupation = (title: string, sector: string, skills: string[], extra: Partial<SyntheticOccupation> = {}): SyntheticOccupation => ({
  uri: `urn:kansrijk:synthetic:occupation:${slug(title)}`,
  title,
  sector,
  skills,
  ...extra,
});

export const SYNTHETIC_OCCUPATIONS: readonly SyntheticOccupation[] = [
  occupation('Orderpicker', 'logistiek', [
    'orderpicken met scanner',
    'veilig tillen',
    'elektrische pallettruck bedienen',
    'nauwkeurig werken',
    'reachtruck rijden',
    'magazijnsysteem gebruiken',
  ]),
  occupation('Heftruckchauffeur', 'logistiek', ['heftruck rijden', 'laden en lossen', 'pallets stapelen', 'veilig werken', 'magazijnsysteem gebruiken'], {
    certificate: 'Heftruckcertificaat',
  }),
  occupation('Magazijnmedewerker', 'logistiek', [
    'goederen ontvangen en controleren',
    'voorraad tellen',
    'inpakken en verzendklaar maken',
    'samenwerken',
    'retouren verwerken',
    'etiketteren',
  ]),
  occupation('Schoonmaker', 'schoonmaak', [
    'kantoren schoonmaken',
    'sanitair reinigen',
    'schoonmaakmiddelen veilig gebruiken',
    'zelfstandig werken',
    'schrobzuigmachine bedienen',
  ]),
  occupation('Glazenwasser', 'schoonmaak', ['glazenwassen', 'veilig werken', 'zelfstandig werken', 'op tijd komen', 'steigers bouwen'], {
    certificate: 'VCA Basis',
  }),
  occupation('Huishoudelijk medewerker hotel', 'schoonmaak', [
    'bedden opmaken',
    'sanitair reinigen',
    'linnengoed verzorgen',
    'onder tijdsdruk werken',
    'desinfecteren',
  ]),
  occupation('Afwasser', 'horeca', ['afwassen', 'hygiëneregels toepassen', 'onder tijdsdruk werken', 'samenwerken', 'HACCP toepassen']),
  occupation('Keukenhulp', 'horeca', [
    'groenten snijden',
    'HACCP toepassen',
    'koken volgens recept',
    'allergenen herkennen',
    'frituren',
    'keukenvoorraad beheren',
  ]),
  occupation('Medewerker bediening', 'horeca', [
    'gasten bedienen',
    'klantvriendelijk zijn',
    'bestellingen opnemen',
    'koffie zetten',
    'achter de bar werken',
    'tafels dekken',
  ]),
  occupation('Vakkenvuller', 'retail', ['vakken vullen', 'houdbaarheid controleren', 'fysiek zwaar werk', 'winkel netjes houden', 'producten presenteren']),
  occupation('Kassamedewerker', 'retail', [
    'kassa bedienen',
    'klantvriendelijk zijn',
    'klanten helpen in de winkel',
    'Nederlands spreken',
    'klachten aannemen',
  ]),
  occupation('Medewerker versafdeling', 'retail', [
    'vers snijden en verpakken',
    'hygiëneregels toepassen',
    'broodafdeling verzorgen',
    'klanten helpen in de winkel',
    'HACCP toepassen',
  ]),
  occupation('Helpende zorg en welzijn', 'zorg', [
    'persoonlijke verzorging',
    'observeren en rapporteren',
    'wassen en aankleden',
    'luisteren naar cliënten',
    'omgaan met dementie',
    'hulpmiddelen gebruiken',
  ]),
  occupation('Huishoudelijke hulp', 'zorg', [
    'huishoudelijk werk bij cliënten',
    'zelfstandig werken',
    'luisteren naar cliënten',
    'observeren en rapporteren',
    'gezelschap bieden',
  ]),
  occupation('Activiteitenbegeleider', 'zorg', [
    'activiteiten begeleiden',
    'gezelschap bieden',
    'samenwerken',
    'omgaan met dementie',
    'maaltijden bereiden voor cliënten',
  ]),
  occupation('Productiemedewerker', 'productie', [
    'werken aan een productielijn',
    'instructies opvolgen',
    'productkwaliteit controleren',
    'onder tijdsdruk werken',
    'verpakkingsmachine bedienen',
    'werkplek ordenen volgens 5S',
  ]),
  occupation('Operator', 'productie', [
    'machine bedienen',
    'storingen melden',
    'technische tekening lezen',
    'productkwaliteit controleren',
    'grondstoffen afwegen',
  ]),
  occupation('Lasser', 'productie', ['lassen', 'metaal bewerken', 'technische tekening lezen', 'meten met een schuifmaat', 'veilig werken'], {
    certificate: 'VCA Basis',
  }),
  occupation('Assemblagemedewerker', 'productie', [
    'onderdelen monteren',
    'nauwkeurig werken',
    'meten met een schuifmaat',
    'solderen',
    'werkplek ordenen volgens 5S',
  ]),
  occupation('Schilder', 'bouw', ['schilderen', 'veilig werken', 'steigers bouwen', 'zelfstandig werken', 'gereedschap onderhouden'], {
    certificate: 'VCA Basis',
  }),
  occupation('Bouwplaatsmedewerker', 'bouw', ['bouwplaats opruimen', 'fysiek zwaar werk', 'sloopwerk uitvoeren', 'timmeren', 'metselen'], {
    certificate: 'VCA Basis',
  }),
  occupation('Hovenier', 'groen', ['snoeien', 'gras maaien', 'planten en zaaien', 'tuingereedschap gebruiken', 'bestrating leggen', 'bomen verzorgen']),
  occupation('Medewerker glastuinbouw', 'groen', ['oogsten in de kas', 'bloemen sorteren', 'fysiek zwaar werk', 'samenwerken', 'water geven en bemesten']),
  occupation('Pakketbezorger', 'vervoer', ['pakketten bezorgen', 'bestelbus rijden', 'route plannen', 'klantvriendelijk zijn', 'voertuig controleren'], {
    licence: 'B',
  }),
  occupation('Vrachtwagenchauffeur', 'vervoer', ['vrachtwagen rijden', 'lading zekeren', 'tachograaf gebruiken', 'vrachtpapieren invullen', 'route plannen'], {
    licence: 'CE',
    certificate: 'Code 95',
  }),
  occupation('Buschauffeur', 'vervoer', ['bus rijden', 'reizigers helpen', 'klantvriendelijk zijn', 'voertuig controleren', 'rolstoelvervoer'], {
    licence: 'D',
    certificate: 'Code 95',
  }),
  occupation('Administratief medewerker', 'kantoor', [
    'administratie bijhouden',
    'gegevens invoeren',
    'werken met spreadsheets',
    'e-mail gebruiken',
    'archiveren',
    'facturen controleren',
  ]),
  occupation('Klantenservicemedewerker', 'kantoor', [
    'klanten te woord staan',
    'telefoon aannemen',
    'Nederlands spreken',
    'e-mail gebruiken',
    'afspraken plannen',
  ]),
  occupation(
    'Beveiliger',
    'beveiliging',
    ['toegang controleren', 'surveilleren', 'conflicten de-escaleren', 'rapport schrijven', 'brand en ontruiming', 'cameratoezicht'],
    {
      certificate: 'Diploma Beveiliger 2',
    },
  ),
];
