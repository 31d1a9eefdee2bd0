import type { Executor } from '../../db/client.js';
import { taxonomyRepository } from '../taxonomy/taxonomy.repository.js';

/*
 * A small taxonomy in our own words for the demo sectors (logistics, production, cleaning,
 * hospitality, care, retail, green maintenance), used when ESCO has not been imported. The URIs
 * are the real ESCO concept URIs (identifiers), so that an ESCO import later takes these rows
 * over and vacancies keep pointing at the same concepts; the labels are ours. Every skill link
 * below is one that ESCO also makes, with the same weight (essential/optional).
 */

const ESCO = 'http://data.europa.eu/esco/';
const occupationUri = (id: string) => `${ESCO}occupation/${id}`;
const skillUri = (id: string) => `${ESCO}skill/${id}`;

type SkillType = 'skill/competence' | 'knowledge';
type DemoSkill = { uri: string; labelNl: string; altLabelsNl?: string[]; labelEn: string; skillType: SkillType };

const skill = (id: string, labelNl: string, labelEn: string, altLabelsNl: string[] = [], skillType: SkillType = 'skill/competence'): DemoSkill => ({
  uri: skillUri(id),
  labelNl,
  labelEn,
  altLabelsNl,
  skillType,
});

export const DEMO_SKILLS = {
  // logistics
  'operate-forklift': skill('28cb374e-6261-4133-8371-f9a5470145da', 'heftruck rijden', 'drive a forklift', ['heftruck besturen', 'reachtruck rijden']),
  'pick-orders': skill('ee5e2297-39cc-4ed6-89e5-d58016118a7f', 'orders verzamelen', 'pick orders', ['orderpicken']),
  'voice-picking': skill('28b7d7fb-0483-4877-9aaa-f990f10f16f5', 'orderpicken met spraaksturing', 'voice picking', ['voice picking']),
  'lift-heavy-weights': skill('ab2bb44a-3956-4028-8715-8b70b1960b99', 'zwaar tillen', 'lift heavy loads', ['lichamelijk zwaar werk']),
  'store-warehouse-goods': skill('e883d55a-75ae-460b-ba0a-47fecf14f1b3', 'goederen opslaan in het magazijn', 'store goods in the warehouse', ['goederen wegzetten']),
  'receive-goods': skill('2cae39d6-78c2-4ce3-bee8-628504371463', 'goederen ontvangen en controleren', 'receive goods', ['goederenontvangst']),
  'stack-goods': skill('3d086228-d7fc-4c23-972a-22b7d44a6173', 'goederen stapelen', 'stack goods'),
  'load-pallets': skill('fd9c8437-6e20-47b5-8508-f23f442446c2', 'pallets laden', 'load pallets', ['pallets opbouwen']),
  'warehouse-records': skill('055ff233-6569-43db-9f95-a4b03dca97da', 'werken met het magazijnsysteem', 'use the warehouse system', ['voorraad registreren', 'WMS']),
  'stock-rotation': skill('ca55d9dd-f177-45b6-a2ee-1a4695044b76', 'voorraad rouleren (fifo)', 'rotate stock (FIFO)', ['fifo']),
  'forklift-inspection': skill('3c84f7d9-7a3e-4343-814f-31de0aa61651', 'heftruck controleren voor gebruik', 'check a forklift before use'),
  'road-traffic-laws': skill('48f480aa-c9a8-4552-b1c5-e94330912257', 'verkeersregels', 'traffic rules', ['wegenverkeerswet'], 'knowledge'),
  'operate-gps': skill('97fb21db-a4e5-4b03-af21-03b9d510d872', 'rijden met navigatie', 'drive with satnav', ['gps gebruiken']),
  'drive-urban': skill('2815f65d-6adb-46a6-8041-5768febf5580', 'rijden in de stad', 'drive in town'),
  'package-types': skill('fd6ab598-d7b1-4cef-9e54-e8f1a725881c', 'soorten pakketten herkennen', 'tell parcel types apart'),
  'handle-mail': skill('76f22707-8d30-453f-9eb7-3376e2960311', 'post en pakketten verwerken', 'handle mail and parcels', ['pakketten sorteren']),
  'pack-goods': skill('667cbbaf-f377-46d8-8f2d-1f6d8a55d74a', 'goederen inpakken', 'pack goods', ['inpakken']),
  'goods-labelling': skill('6fcf2fc7-7b74-42e5-845f-f5854fd44f37', 'goederen juist etiketteren', 'label goods correctly', ['etiketteren']),
  'packaging-equipment': skill('27536739-c38b-45d2-9e96-1573b1d32fdd', 'werken met inpakmateriaal en -apparatuur', 'use packing equipment', ['tapeapparaat gebruiken']),
  // production
  'tend-packaging-machines': skill('01fec851-b5f4-419b-940a-3b4c835adfa8', 'verpakkingsmachine bedienen', 'run a packing machine', ['verpakkingslijn bedienen']),
  'monitor-machines': skill('188048ff-18bf-43c4-a1a0-7adb6e68f421', 'machines in de gaten houden', 'watch over machines', ['storingen signaleren']),
  'conveyor-belts': skill('77d83989-fe69-4e2c-a04a-bf1207918ac3', 'werken aan de lopende band', 'work on a conveyor line', ['bandwerk']),
  'line-quality-checks': skill('5d05068e-7ae7-4ff6-8fa3-e35ea03b48b1', 'kwaliteit controleren aan de lijn', 'check quality on the line'),
  'apply-haccp': skill('5ba1d5b9-3f8d-46ca-bf9f-2e9ca65d1350', 'werken volgens HACCP', 'work to HACCP', ['haccp']),
  'protective-gear': skill('6122d586-5978-431f-8e7a-96e61fc1f3fc', 'beschermingsmiddelen dragen', 'wear protective gear', ['pbm dragen']),
  'mig-welding': skill('f015c5d5-6a1c-4f63-9012-a05f4f34105e', 'MIG-lassen', 'MIG welding', ['co2-lassen']),
  'read-2d-plans': skill('dfce2aba-783e-4e17-9c17-e74aca505ec2', 'technische tekeningen lezen', 'read technical drawings', ['tekening lezen']),
  'report-defects': skill('a349fbfc-8b65-44f2-a112-761be2218cbc', 'fouten in materiaal melden', 'report faulty materials'),
  'quality-standards': skill('8d4271ca-c9fd-40b3-875f-15f78332a49e', 'kwaliteitseisen', 'quality requirements', ['kwaliteitsnormen'], 'knowledge'),
  // cleaning
  'clean-surfaces': skill('6ff01827-907d-43d8-b6e4-7162c1cf0aca', 'oppervlakken schoonmaken', 'clean surfaces', ['afnemen', 'stofwissen']),
  'clean-floors': skill('a2cd3b30-2d6c-473e-a5d4-4e7cb576babe', 'vloeren reinigen', 'clean floors', ['dweilen', 'vloeronderhoud']),
  'floor-cleaning-machines': skill('2ed98048-bf2f-47e5-a0de-fd23d6abe2f6', 'schrobmachine bedienen', 'run a floor scrubber', ['schrobzuigmachine']),
  'cleaning-agents': skill('51a26193-9abe-4bce-9108-f50835be1c35', 'veilig werken met schoonmaakmiddelen', 'use cleaning chemicals safely', ['schoonmaakmiddelen doseren']),
  'clean-glass': skill('d05ae693-dc7d-4073-8806-2782f117c24a', 'glas en ramen zemen', 'clean glass and windows', ['ramen wassen', 'glasbewassing']),
  'water-fed-pole': skill('07547bd9-fede-40e4-96c4-71a264c9362c', 'werken met een telescoopsteel', 'use a water-fed pole', ['osmose-installatie']),
  'clean-rooms': skill('7bb01a18-4637-4535-ba18-258f48f705b8', 'kamers schoonmaken', 'clean rooms', ['kamers opruimen']),
  'sort-waste': skill('110d7aa3-e44e-4cce-a927-8d4de615f3d9', 'afval scheiden', 'separate waste', ['afval sorteren']),
  'clean-toilets': skill('58a15a33-2b41-4a7e-bb8a-777328b5d82a', 'sanitair schoonmaken', 'clean toilets and washrooms', ['toiletten reinigen']),
  'make-beds': skill('e0c6fdd1-336a-4e2f-91d1-ab4a2f9c385d', 'bedden opmaken', 'make beds', ['bedden verschonen']),
  // hospitality
  'food-hygiene': skill('0ff99f51-40d9-42f1-a1ec-377b2bb5e15f', 'hygiënisch werken met eten', 'handle food hygienically', ['voedselveiligheid']),
  'food-preparation': skill('4b15a965-9bb4-42f1-8e44-1024aeb0b08c', 'eten voorbereiden', 'prepare food', ['snijden en schoonmaken van groente']),
  'dishwashing-machine': skill('f20aedf0-6543-498d-b88e-0a32e604acbb', 'vaatwasser bedienen', 'run a dishwasher', ['afwassen', 'spoelkeuken']),
  'hospitality-team': skill('8c8da904-cdb3-47d9-bfbf-15ade747d9ec', 'samenwerken in de horeca', 'work in a hospitality team'),
  'take-orders': skill('704bed2c-737a-4585-b840-1d28bbcab9b4', 'bestellingen opnemen', 'take orders', ['bestelling opnemen']),
  'serve-at-table': skill('42a6eff0-e9d9-423d-877b-e48fe91ff26f', 'serveren aan tafel', 'serve at the table', ['uitserveren']),
  'cooking-techniques': skill('f3934441-4bff-4076-9945-e6c51a01c467', 'koken', 'cook', ['kooktechnieken']),
  // care
  'basic-patient-support': skill('24f980ba-b44f-4739-b563-205104c3190d', 'helpen bij de dagelijkse verzorging', 'help with daily personal care', ['adl-hulp']),
  'empathise-client': skill('2475cd27-8d6c-4318-a364-21395b23acba', 'zich inleven in de cliënt', 'empathise with the client', ['inlevingsvermogen']),
  'tend-elderly': skill('261e740b-d32d-4356-94a8-3ea29128b70b', 'ouderen verzorgen', 'care for older people', ['ouderenzorg']),
  'wash-laundry': skill('04838ae5-a737-48a0-a782-3d1b6b6cb75b', 'de was doen', 'do the laundry', ['wassen en strijken']),
  'listen-actively': skill('a17286c5-238d-4f0b-bc24-29e9121345de', 'goed luisteren', 'listen actively', ['actief luisteren']),
  // retail
  'stock-shelves': skill('7e9daad3-8604-4839-af9b-dc6f8db3ef68', 'vakken vullen', 'fill shelves', ['schappen vullen']),
  'operate-cash-point': skill('279101c1-e325-4349-bf58-401b6c8ff208', 'kassa bedienen', 'work the till', ['afrekenen']),
  'process-payments': skill('bdcac0c8-b77a-4640-9eaf-c0cf3efd1e23', 'betalingen afhandelen', 'take payments', ['pinbetaling']),
  'assist-customers': skill('61970f8b-099c-4e7e-82e0-9ccdced0baf3', 'klanten helpen', 'help customers', ['klantvriendelijk zijn']),
  // green maintenance
  'gardening-equipment': skill('8a1942a8-bebd-4cc5-bdff-fe215aaa3de5', 'werken met tuingereedschap', 'use garden tools', ['bosmaaier', 'heggenschaar']),
  'prune-hedges-trees': skill('51097602-8e4e-4830-8f35-d77afc713fc0', 'hagen en bomen snoeien', 'prune hedges and trees', ['snoeien']),
  'weed-control': skill('94a1b3c5-2a95-4703-8559-973bc6d14747', 'onkruid bestrijden', 'control weeds', ['wieden']),
  'nurse-plants': skill('7b3717e4-e963-44e0-b94f-1088a7242da0', 'planten verzorgen en water geven', 'look after plants', ['plantverzorging']),
  'agricultural-machinery': skill('00dd3271-077f-4a12-a958-e297fdd724ce', 'trekker en landbouwmachines besturen', 'drive tractors and farm machines', ['trekker rijden']),
  'work-outdoors': skill('0e355580-bd4a-465a-8058-92984623070e', 'buiten werken in weer en wind', 'work outdoors in all weathers'),
  // facilities and general
  'minor-repairs': skill('6768f208-f11e-4a07-8644-c59d5e035b76', 'kleine reparaties in een gebouw doen', 'do small repairs in a building', ['klussen']),
  'work-in-teams': skill('60c78287-22eb-4103-9c8c-28deaa460da0', 'samenwerken in een team', 'work in a team', ['teamwerk']),
  'willingness-to-learn': skill('9bf266a6-188b-4d17-a22f-2f266d76832b', 'willen leren', 'be willing to learn', ['leergierig zijn']),
} satisfies Record<string, DemoSkill>;

