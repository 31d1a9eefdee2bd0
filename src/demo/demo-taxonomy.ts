import { createHash } from 'node:crypto';
import type { Executor } from '../../db/client.js';
import { DEMO_TAXONOMY_BASE } from '../schemas/common.js';
import { taxonomyRepository } from '../taxonomy/taxonomy.repository.js';

/*
 * A small taxonomy in our own words for the demo sectors (logistics, production, cleaning,
 * hospitality, care, retail, green maintenance), used when ESCO has not been imported. It is the
 * project's own: its concepts live in their own namespace (DEMO_TAXONOMY_BASE, ids derived from the
 * keys below), its labels and skill links are ours. Importing ESCO (npm run taxonomy:import)
 * replaces it: the importer removes the demo concepts, and this seed then no longer runs.
 */

/** A stable UUID-shaped id per key, so that the demo's URIs never change between runs. */
function demoId(kind: 'occupation' | 'skill', key: string): string {
  const hex = createHash('sha256').update(`kansrijk demo taxonomy ${kind} ${key}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
const occupationUri = (key: string) => `${DEMO_TAXONOMY_BASE}occupation/${demoId('occupation', key)}`;
const skillUri = (key: string) => `${DEMO_TAXONOMY_BASE}skill/${demoId('skill', key)}`;

type SkillType = 'skill/competence' | 'knowledge';
type DemoSkill = { uri: string; labelNl: string; altLabelsNl?: string[]; labelEn: string; skillType: SkillType };

const skill = (key: string, labelNl: string, labelEn: string, altLabelsNl: string[] = [], skillType: SkillType = 'skill/competence'): DemoSkill => ({
  uri: skillUri(key),
  labelNl,
  labelEn,
  altLabelsNl,
  skillType,
});

export const DEMO_SKILLS = {
  // logistics
  'operate-forklift': skill('operate-forklift', 'heftruck rijden', 'drive a forklift', ['heftruck besturen', 'reachtruck rijden']),
  'pick-orders': skill('pick-orders', 'orders verzamelen', 'pick orders', ['orderpicken']),
  'voice-picking': skill('voice-picking', 'orderpicken met spraaksturing', 'voice picking', ['voice picking']),
  'lift-heavy-weights': skill('lift-heavy-weights', 'zwaar tillen', 'lift heavy loads', ['lichamelijk zwaar werk']),
  'store-warehouse-goods': skill('store-warehouse-goods', 'goederen opslaan in het magazijn', 'store goods in the warehouse', ['goederen wegzetten']),
  'receive-goods': skill('receive-goods', 'goederen ontvangen en controleren', 'receive goods', ['goederenontvangst']),
  'stack-goods': skill('stack-goods', 'goederen stapelen', 'stack goods'),
  'load-pallets': skill('load-pallets', 'pallets laden', 'load pallets', ['pallets opbouwen']),
  'warehouse-records': skill('warehouse-records', 'werken met het magazijnsysteem', 'use the warehouse system', ['voorraad registreren', 'WMS']),
  'stock-rotation': skill('stock-rotation', 'voorraad rouleren (fifo)', 'rotate stock (FIFO)', ['fifo']),
  'forklift-inspection': skill('forklift-inspection', 'heftruck controleren voor gebruik', 'check a forklift before use'),
  'road-traffic-laws': skill('road-traffic-laws', 'verkeersregels', 'traffic rules', ['wegenverkeerswet'], 'knowledge'),
  'operate-gps': skill('operate-gps', 'rijden met navigatie', 'drive with satnav', ['gps gebruiken']),
  'drive-urban': skill('drive-urban', 'rijden in de stad', 'drive in town'),
  'package-types': skill('package-types', 'soorten pakketten herkennen', 'tell parcel types apart'),
  'handle-mail': skill('handle-mail', 'post en pakketten verwerken', 'handle mail and parcels', ['pakketten sorteren']),
  'pack-goods': skill('pack-goods', 'goederen inpakken', 'pack goods', ['inpakken']),
  'goods-labelling': skill('goods-labelling', 'goederen juist etiketteren', 'label goods correctly', ['etiketteren']),
  'packaging-equipment': skill('packaging-equipment', 'werken met inpakmateriaal en -apparatuur', 'use packing equipment', ['tapeapparaat gebruiken']),
  // production
  'tend-packaging-machines': skill('tend-packaging-machines', 'verpakkingsmachine bedienen', 'run a packing machine', ['verpakkingslijn bedienen']),
  'monitor-machines': skill('monitor-machines', 'machines in de gaten houden', 'watch over machines', ['storingen signaleren']),
  'conveyor-belts': skill('conveyor-belts', 'werken aan de lopende band', 'work on a conveyor line', ['bandwerk']),
  'line-quality-checks': skill('line-quality-checks', 'kwaliteit controleren aan de lijn', 'check quality on the line'),
  'apply-haccp': skill('apply-haccp', 'werken volgens HACCP', 'work to HACCP', ['haccp']),
  'protective-gear': skill('protective-gear', 'beschermingsmiddelen dragen', 'wear protective gear', ['pbm dragen']),
  'mig-welding': skill('mig-welding', 'MIG-lassen', 'MIG welding', ['co2-lassen']),
  'read-2d-plans': skill('read-2d-plans', 'technische tekeningen lezen', 'read technical drawings', ['tekening lezen']),
  'report-defects': skill('report-defects', 'fouten in materiaal melden', 'report faulty materials'),
  'quality-standards': skill('quality-standards', 'kwaliteitseisen', 'quality requirements', ['kwaliteitsnormen'], 'knowledge'),
  // cleaning
  'clean-surfaces': skill('clean-surfaces', 'oppervlakken schoonmaken', 'clean surfaces', ['afnemen', 'stofwissen']),
  'clean-floors': skill('clean-floors', 'vloeren reinigen', 'clean floors', ['dweilen', 'vloeronderhoud']),
  'floor-cleaning-machines': skill('floor-cleaning-machines', 'schrobmachine bedienen', 'run a floor scrubber', ['schrobzuigmachine']),
  'cleaning-agents': skill('cleaning-agents', 'veilig werken met schoonmaakmiddelen', 'use cleaning chemicals safely', ['schoonmaakmiddelen doseren']),
  'clean-glass': skill('clean-glass', 'glas en ramen zemen', 'clean glass and windows', ['ramen wassen', 'glasbewassing']),
  'water-fed-pole': skill('water-fed-pole', 'werken met een telescoopsteel', 'use a water-fed pole', ['osmose-installatie']),
  'clean-rooms': skill('clean-rooms', 'kamers schoonmaken', 'clean rooms', ['kamers opruimen']),
  'sort-waste': skill('sort-waste', 'afval scheiden', 'separate waste', ['afval sorteren']),
  'clean-toilets': skill('clean-toilets', 'sanitair schoonmaken', 'clean toilets and washrooms', ['toiletten reinigen']),
  'make-beds': skill('make-beds', 'bedden opmaken', 'make beds', ['bedden verschonen']),
  // hospitality
  'food-hygiene': skill('food-hygiene', 'hygiënisch werken met eten', 'handle food hygienically', ['voedselveiligheid']),
  'food-preparation': skill('food-preparation', 'eten voorbereiden', 'prepare food', ['snijden en schoonmaken van groente']),
  'dishwashing-machine': skill('dishwashing-machine', 'vaatwasser bedienen', 'run a dishwasher', ['afwassen', 'spoelkeuken']),
  'hospitality-team': skill('hospitality-team', 'samenwerken in de horeca', 'work in a hospitality team'),
  'take-orders': skill('take-orders', 'bestellingen opnemen', 'take orders', ['bestelling opnemen']),
  'serve-at-table': skill('serve-at-table', 'serveren aan tafel', 'serve at the table', ['uitserveren']),
  'cooking-techniques': skill('cooking-techniques', 'koken', 'cook', ['kooktechnieken']),
  // care
  'basic-patient-support': skill('basic-patient-support', 'helpen bij de dagelijkse verzorging', 'help with daily personal care', ['adl-hulp']),
  'empathise-client': skill('empathise-client', 'zich inleven in de cliënt', 'empathise with the client', ['inlevingsvermogen']),
  'tend-elderly': skill('tend-elderly', 'ouderen verzorgen', 'care for older people', ['ouderenzorg']),
  'wash-laundry': skill('wash-laundry', 'de was doen', 'do the laundry', ['wassen en strijken']),
  'listen-actively': skill('listen-actively', 'goed luisteren', 'listen actively', ['actief luisteren']),
  // retail
  'stock-shelves': skill('stock-shelves', 'vakken vullen', 'fill shelves', ['schappen vullen']),
  'operate-cash-point': skill('operate-cash-point', 'kassa bedienen', 'work the till', ['afrekenen']),
  'process-payments': skill('process-payments', 'betalingen afhandelen', 'take payments', ['pinbetaling']),
  'assist-customers': skill('assist-customers', 'klanten helpen', 'help customers', ['klantvriendelijk zijn']),
  // green maintenance
  'gardening-equipment': skill('gardening-equipment', 'werken met tuingereedschap', 'use garden tools', ['bosmaaier', 'heggenschaar']),
  'prune-hedges-trees': skill('prune-hedges-trees', 'hagen en bomen snoeien', 'prune hedges and trees', ['snoeien']),
  'weed-control': skill('weed-control', 'onkruid bestrijden', 'control weeds', ['wieden']),
  'nurse-plants': skill('nurse-plants', 'planten verzorgen en water geven', 'look after plants', ['plantverzorging']),
  'agricultural-machinery': skill('agricultural-machinery', 'trekker en landbouwmachines besturen', 'drive tractors and farm machines', ['trekker rijden']),
  'work-outdoors': skill('work-outdoors', 'buiten werken in weer en wind', 'work outdoors in all weathers'),
  // facilities and general
  'minor-repairs': skill('minor-repairs', 'kleine reparaties in een gebouw doen', 'do small repairs in a building', ['klussen']),
  'work-in-teams': skill('work-in-teams', 'samenwerken in een team', 'work in a team', ['teamwerk']),
  'willingness-to-learn': skill('willingness-to-learn', 'willen leren', 'be willing to learn', ['leergierig zijn']),
} satisfies Record<string, DemoSkill>;

export type DemoSkillKey = keyof typeof DEMO_SKILLS;

/**
 * The concepts the look-up would suggest for the demo's competences, as staff confirmed them
 * (issue 13.1): the words stay as the employers and people gave them, the concept is linked. Words
 * with no fitting concept in the demo taxonomy stay free ("op tijd komen en afspraken nakomen",
 * "lassen": MIG-lassen is narrower than what was said).
 */
export const DEMO_COMPETENCY_CONCEPTS: Readonly<Record<string, DemoSkillKey>> = {
  'heftruck rijden': 'operate-forklift',
  orderpicken: 'pick-orders',
  'lichamelijk zwaar werk aankunnen': 'lift-heavy-weights',
  'samenwerken in een team': 'work-in-teams',
  'werken volgens hygiëneregels (HACCP)': 'apply-haccp',
  'klantvriendelijk zijn': 'assist-customers',
  koken: 'cooking-techniques',
  'afrekenen aan de kassa': 'operate-cash-point',
  'werken met een schrobmachine': 'floor-cleaning-machines',
  snoeien: 'prune-hedges-trees',
  'werken met een bosmaaier': 'gardening-equipment',
  'trekker rijden': 'agricultural-machinery',
  'buiten werken bij elk weer': 'work-outdoors',
  'handig zijn met klussen': 'minor-repairs',
  'tekeningen lezen': 'read-2d-plans',
  'persoonlijke verzorging': 'basic-patient-support',
  'geduld en een luisterend oor': 'listen-actively',
  'de weg vinden met navigatie': 'operate-gps',
  'schoonmaken in huis': 'clean-rooms',
};

/** A demo competence with the concept staff linked to its words, where the demo taxonomy has one. */
export function withDemoConcept<T extends { label: string }>(competency: T): T & { skillUri?: string } {
  const key = DEMO_COMPETENCY_CONCEPTS[competency.label];
  return key ? { ...competency, skillUri: DEMO_SKILLS[key].uri } : competency;
}

type DemoOccupation = {
  uri: string;
  iscoGroup: string;
  labelNl: string;
  altLabelsNl: string[];
  labelEn: string;
  essential: DemoSkillKey[];
  optional: DemoSkillKey[];
};

const occupation = (
  key: string,
  iscoGroup: string,
  labelNl: string,
  altLabelsNl: string[],
  labelEn: string,
  essential: DemoSkillKey[],
  optional: DemoSkillKey[] = [],
): DemoOccupation => ({ uri: occupationUri(key), iscoGroup, labelNl, altLabelsNl, labelEn, essential, optional });

export const DEMO_OCCUPATIONS = {
  // logistics
  'order-picker': occupation('order-picker', '9333', 'orderpicker', ['orderverzamelaar', 'orderpickster', 'picker magazijn'], 'order picker', [
    'pick-orders',
    'voice-picking',
    'lift-heavy-weights',
    'store-warehouse-goods',
    'warehouse-records',
    'packaging-equipment',
  ]),
  'forklift-operator': occupation(
    'forklift-operator',
    '8344',
    'heftruckchauffeur',
    ['vorkheftruckbestuurder', 'reachtruckchauffeur', 'heftruckbestuurder'],
    'forklift driver',
    ['operate-forklift', 'forklift-inspection', 'store-warehouse-goods', 'stock-rotation', 'pick-orders', 'lift-heavy-weights'],
  ),
  'warehouse-worker': occupation(
    'warehouse-worker',
    '9333',
    'magazijnmedewerker',
    ['logistiek medewerker', 'medewerker expeditie', 'magazijnier'],
    'warehouse worker',
    ['receive-goods', 'stack-goods', 'load-pallets', 'pick-orders', 'warehouse-records', 'sort-waste', 'lift-heavy-weights'],
    ['tend-packaging-machines'],
  ),
  'materials-handler': occupation(
    'materials-handler',
    '9333',
    'laad- en losmedewerker',
    ['medewerker laden en lossen', 'lader-losser', 'pakhuismedewerker'],
    'loading and unloading worker',
    ['stack-goods', 'load-pallets', 'pick-orders', 'warehouse-records', 'sort-waste'],
    ['pack-goods', 'operate-gps'],
  ),
  'truck-driver': occupation('truck-driver', '8332', 'vrachtwagenchauffeur', ['chauffeur CE', 'beroepschauffeur', 'trucker'], 'lorry driver', [
    'road-traffic-laws',
    'operate-gps',
  ]),
  'delivery-driver': occupation(
    'delivery-driver',
    '8322',
    'bezorger bestelbus',
    ['bestelbuschauffeur', 'chauffeur bestelwagen', 'koerier bestelbus'],
    'van delivery driver',
    ['road-traffic-laws', 'drive-urban', 'package-types'],
    ['operate-gps', 'process-payments'],
  ),
  packer: occupation(
    'packer',
    '9321',
    'inpakker',
    ['inpakmedewerker', 'medewerker verpakking', 'inpakster'],
    'packer',
    ['pack-goods', 'packaging-equipment', 'goods-labelling', 'lift-heavy-weights'],
    ['voice-picking'],
  ),
  'parcel-sorter': occupation('parcel-sorter', '4412', 'pakketsorteerder', ['sorteerder', 'sorteermedewerker', 'medewerker sorteercentrum'], 'parcel sorter', [
    'handle-mail',
    'package-types',
  ]),
  'parcel-courier': occupation(
    'parcel-courier',
    '4412',
    'pakketbezorger',
    ['postbezorger', 'pakketkoerier', 'bezorger post'],
    'parcel courier',
    ['handle-mail', 'package-types', 'road-traffic-laws'],
    ['drive-urban'],
  ),
  // production
  'production-worker': occupation(
    'production-worker',
    '9329',
    'productiemedewerker',
    ['operator productie', 'fabrieksmedewerker', 'productiewerker'],
    'production worker',
    ['protective-gear', 'clean-surfaces', 'clean-floors'],
    ['pack-goods', 'lift-heavy-weights', 'quality-standards', 'floor-cleaning-machines'],
  ),
  'food-production-worker': occupation(
    'food-production-worker',
    '8160',
    'medewerker voedselproductie',
    ['productiemedewerker voedingsmiddelen', 'operator levensmiddelen', 'productiemedewerker food'],
    'food production worker',
    ['apply-haccp', 'lift-heavy-weights'],
    ['tend-packaging-machines', 'line-quality-checks', 'goods-labelling', 'operate-forklift'],
  ),
  'machine-operator': occupation(
    'machine-operator',
    '8183',
    'machineoperator',
    ['machinebediener', 'operator verpakkingslijn', 'lijnoperator'],
    'machine operator',
    ['tend-packaging-machines', 'monitor-machines', 'conveyor-belts', 'line-quality-checks', 'apply-haccp'],
    ['goods-labelling'],
  ),
  welder: occupation('welder', '7212', 'lasser', ['MIG-lasser', 'constructielasser', 'lasser-monteur'], 'welder', [
    'mig-welding',
    'read-2d-plans',
    'protective-gear',
    'quality-standards',
  ]),
  'quality-inspector': occupation(
    'quality-inspector',
    '7543',
    'kwaliteitscontroleur',
    ['kwaliteitsinspecteur', 'medewerker kwaliteitscontrole', 'QC-medewerker'],
    'quality inspector',
    ['quality-standards', 'report-defects'],
  ),
  // cleaning
  'building-cleaner': occupation(
    'building-cleaner',
    '9112',
    'schoonmaker',
    ['schoonmaakmedewerker', 'schoonmaakster', 'kantoorschoonmaker', 'industrieel reiniger', 'ziekenhuisschoonmaker'],
    'cleaner',
    ['clean-surfaces', 'clean-floors', 'floor-cleaning-machines', 'clean-glass', 'sort-waste', 'minor-repairs'],
    ['clean-toilets', 'clean-rooms'],
  ),
  'window-cleaner': occupation('window-cleaner', '9123', 'glazenwasser', ['glazenwasster', 'ramenwasser', 'glasbewasser'], 'window cleaner', [
    'clean-glass',
    'water-fed-pole',
    'cleaning-agents',
  ]),
  'domestic-helper': occupation(
    'domestic-helper',
    '9111',
    'huishoudelijk medewerker',
    ['huishoudelijke hulp', 'thuishulp', 'huishoudhulp'],
    'domestic helper',
    ['clean-surfaces', 'clean-rooms', 'clean-toilets', 'clean-glass', 'wash-laundry', 'make-beds', 'cleaning-agents'],
    ['sort-waste', 'lift-heavy-weights'],
  ),
  // hospitality
  'room-attendant': occupation(
    'room-attendant',
    '9112',
    'kamermedewerker hotel',
    ['roomattendant', 'kamermeisje', 'medewerker housekeeping'],
    'room attendant',
    ['clean-rooms', 'cleaning-agents', 'food-hygiene'],
    ['make-beds', 'clean-toilets', 'clean-floors', 'clean-glass'],
  ),
  'kitchen-assistant': occupation('kitchen-assistant', '9412', 'keukenhulp', ['keukenassistent', 'hulpkok', 'keukenmedewerker'], 'kitchen assistant', [
    'food-preparation',
    'food-hygiene',
    'clean-surfaces',
    'cleaning-agents',
    'stock-rotation',
    'hospitality-team',
  ]),
  'kitchen-porter': occupation(
    'kitchen-porter',
    '9412',
    'afwasser',
    ['spoelkeukenmedewerker', 'afwashulp', 'medewerker spoelkeuken'],
    'dishwasher',
    ['dishwashing-machine', 'food-hygiene', 'cleaning-agents', 'clean-surfaces', 'stock-rotation', 'hospitality-team'],
    ['food-preparation'],
  ),
  waiter: occupation('waiter', '5131', 'medewerker bediening', ['ober', 'serveerster', 'kelner'], 'waiter', [
    'take-orders',
    'serve-at-table',
    'assist-customers',
    'process-payments',
    'food-hygiene',
    'clean-surfaces',
    'hospitality-team',
  ]),
  cook: occupation(
    'cook',
    '5120',
    'kok',
    ['zelfstandig werkend kok', 'kokkin', 'keukenkok'],
    'cook',
    ['cooking-techniques', 'food-preparation', 'food-hygiene', 'hospitality-team'],
    ['cleaning-agents'],
  ),
  // care
  'care-assistant': occupation('care-assistant', '5321', 'zorghulp', ['helpende zorg', 'zorgassistent', 'helpende zorg en welzijn'], 'care assistant', [
    'basic-patient-support',
    'empathise-client',
    'listen-actively',
  ]),
  'nurse-assistant': occupation(
    'nurse-assistant',
    '5321',
    'verpleeghulp',
    ['assistent verpleging', 'verzorgingshulp', 'hulp in de verpleging'],
    'nursing assistant',
    ['basic-patient-support', 'empathise-client', 'listen-actively'],
  ),
  'home-care-aide': occupation(
    'home-care-aide',
    '5322',
    'thuiszorgmedewerker',
    ['medewerker thuiszorg', 'verzorgende thuiszorg', 'thuiszorghulp'],
    'home care worker',
    ['tend-elderly', 'wash-laundry', 'make-beds'],
    ['listen-actively', 'clean-rooms', 'clean-surfaces', 'food-preparation', 'cooking-techniques', 'lift-heavy-weights'],
  ),
  'facility-worker': occupation(
    'facility-worker',
    '5153',
    'facilitair medewerker',
    ['huismeester', 'conciërge', 'medewerker facilitaire dienst'],
    'facilities worker',
    [],
    ['clean-surfaces', 'clean-rooms', 'gardening-equipment'],
  ),
  // retail
  'shelf-filler': occupation(
    'shelf-filler',
    '9334',
    'vakkenvuller',
    ['schappenvuller', 'vulploegmedewerker', 'medewerker vulploeg'],
    'shelf filler',
    ['stock-shelves', 'food-hygiene'],
    ['stock-rotation'],
  ),
  cashier: occupation('cashier', '5230', 'caissière', ['kassamedewerker', 'kassier', 'medewerker kassa'], 'cashier', [
    'operate-cash-point',
    'process-payments',
  ]),
  'sales-assistant': occupation(
    'sales-assistant',
    '5223',
    'verkoopmedewerker',
    ['winkelmedewerker', 'verkoper', 'winkelbediende'],
    'sales assistant',
    ['operate-cash-point', 'stock-shelves'],
    ['listen-actively'],
  ),
  // green maintenance
  gardener: occupation(
    'gardener',
    '6113',
    'medewerker groenvoorziening',
    ['groenmedewerker', 'medewerker groenonderhoud', 'groenvoorzieningsmedewerker'],
    'groundskeeper',
    ['gardening-equipment', 'weed-control'],
    ['prune-hedges-trees', 'nurse-plants'],
  ),
  'landscape-gardener': occupation('landscape-gardener', '6113', 'hovenier', ['tuinman', 'tuinonderhouder', 'tuinaanlegger'], 'landscape gardener', [
    'gardening-equipment',
    'prune-hedges-trees',
    'weed-control',
    'nurse-plants',
    'work-outdoors',
  ]),
  'nursery-worker': occupation(
    'nursery-worker',
    '9214',
    'medewerker kwekerij',
    ['tuinbouwmedewerker', 'kwekerijmedewerker', 'kasmedewerker'],
    'nursery worker',
    ['nurse-plants', 'gardening-equipment'],
  ),
  'tractor-driver': occupation(
    'tractor-driver',
    '8341',
    'trekkerchauffeur',
    ['tractorbestuurder', 'landbouwmachinist', 'trekkerbestuurder'],
    'tractor driver',
    ['agricultural-machinery', 'road-traffic-laws'],
    ['operate-gps'],
  ),
} satisfies Record<string, DemoOccupation>;

export type DemoOccupationKey = keyof typeof DEMO_OCCUPATIONS;

/**
 * The occupation keys that src/demo/demo-employers.ts uses, mapped to the demo taxonomy's URIs.
 * Office, hospital and industrial cleaners are all the building cleaner here.
 */
export const DEMO_OCCUPATION_URIS: Record<string, string> = {
  ...Object.fromEntries(Object.entries(DEMO_OCCUPATIONS).map(([key, value]) => [key, value.uri])),
  'office-cleaner': DEMO_OCCUPATIONS['building-cleaner'].uri,
  'hospital-cleaner': DEMO_OCCUPATIONS['building-cleaner'].uri,
  'industrial-cleaner': DEMO_OCCUPATIONS['building-cleaner'].uri,
};

/**
 * Puts the demo taxonomy in place (source 'demo'), unless ESCO has been imported: then ESCO is the
 * taxonomy and the demo's concepts are gone (the importer removes them). Idempotent: unchanged rows
 * are not written.
 */
export async function seedDemoTaxonomy(db: Executor): Promise<{ occupations: number; skills: number; links: number }> {
  return db.transaction(async (tx) => {
    const repository = taxonomyRepository(tx);
    if (await repository.hasEsco()) return { occupations: 0, skills: 0, links: 0 };
    // Concepts an earlier version of the demo defined, and this one no longer does, go.
    await repository.removeDemo([...Object.values(DEMO_OCCUPATIONS), ...Object.values(DEMO_SKILLS)].map((concept) => concept.uri));
    const skills = await repository.upsertSkills(
      Object.values(DEMO_SKILLS).map((demo) => ({
        uri: demo.uri,
        skillType: demo.skillType,
        reuseLevel: null,
        labelNl: demo.labelNl,
        labelEn: demo.labelEn,
        altLabelsNl: demo.altLabelsNl,
        altLabelsEn: [],
        descriptionEn: null,
        source: 'demo',
      })),
    );
    const occupations = await repository.upsertOccupations(
      Object.values(DEMO_OCCUPATIONS).map((demo) => ({
        uri: demo.uri,
        code: null,
        iscoGroup: demo.iscoGroup,
        labelNl: demo.labelNl,
        labelEn: demo.labelEn,
        altLabelsNl: demo.altLabelsNl,
        hiddenLabelsNl: [],
        altLabelsEn: [],
        descriptionNl: null,
        descriptionEn: null,
        regulatedNote: null,
        source: 'demo',
      })),
    );

    const ours = Object.values(DEMO_OCCUPATIONS);
    const links = ours.flatMap((demo) => [
      ...demo.essential.map((key) => ({ occupationUri: demo.uri, skillUri: DEMO_SKILLS[key].uri, relation: 'essential' })),
      ...demo.optional.map((key) => ({ occupationUri: demo.uri, skillUri: DEMO_SKILLS[key].uri, relation: 'optional' })),
    ]);
    const wanted = new Set(links.map((link) => `${link.occupationUri} ${link.skillUri}`));
    const existing = await repository.skillLinksOf(ours.map((demo) => demo.uri));
    const stale = existing.filter((link) => !wanted.has(`${link.occupationUri} ${link.skillUri}`)).map((link) => [link.occupationUri, link.skillUri] as const);
    await repository.deleteOccupationSkills(stale);
    const written = await repository.upsertOccupationSkills(links);
    return { occupations, skills, links: written + stale.length };
  });
}
