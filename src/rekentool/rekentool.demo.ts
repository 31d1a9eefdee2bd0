import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { systemClock, type Clock } from '../clock.js';
import type { Household } from './rekentool.calculate.js';
import { rekentoolRepository } from './rekentool.repository.js';

/*
 * Invented household situations for the demo caseload, so that the rekentool can be tried on demo
 * people. Drawn per person from a generator seeded by their (invented) name, so the same demo gets
 * the same answers; a childcare barrier makes a single parent likely. About one in four has no
 * household situation yet: for them the rekentool first asks for it, as it would for real.
 */

function generator(seed: string): () => number {
  let state = createHash('sha256').update(`household|${seed}`, 'utf8').digest().readUInt32LE(0) || 1;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 0x1_0000_0000;
  };
}

/** The household of one demo person, or null when it has not been asked yet. */
export function demoHousehold(person: { givenName: string; familyName: string; domains: readonly string[] }): Household | null {
  const random = generator(`${person.givenName}|${person.familyName}`);
  if (random() < 0.25) return null;
  const parent = person.domains.includes('childcare') ? random() < 0.7 : random() < 0.12;
  const partners = !parent && random() < 0.3;
  const situation: Household['situation'] = parent ? 'single_parent' : partners ? 'partners' : 'single';
  return {
    situation,
    costSharers: !partners && random() < 0.12 ? 1 : 0,
    ageGroup: random() < 0.15 ? '21_to_26' : '27_to_pension_age',
    partnerNetMonthlyIncome: partners && random() < 0.4 ? Math.round(300 + random() * 900) : 0,
  };
}

/** Gives the demo caseload of a tenant household situations (called by the demo seed); idempotent. */
export async function seedDemoHouseholds(db: Executor, tenantId: string, { clock = systemClock }: { clock?: Clock } = {}): Promise<number> {
  const staff = await db.execute<{ id: string }>(sql`select id from users where tenant_id = ${tenantId} and role = 'account_manager' order by id limit 1`);
  const updatedBy = staff.rows[0]?.id;
  if (!updatedBy) return 0;
  const repository = rekentoolRepository(db);
  const now = clock.now();
  const rows = (await repository.peopleWithoutHousehold(tenantId)).flatMap((person) => {
    const household = demoHousehold(person);
    if (!household) return [];
    const { partnerNetMonthlyIncome, ...rest } = household;
    return [{ tenantId, candidateId: person.id, ...rest, partnerNetMonthlyIncomeCents: partnerNetMonthlyIncome * 100, updatedAt: now, updatedBy }];
  });
  await repository.insertHouseholds(rows);
  return rows.length;
}