export type DemoSkillKey = keyof typeof DEMO_SKILLS;

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
  id: string,
  iscoGroup: string,
  labelNl: string,
  altLabelsNl: string[],
  labelEn: string,
  essential: DemoSkillKey[],
  optional: DemoSkillKey[] = [],
): DemoOccupation => ({ uri: occupationUri(id), iscoGroup, labelNl, altLabelsNl, labelEn, essential, optional });

export const DEMO_OCCUPATIONS = {
  // logistics
  'order-picker': occupation('cd94def5-3442-4c2e-ae3d-0761a3008bcb', '9333', 'orderpicker', ['orderverzamelaar', 'orderpickster', 'picker magazijn'], 'order picker', [
    'pick-orders', 'voice-picking', 'lift-heavy-weights', 'store-warehouse-goods', 'warehouse-records', 'packaging-equipment',
  ]),
  'forklift-operator': occupation('eeac6251-1974-42f5-91ed-513c6c883755', '8344', 'heftruckchauffeur', ['vorkheftruckbestuurder', 'reachtruckchauffeur', 'heftruckbestuurder'], 'forklift driver', [
    'operate-forklift', 'forklift-inspection', 'store-warehouse-goods', 'stock-rotation', 'pick-orders', 'lift-heavy-weights',
  ]),
  'warehouse-worker': occupation('bea705fe-06ac-4147-b8e0-6e8ac1208d8f', '9333', 'magazijnmedewerker', ['logistiek medewerker', 'medewerker expeditie', 'magazijnier'], 'warehouse worker', [
    'receive-goods', 'stack-goods', 'load-pallets', 'pick-orders', 'warehouse-records', 'sort-waste', 'lift-heavy-weights',
  ], ['tend-packaging-machines']),
  'materials-handler': occupation('808becc8-5a4e-4e71-a043-c2ea32b56ae3', '9333', 'laad- en losmedewerker', ['medewerker laden en lossen', 'lader-losser', 'pakhuismedewerker'], 'loading and unloading worker', [
    'stack-goods', 'load-pallets', 'pick-orders', 'warehouse-records', 'sort-waste',
  ], ['pack-goods', 'operate-gps']),
  'truck-driver': occupation('45037d43-a8f5-4f46-b332-b2935bc305f4', '8332', 'vrachtwagenchauffeur', ['chauffeur CE', 'beroepschauffeur', 'trucker'], 'lorry driver', [
    'road-traffic-laws', 'operate-gps',
  ]),
  'delivery-driver': occupation('0c408028-c48f-4df8-ba5d-c3d3be15f5a2', '8322', 'bezorger bestelbus', ['bestelbuschauffeur', 'chauffeur bestelwagen', 'koerier bestelbus'], 'van delivery driver', [
    'road-traffic-laws', 'drive-urban', 'package-types',
  ], ['operate-gps', 'process-payments']),
  'packer': occupation('f5cb9901-86fc-48d0-9cde-667fbe8cef3a', '9321', 'inpakker', ['inpakmedewerker', 'medewerker verpakking', 'inpakster'], 'packer', [
    'pack-goods', 'packaging-equipment', 'goods-labelling', 'lift-heavy-weights',
  ], ['voice-picking']),
  'parcel-sorter': occupation('511f366c-ba41-4826-9622-8cda6d6e3b91', '4412', 'pakketsorteerder', ['sorteerder', 'sorteermedewerker', 'medewerker sorteercentrum'], 'parcel sorter', [
    'handle-mail', 'package-types',
  ]),
  'parcel-courier': occupation('7ed2e153-8da8-4c0d-b4c5-3402c623f34b', '4412', 'pakketbezorger', ['postbezorger', 'pakketkoerier', 'bezorger post'], 'parcel courier', [
    'handle-mail', 'package-types', 'road-traffic-laws',
  ], ['drive-urban']),
  // production
  'production-worker': occupation('245be6d1-fe9a-4ac8-9f81-122a687e4724', '9329', 'productiemedewerker', ['operator productie', 'fabrieksmedewerker', 'productiewerker'], 'production worker', [
    'protective-gear', 'clean-surfaces', 'clean-floors',
  ], ['pack-goods', 'lift-heavy-weights', 'quality-standards', 'floor-cleaning-machines']),
  'food-production-worker': occupation('e3dc66de-99c7-4607-a82b-7244036d316d', '8160', 'medewerker voedselproductie', ['productiemedewerker voedingsmiddelen', 'operator levensmiddelen', 'productiemedewerker food'], 'food production worker', [
    'apply-haccp', 'lift-heavy-weights',
  ], ['tend-packaging-machines', 'line-quality-checks', 'goods-labelling', 'operate-forklift']),
  'machine-operator': occupation('b0fa69b4-998c-4e66-acd3-5f5d73cadb5c', '8183', 'machineoperator', ['machinebediener', 'operator verpakkingslijn', 'lijnoperator'], 'machine operator', [
    'tend-packaging-machines', 'monitor-machines', 'conveyor-belts', 'line-quality-checks', 'apply-haccp',
  ], ['goods-labelling']),
  'welder': occupation('7aedaa07-3884-4c5b-88f9-80997b2aa54b', '7212', 'lasser', ['MIG-lasser', 'constructielasser', 'lasser-monteur'], 'welder', [
    'mig-welding', 'read-2d-plans', 'protective-gear', 'quality-standards',
  ]),
  'quality-inspector': occupation('61d9270c-491d-438d-8d41-77ba2e0ef023', '7543', 'kwaliteitscontroleur', ['kwaliteitsinspecteur', 'medewerker kwaliteitscontrole', 'QC-medewerker'], 'quality inspector', [
    'quality-standards', 'report-defects',
  ]),
  // cleaning
  'building-cleaner': occupation('303a1e34-cb16-4054-b323-81e5eec17397', '9112', 'schoonmaker', ['schoonmaakmedewerker', 'schoonmaakster', 'kantoorschoonmaker', 'industrieel reiniger', 'ziekenhuisschoonmaker'], 'cleaner', [
    'clean-surfaces', 'clean-floors', 'floor-cleaning-machines', 'clean-glass', 'sort-waste', 'minor-repairs',
  ], ['clean-toilets', 'clean-rooms']),
  'window-cleaner': occupation('92cba6b4-8fca-49bb-b68c-45c5096fedc9', '9123', 'glazenwasser', ['glazenwasster', 'ramenwasser', 'glasbewasser'], 'window cleaner', [
    'clean-glass', 'water-fed-pole', 'cleaning-agents',
  ]),
  'domestic-helper': occupation('cbad55a4-c7cf-4ab6-9540-eac72b26729b', '9111', 'huishoudelijk medewerker', ['huishoudelijke hulp', 'thuishulp', 'huishoudhulp'], 'domestic helper', [
    'clean-surfaces', 'clean-rooms', 'clean-toilets', 'clean-glass', 'wash-laundry', 'make-beds', 'cleaning-agents',
  ], ['sort-waste', 'lift-heavy-weights']),
  // hospitality
  'room-attendant': occupation('731ecac4-06e8-4ec2-a559-101fecbd9183', '9112', 'kamermedewerker hotel', ['roomattendant', 'kamermeisje', 'medewerker housekeeping'], 'room attendant', [
    'clean-rooms', 'cleaning-agents', 'food-hygiene',
  ], ['make-beds', 'clean-toilets', 'clean-floors', 'clean-glass']),
  'kitchen-assistant': occupation('e1cf6897-158d-4b48-a39e-2a3a8cac216c', '9412', 'keukenhulp', ['keukenassistent', 'hulpkok', 'keukenmedewerker'], 'kitchen assistant', [
    'food-preparation', 'food-hygiene', 'clean-surfaces', 'cleaning-agents', 'stock-rotation', 'hospitality-team',
  ]),
  'kitchen-porter': occupation('f756fdab-7726-4c48-bfcc-94ff8810fc08', '9412', 'afwasser', ['spoelkeukenmedewerker', 'afwashulp', 'medewerker spoelkeuken'], 'dishwasher', [
    'dishwashing-machine', 'food-hygiene', 'cleaning-agents', 'clean-surfaces', 'stock-rotation', 'hospitality-team',
  ], ['food-preparation']),
  'waiter': occupation('d5db9d5c-2ebf-4a54-a79a-1b7e7ff70471', '5131', 'medewerker bediening', ['ober', 'serveerster', 'kelner'], 'waiter', [
    'take-orders', 'serve-at-table', 'assist-customers', 'process-payments', 'food-hygiene', 'clean-surfaces', 'hospitality-team',
  ]),
  'cook': occupation('90f75f67-495d-49fa-ab57-2f320e251d7e', '5120', 'kok', ['zelfstandig werkend kok', 'kokkin', 'keukenkok'], 'cook', [
    'cooking-techniques', 'food-preparation', 'food-hygiene', 'hospitality-team',
  ], ['cleaning-agents']),
  // care
  'care-assistant': occupation('d38c2107-98f2-47b7-8bb4-f69750d51082', '5321', 'zorghulp', ['helpende zorg', 'zorgassistent', 'helpende zorg en welzijn'], 'care assistant', [
    'basic-patient-support', 'empathise-client', 'listen-actively',
  ]),
  'nurse-assistant': occupation('87d0795a-d41f-47ee-979f-0ab7d73836e7', '5321', 'verpleeghulp', ['assistent verpleging', 'verzorgingshulp', 'hulp in de verpleging'], 'nursing assistant', [
    'basic-patient-support', 'empathise-client', 'listen-actively',
  ]),
  'home-care-aide': occupation('1391bdf9-bd61-4fb5-91ca-c29036ab2b60', '5322', 'thuiszorgmedewerker', ['medewerker thuiszorg', 'verzorgende thuiszorg', 'thuiszorghulp'], 'home care worker', [
    'tend-elderly', 'wash-laundry', 'make-beds',
  ], ['listen-actively', 'clean-rooms', 'clean-surfaces', 'food-preparation', 'cooking-techniques', 'lift-heavy-weights']),
  'facility-worker': occupation('1822bfc2-e735-449f-ba00-ca71eb5c062b', '5153', 'facilitair medewerker', ['huismeester', 'conciërge', 'medewerker facilitaire dienst'], 'facilities worker', [], [
    'clean-surfaces', 'clean-rooms', 'gardening-equipment',
  ]),
  // retail
  'shelf-filler': occupation('d35f9e79-5778-43b4-8667-0e3ba1fcb19a', '9334', 'vakkenvuller', ['schappenvuller', 'vulploegmedewerker', 'medewerker vulploeg'], 'shelf filler', [
    'stock-shelves', 'food-hygiene',
  ], ['stock-rotation']),
  'cashier': occupation('2b871272-bd61-4206-bd1a-0b96d7023098', '5230', 'caissière', ['kassamedewerker', 'kassier', 'medewerker kassa'], 'cashier', [
    'operate-cash-point', 'process-payments',
  ]),
  'sales-assistant': occupation('9ba74e8a-c40c-4228-9998-eb3c7a5c11df', '5223', 'verkoopmedewerker', ['winkelmedewerker', 'verkoper', 'winkelbediende'], 'sales assistant', [
    'operate-cash-point', 'stock-shelves',
  ], ['listen-actively']),
  // green maintenance
  'gardener': occupation('a48b9a5a-5ded-482d-8cda-7fd097a32c16', '6113', 'medewerker groenvoorziening', ['groenmedewerker', 'medewerker groenonderhoud', 'groenvoorzieningsmedewerker'], 'groundskeeper', [
    'gardening-equipment', 'weed-control',
  ], ['prune-hedges-trees', 'nurse-plants']),
  'landscape-gardener': occupation('e7970c7a-7769-4002-87d3-0a8ea94fdd6f', '6113', 'hovenier', ['tuinman', 'tuinonderhouder', 'tuinaanlegger'], 'landscape gardener', [
    'gardening-equipment', 'prune-hedges-trees', 'weed-control', 'nurse-plants', 'work-outdoors',
  ]),
  'nursery-worker': occupation('1a9d99ba-4c08-4864-8f6a-1b0f2b4cf883', '9214', 'medewerker kwekerij', ['tuinbouwmedewerker', 'kwekerijmedewerker', 'kasmedewerker'], 'nursery worker', [
    'nurse-plants', 'gardening-equipment',
  ]),
  'tractor-driver': occupation('1b8c75a9-407b-4554-a7d6-df391672c6b1', '8341', 'trekkerchauffeur', ['tractorbestuurder', 'landbouwmachinist', 'trekkerbestuurder'], 'tractor driver', [
    'agricultural-machinery', 'road-traffic-laws',
  ], ['operate-gps']),
} satisfies Record<string, DemoOccupation>;

