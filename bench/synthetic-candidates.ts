import type { Db } from '../db/client.js';
import { candidateAssessments, candidateBarriers, candidateContacts, candidateProfiles, candidates } from '../db/schema/index.js';
import { DEMO_POSTCODE_AREAS } from '../src/demo/demo-places.js';
import { newActionStatus } from '../src/candidates/candidates.intake.js';
import { newId } from '../src/ids.js';
import { createRandom } from '../src/demo/random.js';
import { generateCandidates } from './synthetic.js';
import { SYNTHETIC_OCCUPATIONS } from './synthetic.vocabulary.js';
import { demoBarriers, GIVEN_NAMES } from '../src/demo/demo-candidates.js';

/*
 * Synthetic jobseekers written straight into Postgres (bypassing the services: no outbox rows, no
 * intakes), for the search benchmark and for tests that need an index of some size. Profiles come
 * from the matcher's synthetic population (bench/synthetic.ts: realistic shares of
 * availability, hours, mobility, skills and wishes); names and towns are drawn here. No real person.
 */

// The demo's given names (the first 30 of them, as before): one list of invented names.
const GIVEN = GIVEN_NAMES.slice(0, 30);
const FAMILY = [
  'de Jong',
  'Jansen',
  'de Vries',
  'van den Berg',
  'Bakker',
  'Visser',
  'Smit',
  'Meijer',
  'Yilmaz',
  'El Amrani',
  'Mulder',
  'de Groot',
  'Bos',
  'Vos',
  'Peters',
  'Hendriks',
  'Kaya',
  'Dekker',
  'van Dijk',
  'Kowalski',
  'Brouwer',
  'de Wit',
  'Dijkstra',
  'Demir',
  'Verhoeven',
];
/** The synthetic vocabulary's sectors, as the API's sectors. */
const SECTOR: Record<string, string> = {
  logistiek: 'logistics',
  schoonmaak: 'cleaning',
  horeca: 'hospitality',
  retail: 'retail',
  zorg: 'care',
  productie: 'production',
  bouw: 'construction',
  groen: 'green_maintenance',
  vervoer: 'logistics',
  kantoor: 'other',
  beveiliging: 'other',
};
const TITLE_BY_URI = new Map(SYNTHETIC_OCCUPATIONS.map((occupation) => [occupation.uri, occupation.title.toLowerCase()]));
const SECTOR_BY_NAME = new Map(SYNTHETIC_OCCUPATIONS.map((occupation) => [occupation.sector, SECTOR[occupation.sector] ?? 'other']));
/** Where people worked and volunteered: a title of the wished kind of work, or volunteering, for staff search to find. */
const PLACES = [
  'bij een uitzendbureau',
  'in een distributiecentrum',
  'in een fabriek',
  'bij een supermarkt',
  'in een hotel',
  'bij de gemeente',
  'in een kwekerij',
];
const VOLUNTEERING = [
  'Voedselbank: pakketten inpakken',
  'Kringloopwinkel: kassa en uitstalling',
  'Koken in het buurthuis',
  'Buurttuin onderhouden',
  'Gastvrouw in het verzorgingshuis',
  'Taalmaatje bij de bibliotheek',
  'Trainer bij de voetbalclub',
];
const STATUSES: ReadonlyArray<readonly [string, number]> = [
  ['active', 80],
  ['paused', 10],
  ['placed', 5],
  ['participation_route', 5],
];

