import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { candidateAuditAttributes } from '../../db/schema/index.js';
import { systemClock, type Clock } from '../clock.js';
import type { AuditAttributes } from './audit-attributes.js';

/*
 * Synthetic audit attributes for the demo caseload, so that the fairness report has something to
 * show. Invented, like the people: drawn per person from a generator seeded by their (invented)
 * name, so that the same demo gets the same attributes. Some draws lean on the person's barriers
 * the way they often go together in a real caseload (care duties and gender, a language barrier
 * and origin, a health barrier and disability): that is what lets the report show whether the
 * ranking follows such proxies. About one in twenty people declines to give any.
 */

type Weighted = ReadonlyArray<readonly [string | null, number]>;

function generator(seed: string): () => number {
  let state = createHash('sha256').update(seed, 'utf8').digest().readUInt32LE(0) || 1;
  // xorshift32: small, deterministic, good enough for demo data.
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 0x1_0000_0000;
  };
}

function draw(random: () => number, options: Weighted): string | null {
  const total = options.reduce((sum, [, weight]) => sum + weight, 0);
  let at = random() * total;
  for (const [value, weight] of options) {
    at -= weight;
    if (at < 0) return value;
  }
  return options[options.length - 1]![0];
}

/** The attributes of one demo person, from their name and barrier domains; null: declined to give any. */
export function demoAuditAttributes(person: {
  givenName: string;
  familyName: string;
  postcode4: string;
  barrierDomains: readonly string[];
}): AuditAttributes | null {
  const random = generator(`${person.givenName}|${person.familyName}|${person.postcode4}`);
  if (random() < 0.05) return null;
  const has = (domain: string) => person.barrierDomains.includes(domain);
  const caring = has('childcare') || has('care_duties');
  return {
    gender: draw(
      random,
      caring
        ? [
            ['female', 75],
            ['male', 23],
            ['other', 1],
            [null, 1],
          ]
        : [
            ['female', 50],
            ['male', 47],
            ['other', 1],
            [null, 2],
          ],
    ),
    ageBand: draw(random, [
      ['18-26', 14],
      ['27-44', 40],
      ['45-54', 22],
      ['55-67', 20],
      [null, 4],
    ]),
    migrationBackground: draw(
      random,
      has('language')
        ? [
            ['none', 10],
            ['europe', 15],
            ['outside_europe', 72],
            [null, 3],
          ]
        : [
            ['none', 52],
            ['europe', 12],
            ['outside_europe', 31],
            [null, 5],
          ],
    ),
    disability: draw(
      random,
      has('health')
        ? [
            ['yes', 55],
            ['no', 40],
            [null, 5],
          ]
        : [
            ['yes', 12],
            ['no', 81],
            [null, 7],
          ],
    ),
  };
}

/**
 * Gives the demo caseload of a tenant synthetic audit attributes (called by the demo seed).
 * Recorded by the tenant's first admin. Leaves people who already have a row alone, so calling it
 * twice changes nothing. Returns how many rows it wrote.
 */
export async function seedDemoAuditAttributes(db: Executor, tenantId: string, { clock = systemClock }: { clock?: Clock } = {}): Promise<number> {
  const admin = await db.execute<{ id: string }>(
    sql`select id from users where tenant_id = ${tenantId} and role in ('admin', 'account_manager') order by (role = 'admin') desc, id limit 1`,
  );
  const recordedBy = admin.rows[0]?.id;
  if (!recordedBy) return 0;
  const people = await db.execute<{ id: string; givenName: string; familyName: string; postcode4: string; domains: string[] }>(sql`
    select c.id, k.given_name as "givenName", k.family_name as "familyName", c.postcode4,
           coalesce((select array_agg(b.domain order by b.domain) from candidate_barriers b where b.tenant_id = c.tenant_id and b.candidate_id = c.id), '{}') as domains
      from candidates c
      join candidate_contacts k on k.tenant_id = c.tenant_id and k.candidate_id = c.id
     where c.tenant_id = ${tenantId}
       and not exists (select 1 from candidate_audit_attributes a where a.tenant_id = c.tenant_id and a.candidate_id = c.id)
     order by c.id`);
  const now = clock.now();
  const rows = people.rows.flatMap((person) => {
    const attributes = demoAuditAttributes({
      givenName: person.givenName,
      familyName: person.familyName,
      postcode4: person.postcode4,
      barrierDomains: person.domains,
    });
    return attributes ? [{ tenantId, candidateId: person.id, ...attributes, recordedAt: now, recordedBy }] : [];
  });
  for (let index = 0; index < rows.length; index += 500) {
    await db
      .insert(candidateAuditAttributes)
      .values(rows.slice(index, index + 500))
      .onConflictDoNothing();
  }
  return rows.length;
}