export type DemoOccupationKey = keyof typeof DEMO_OCCUPATIONS;

/**
 * The occupation keys that src/demo/demo-employers.ts uses, mapped to ESCO occupation URIs.
 * ESCO has no separate office, hospital or industrial cleaner: all three are its building cleaner.
 */
export const DEMO_OCCUPATION_URIS: Record<string, string> = {
  ...Object.fromEntries(Object.entries(DEMO_OCCUPATIONS).map(([key, value]) => [key, value.uri])),
  'office-cleaner': DEMO_OCCUPATIONS['building-cleaner'].uri,
  'hospital-cleaner': DEMO_OCCUPATIONS['building-cleaner'].uri,
  'industrial-cleaner': DEMO_OCCUPATIONS['building-cleaner'].uri,
};

/**
 * Puts the demo taxonomy in place (source 'demo'). Idempotent: unchanged rows are not written.
 * Rows that came from ESCO are never overwritten, nor are the skill links of ESCO occupations.
 */
export async function seedDemoTaxonomy(db: Executor): Promise<{ occupations: number; skills: number; links: number }> {
  return db.transaction(async (tx) => {
    const repository = taxonomyRepository(tx);
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
      { overDemoOnly: true },
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
      { overDemoOnly: true },
    );

    // Links only for occupations that are still ours; ESCO's own links stay as ESCO has them.
    const sources = await repository.occupationSources(Object.values(DEMO_OCCUPATIONS).map((demo) => demo.uri));
    const ours = Object.values(DEMO_OCCUPATIONS).filter((demo) => sources.get(demo.uri) === 'demo');
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