/** Inserts `count` synthetic candidates into a tenant, in batches; returns their ids. */
export async function insertSyntheticCandidates({
  db,
  tenantId,
  count,
  accountManagerIds,
  seed = 42,
  batchSize = 1_000,
  asIntake = false,
  onProgress,
}: {
  db: Db;
  tenantId: string;
  count: number;
  accountManagerIds: readonly string[];
  seed?: number;
  batchSize?: number;
  /**
   * As if each profile came from an intake (for the matching benchmark): the profile names an intake
   * id, the motivation and learning-ability assessments are written too, and barriers as the demo's
   * people have them (so that about four in ten have an open agreed action, special-category data
   * whose every read is logged). The intake rows themselves are not: ranking reads the derived profile only.
   */
  asIntake?: boolean;
  onProgress?: (done: number) => void;
}): Promise<string[]> {
  const random = createRandom(seed);
  // A stream of its own, so that the people drawn without barriers stay the same people.
  const barrierRandom = createRandom(seed * 7 + 1);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const status = () => {
    let roll = random() * 100;
    for (const [value, weight] of STATUSES) if ((roll -= weight) < 0) return value;
    return 'active';
  };
  const ids: string[] = [];
  const now = Date.now();
  for (let start = 0; start < count; start += batchSize) {
    const people = generateCandidates({ size: Math.min(batchSize, count - start), seed: seed * 100_003 + start });
    const rows = people.map((person, offset) => {
      const index = start + offset;
      const id = newId(now - (count - index) * 1000);
      const area = pick(DEMO_POSTCODE_AREAS);
      const titles = [...new Set([...person.workWishes.titles, ...person.workWishes.occupationUris.map((uri) => TITLE_BY_URI.get(uri) ?? '')].filter(Boolean))];
      const updatedAt = new Date(now - Math.floor(random() * 365 * 86_400_000));
      // Two in three worked before (as one of their wishes), one in four volunteers, one in ten cares at home.
      const experience = [
        ...(titles.length > 0 && random() < 0.66
          ? [{ kind: 'paid' as const, title: `${pick(titles)} ${pick(PLACES)}`, months: 3 + Math.floor(random() * 60) }]
          : []),
        ...(random() < 0.25 ? [{ kind: 'volunteer' as const, title: pick(VOLUNTEERING), months: 1 + Math.floor(random() * 36) }] : []),
        ...(random() < 0.1 ? [{ kind: 'care' as const, title: 'Mantelzorg voor een familielid', months: 12 }] : []),
      ];
      return {
        candidate: {
          tenantId,
          id,
          reference: `KR-S${index.toString(32).toUpperCase().padStart(6, '0')}`,
          status: status(),
          accountManagerId: accountManagerIds.length > 0 ? pick(accountManagerIds) : null,
          postcode4: area.postcode4,
          homeLatitude: area.latitude,
          homeLongitude: area.longitude,
          municipality: area.municipality,
          createdAt: updatedAt,
          updatedAt,
        },
        contact: { tenantId, candidateId: id, givenName: pick(GIVEN), familyName: pick(FAMILY), updatedAt },
        profile: {
          tenantId,
          candidateId: id,
          workWishes: { occupationUris: [], titles, sectors: [...new Set(person.workWishes.sectors.map((sector) => SECTOR_BY_NAME.get(sector) ?? 'other'))] },
          competencies: person.competencies,
          availability: person.availability,
          hoursNow: person.hours.now,
          hoursTarget: person.hours.target,
          mobility: { modes: person.mobility.modes, drivingLicences: person.drivingLicences, maxTravelMinutes: person.mobility.maxTravelMinutes },
          certificates: person.certificates,
          experience,
          educationLevel: person.educationLevel,
          intakeId: asIntake ? newId(updatedAt.getTime()) : null,
          updatedAt,
        },
        assessments: !asIntake
          ? []
          : (['motivation', 'potential'] as const).flatMap((kind) => {
              const score = kind === 'motivation' ? person.motivation : person.potential;
              return score === null
                ? []
                : [
                    {
                      tenantId,
                      id: newId(updatedAt.getTime()),
                      candidateId: id,
                      kind,
                      score,
                      evidence: 'Synthetisch (benchmark)',
                      assessedBy: accountManagerIds[0]!,
                      assessedAt: updatedAt,
                    },
                  ];
            }),
        barriers: !asIntake
          ? []
          : demoBarriers(barrierRandom, person.mobility.modes.includes('bike')).map((barrier) => ({
              tenantId,
              id: newId(updatedAt.getTime()),
              candidateId: id,
              ...barrier,
              actionStatus: newActionStatus(barrier),
            })),
      };
    });
    await db.transaction(async (tx) => {
      await tx.insert(candidates).values(rows.map((row) => row.candidate));
      await tx.insert(candidateContacts).values(rows.map((row) => row.contact));
      await tx.insert(candidateProfiles).values(rows.map((row) => row.profile));
      const assessments = rows.flatMap((row) => row.assessments);
      if (assessments.length > 0) await tx.insert(candidateAssessments).values(assessments);
      const barriers = rows.flatMap((row) => row.barriers);
      if (barriers.length > 0) await tx.insert(candidateBarriers).values(barriers);
    });
    ids.push(...rows.map((row) => row.candidate.id));
    onProgress?.(ids.length);
  }
  return ids;
}
