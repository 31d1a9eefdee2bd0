import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import { preparedStatement } from '../../db/prepared.js';
import type { Executor } from '../../db/client.js';
import { PgTransaction } from 'drizzle-orm/pg-core';
import { matchRuns, matchWeights } from '../../db/schema/index.js';
import type { AuditRow } from '../audit/audit.js';
import type { MatchCandidate, MatchWeights, SkillLink } from './matcher.types.js';
import {
  candidateInputSelect,
  growthRoleInputSelect,
  vacancyInputSelect,
  type CandidateInputRow,
  type StoredVacancyInput,
  type VacancyInputRow,
} from './matching.inputs.js';

export type MatchRunRow = typeof matchRuns.$inferSelect;

/**
 * How long the population change feed is kept (a maintenance job purges older rows): a process
 * whose cache is further behind reads the whole member list once instead.
 */
export const POPULATION_CHANGES_KEPT_HOURS = 24;

export type VacancyContextRow = VacancyInputRow & { employerName: string; status: string };

/*
 * The statements every ranking request runs, prepared once per pool (issue 13.11: building them
 * cost the API more CPU than PostgreSQL took to answer, and each was parsed and planned again).
 */
const vacancyInputStatement = preparedStatement<TargetRowWithLinks>('matching_vacancy_input', () =>
  withSkillLinks(sql`${vacancyInputSelect} where v.tenant_id = ${sql.placeholder('tenantId')} and v.id = ${sql.placeholder('id')}`),
);

const candidateLabelsStatement = preparedStatement<{
  id: string;
  reference: string;
  givenName: string;
  familyName: string;
  accountManagerId: string | null;
  accountManagerName: string | null;
}>(
  'matching_candidate_labels',
  () => sql`
    select c.id, c.reference, k.given_name as "givenName", k.family_name as "familyName",
           c.account_manager_id as "accountManagerId", u.name as "accountManagerName"
      from candidates c
      join candidate_contacts k on k.tenant_id = c.tenant_id and k.candidate_id = c.id
      left join users u on u.tenant_id = c.tenant_id and u.id = c.account_manager_id
     where c.tenant_id = ${sql.placeholder('tenantId')} and c.id = any(${sql.placeholder('ids')}::uuid[])`,
);

const weightsInUseStatement = preparedStatement<{ version: number; weights: MatchWeights }>(
  'matching_weights_in_use',
  () => sql`select version, weights from match_weights where tenant_id = ${sql.placeholder('tenantId')} order by version desc limit 1`,
);

/*
 * What every ranking request needs of its tenant besides the vacancy, in one round trip: the
 * settings (is ranking on?), the population's version (is the cache current?) and the weights in use.
 */
const rankingContextStatement = preparedStatement<{
  settings: unknown;
  populationVersion: string | null;
  weightsVersion: number | null;
  weights: MatchWeights | null;
}>(
  'matching_ranking_context',
  () => sql`
    select t.settings,
           (select p.version::text from matching_populations p where p.tenant_id = t.id) as "populationVersion",
           w.version as "weightsVersion", w.weights
      from tenants t
      left join lateral (select version, weights from match_weights where tenant_id = t.id order by version desc limit 1) w on true
     where t.id = ${sql.placeholder('tenantId')}`,
);

/**
 * The taxonomy links of the skills in `uris` (an SQL expression of type text[]), each with its kind
 * of credit: skill–skill relations (both directions), broader and narrower skills in the hierarchy,
 * and skills of the same group. One text for both uses below.
 */
function skillLinksOf(uris: SQL): SQL {
  const any = sql`any(${uris})`;
  return sql`
    select skill_uri as "from", related_skill_uri as "to", 'related' as relation from taxonomy_skill_relations where skill_uri = ${any}
    union select related_skill_uri, skill_uri, 'related' from taxonomy_skill_relations where related_skill_uri = ${any}
    union select skill_uri, broader_uri, 'hierarchy' from taxonomy_skill_broader where broader_kind = 'skill' and skill_uri = ${any}
    union select broader_uri, skill_uri, 'hierarchy' from taxonomy_skill_broader where broader_kind = 'skill' and broader_uri = ${any}
    union select mine.skill_uri, other.skill_uri, 'group'
            from taxonomy_skill_broader mine
            join taxonomy_skill_broader other on other.broader_uri = mine.broader_uri and other.broader_kind = 'group' and other.skill_uri <> mine.skill_uri
           where mine.broader_kind = 'group' and mine.skill_uri = ${any}`;
}

type SkillLinkRow = { from: string; to: string; relation: SkillLink['relation'] };

/** A vacancy's or role's input row as withSkillLinks reads it: the links of its skills as rows. */
type TargetRowWithLinks = VacancyContextRow & { skillLinks: SkillLinkRow[] };

/** The links of some skills (matchingRepository.relatedSkills): the URIs as one array parameter, so one statement serves any number. */
const relatedSkillsStatement = preparedStatement<SkillLinkRow>(
  'matching_related_skills',
  () => sql`${skillLinksOf(sql`${sql.placeholder('uris')}::text[]`)} order by 1, 2, 3`,
);

/**
 * The input row of one vacancy or role (`select`, with its `competencies`) with the links of its own
 * skills in the same statement (issue 13.11: read after the row, they were a second round trip on the
 * path of every ranking request), ordered as relatedSkillsStatement orders them.
 */
function withSkillLinks(select: SQL): SQL {
  return sql`
    select t.*,
           (select coalesce(jsonb_agg(l order by l."from", l."to", l.relation), '[]'::jsonb)
              from (${skillLinksOf(sql`u.uris`)}) l) as "skillLinks"
      from (${select}) t
      cross join lateral (select array(select c->>'skillUri' from jsonb_array_elements(t.competencies) c where c->>'skillUri' is not null) as uris) u`;
}

/** Links as rows (from, to, relation), in order, to each skill's list of links. */
function linksBySkill(rows: readonly SkillLinkRow[]): Map<string, SkillLink[]> {
  const related = new Map<string, SkillLink[]>();
  for (const row of rows) {
    const links = related.get(row.from);
    if (links) links.push({ uri: row.to, relation: row.relation });
    else related.set(row.from, [{ uri: row.to, relation: row.relation }]);
  }
  return related;
}

/** A vacancy or growth-plan role to rank, with the taxonomy links of its skills. */
export type TargetInputRow = VacancyContextRow & { related: Map<string, SkillLink[]> };

const growthRoleInputStatement = preparedStatement<TargetRowWithLinks>('matching_growth_role_input', () =>
  withSkillLinks(sql`${growthRoleInputSelect} where r.tenant_id = ${sql.placeholder('tenantId')} and r.id = ${sql.placeholder('id')}`),
);

const insertRunsStatement = preparedStatement<{ unknown: number }>(
  'matching_insert_runs',
  () => sql`
        with given as (
          select * from jsonb_to_recordset(${sql.placeholder('inputRows')}::jsonb)
                     as i(run_id uuid, subject_id uuid, digest text, input jsonb, person boolean, used_on date)
        ),
        living as (
          select c.id from candidates c
           where c.tenant_id = ${sql.placeholder('tenantId')} and c.id in (select subject_id from given where person)
           for key share
        ),
        kept as (select * from given where not person or subject_id in (select id from living)),
        -- A look-up per named input, on the primary key (a subquery, not an anti-join: with the
        -- statistics of a young table the planner scanned all of a tenant's stored inputs per row).
        unknown as (
          select 1 from kept
           where input is null
             and (select count(*) from match_inputs m where m.tenant_id = ${sql.placeholder('tenantId')} and m.subject_id = kept.subject_id and m.digest = kept.digest) = 0
           limit 1
        ),
        run as (
          insert into match_runs (tenant_id, id, kind, subject_id, actor_user_id, at, matcher_version, weights_version, weights, inputs_hash, population, eligible, results)
          select ${sql.placeholder('tenantId')}::uuid, r.id, r.kind, r.subject_id, r.actor_user_id, r.at, r.matcher_version, r.weights_version, r.weights, r.inputs_hash, r.population, r.eligible, r.results
            from jsonb_to_recordset(${sql.placeholder('runRows')}::jsonb) as r(id uuid, kind text, subject_id uuid, actor_user_id uuid, at timestamptz, matcher_version text,
                 weights_version integer, weights jsonb, inputs_hash text, population integer, eligible integer, results jsonb)
           where not exists (select 1 from unknown)
          returning tenant_id, id
        ),
        stored as (
          insert into match_inputs (tenant_id, subject_id, digest, input, used_on)
          select distinct on (subject_id, digest) ${sql.placeholder('tenantId')}::uuid, subject_id, digest, input, used_on
            from kept where input is not null and not exists (select 1 from unknown)
           order by subject_id, digest, used_on desc
          on conflict (tenant_id, subject_id, digest) do update set used_on = excluded.used_on where match_inputs.used_on < excluded.used_on
        ),
        named as (
          insert into match_run_inputs (tenant_id, run_id, subject_id, digest)
          select run.tenant_id, run.id, kept.subject_id, kept.digest
            from run join kept on kept.run_id = run.id
        ),
        -- The audit rows of what the runs' answers show (special-category reads, P2): stored with
        -- the runs, in the same commit, or not at all.
        logged as (
          insert into audit_log (tenant_id, id, at, actor_user_id, action, subject_type, subject_id, reason, details)
          select ${sql.placeholder('tenantId')}::uuid, a.id, a.at, a.actor_user_id, a.action, a.subject_type, a.subject_id, a.reason, a.details
            from jsonb_to_recordset(${sql.placeholder('auditRows')}::jsonb)
                 as a(id uuid, at timestamptz, actor_user_id uuid, action text, subject_type text, subject_id uuid, reason text, details jsonb)
           where not exists (select 1 from unknown)
        )
        select count(*)::int as unknown from unknown`,
);

/** At most this many inputs are remembered as stored (per database handle) before the memory starts over. */
const STORED_INPUTS_REMEMBERED = 500_000;

/**
 * Which inputs this process stored (or whose day it raised) through a pool-bound handle, on which
 * UTC day: a run of that day names them by digest only, without sending them again. Retention
 * removes only inputs last used well before today (match_inputs.used_on, a term of 30 days or
 * more), and erasure a person's with the person, after which no run names anything of them
 * (insertRuns). Should one be gone all the same (a purge on a clock far ahead, a hand-made delete),
 * the statement stores nothing and says so, and the runs are stored again with every input sent.
 * Runs in a transaction neither use nor fill it: the transaction may still roll back.
 */
const storedInputs = new WeakMap<Executor, { day: string; keys: Set<string> }>();

/**
 * What runs ranked, each with its stored input: match_run_inputs `i` joined to match_inputs `m` by
 * subject and digest (how a run names its inputs, issue 13.11), for a FROM clause.
 */
export const runInputsWithStored = sql`match_run_inputs i join match_inputs m on m.tenant_id = i.tenant_id and m.subject_id = i.subject_id and m.digest = i.digest`;

/** The UTC day of a moment, as match_inputs.used_on keeps it. */
export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

function targetRow(row: TargetRowWithLinks | undefined): TargetInputRow | undefined {
  if (!row) return undefined;
  const { skillLinks, ...input } = row;
  return { ...input, related: linksBySkill(skillLinks) };
}

export function matchingRepository(db: Executor) {
  return {
    /**
     * Who a vacancy is ranked over: active candidates with an intake and a home point, in id order,
     * with what the population cache compares per candidate: updated_at and the row versions (xmin)
     * of the candidate and its profile, so that any rewrite of either is seen, even at an equal time.
     * With `ids`, only those of them that are members (the ones the change feed named).
     */
    async populationMembers({ tenantId, ids }: { tenantId: string; ids?: string[] }): Promise<Array<{ id: string; updatedAt: string }>> {
      if (ids?.length === 0) return [];
      const only = ids ? sql` and c.id = any(${`{${ids.join(',')}}`}::uuid[])` : sql``;
      const result = await db.execute<{ id: string; updatedAt: string }>(sql`
        select c.id, c.updated_at::text || ' ' || c.xmin::text || ' ' || p.xmin::text as "updatedAt"
          from candidates c
          join candidate_profiles p on p.tenant_id = c.tenant_id and p.candidate_id = c.id
         where c.tenant_id = ${tenantId} and c.status = 'active' and p.intake_id is not null and c.home_latitude is not null${only}
         order by c.id`);
      return result.rows;
    },
    /**
     * The change feed after version `after` up to `through` (migration 0028): the candidates each
     * version touched, at most `limit` rows, and which versions had any.
     */
    async populationChanges({ tenantId, after, through, limit }: { tenantId: string; after: string; through: string; limit: number }) {
      const result = await db.execute<{ version: string; id: string }>(sql`
        select version::text as version, candidate_id as id from matching_population_changes
         where tenant_id = ${tenantId} and version > ${after}::bigint and version <= ${through}::bigint
         limit ${limit}`);
      return { ids: [...new Set(result.rows.map((row) => row.id))], versions: new Set(result.rows.map((row) => row.version)), rows: result.rows.length };
    },
    /** The whole population at once, for scripts (the service keeps it cached: matching.population.ts). */
    async population(tenantId: string): Promise<CandidateInputRow[]> {
      const result = await db.execute<CandidateInputRow>(sql`${candidateInputSelect}
        where c.tenant_id = ${tenantId} and c.status = 'active' and p.intake_id is not null and c.home_latitude is not null
        order by c.id`);
      return result.rows;
    },
    async populationInputs({ tenantId, ids }: { tenantId: string; ids: string[] }): Promise<CandidateInputRow[]> {
      if (ids.length === 0) return [];
      const result = await db.execute<CandidateInputRow>(sql`${candidateInputSelect}
        where c.tenant_id = ${tenantId} and c.id = any(${`{${ids.join(',')}}`}::uuid[])
          and c.status = 'active' and p.intake_id is not null and c.home_latitude is not null`);
      return result.rows;
    },
    /** Removes change-feed rows older than `hours` (maintenance job); returns how many. */
    async purgePopulationChanges(hours: number): Promise<number> {
      const result = await db.execute(sql`delete from matching_population_changes where at < now() - make_interval(hours => ${hours})`);
      return result.rowCount ?? 0;
    },
    /**
     * Who manages each candidate of the population (the caseloads, matching.caseloads.ts); with
     * `ids`, of those candidates only (those of them in the population).
     */
    async populationManagers(tenantId: string, ids?: readonly string[]): Promise<Array<{ id: string; accountManagerId: string | null }>> {
      const result = await db.execute<{ id: string; accountManagerId: string | null }>(sql`
        select c.id, c.account_manager_id as "accountManagerId"
          from candidates c
          join candidate_profiles p on p.tenant_id = c.tenant_id and p.candidate_id = c.id
         where c.tenant_id = ${tenantId} and c.status = 'active' and p.intake_id is not null and c.home_latitude is not null
           ${ids ? sql`and c.id = any(${`{${ids.join(',')}}`}::uuid[])` : sql``}`);
      return result.rows;
    },
    /** One account manager's caseload as matcher input (digests): the population, narrowed. */
    async caseloadInputs({ tenantId, accountManagerId }: { tenantId: string; accountManagerId: string }): Promise<CandidateInputRow[]> {
      const result = await db.execute<CandidateInputRow>(sql`${candidateInputSelect}
        where c.tenant_id = ${tenantId} and c.account_manager_id = ${accountManagerId} and c.status = 'active'
          and p.intake_id is not null and c.home_latitude is not null
        order by c.id`);
      return result.rows;
    },
    async candidateInput({ tenantId, id }: { tenantId: string; id: string }): Promise<CandidateInputRow | undefined> {
      const result = await db.execute<CandidateInputRow>(sql`${candidateInputSelect}
        where c.tenant_id = ${tenantId} and c.id = ${id} and p.intake_id is not null and c.home_latitude is not null`);
      return result.rows[0];
    },
    /** One vacancy's input with the links of its skills (one round trip); another tenant's is not found. */
    async vacancyInput({ tenantId, id }: { tenantId: string; id: string }): Promise<TargetInputRow | undefined> {
      return targetRow((await vacancyInputStatement(db, { tenantId, id })).rows[0]);
    },
    /** Several vacancies' inputs, in id order; ids of another tenant are simply not found. */
    async vacancyInputs({ tenantId, ids }: { tenantId: string; ids: string[] }): Promise<VacancyContextRow[]> {
      if (ids.length === 0) return [];
      const result = await db.execute<VacancyContextRow>(sql`${vacancyInputSelect}
        where v.tenant_id = ${tenantId} and v.id = any(${`{${ids.join(',')}}`}::uuid[]) order by v.id`);
      return result.rows;
    },
    /**
     * Row versions (xmin) of vacancies with their employer and location, in id order: what a cached
     * vacancy input is compared with (any rewrite of one of the three rows reads it again).
     */
    async vacancyVersions({ tenantId, ids }: { tenantId: string; ids: string[] }): Promise<Array<{ id: string; version: string }>> {
      if (ids.length === 0) return [];
      const result = await db.execute<{ id: string; version: string }>(sql`
        select v.id, v.xmin::text || ' ' || e.xmin::text || ' ' || l.xmin::text as version
          from vacancies v
          join employers e on e.tenant_id = v.tenant_id and e.id = v.employer_id
          join employer_locations l on l.tenant_id = v.tenant_id and l.id = v.location_id
         where v.tenant_id = ${tenantId} and v.id = any(${`{${ids.join(',')}}`}::uuid[]) order by v.id`);
      return result.rows;
    },
    async openVacancyInputs(tenantId: string): Promise<VacancyContextRow[]> {
      const result = await db.execute<VacancyContextRow>(sql`${vacancyInputSelect} where v.tenant_id = ${tenantId} and v.status = 'open' order by v.id`);
      return result.rows;
    },
    /** Growth-plan roles not yet turned into a vacancy: future work a candidate can prepare for. */
    async growthRoleInputs(tenantId: string): Promise<Array<VacancyContextRow & { expectedDate: string; headcount: number; growthPlanId: string }>> {
      const result = await db.execute<VacancyContextRow & { expectedDate: string; headcount: number; growthPlanId: string }>(sql`${growthRoleInputSelect}
         where r.tenant_id = ${tenantId} and g.status in ('planned', 'in_progress')
           and not exists (select 1 from vacancies v where v.tenant_id = r.tenant_id and v.growth_plan_role_id = r.id)
         order by r.id`);
      return result.rows;
    },
    /** One growth-plan role as matcher input, like vacancyInput (a plan without a location has none: no place to travel to). */
    async growthRoleInput({ tenantId, id }: { tenantId: string; id: string }): Promise<TargetInputRow | undefined> {
      return targetRow((await growthRoleInputStatement(db, { tenantId, id })).rows[0]);
    },
    /**
     * The taxonomy links of the given skills, each with its kind of credit: skill–skill relations
     * (both directions), broader and narrower skills in the hierarchy, and skills of the same group.
     */
    async relatedSkills(uris: string[]): Promise<Map<string, SkillLink[]>> {
      if (uris.length === 0) return new Map();
      return linksBySkill((await relatedSkillsStatement(db, { uris })).rows);
    },
    /** Why a candidate is or is not in the ranked population: status, intake, home area (undefined: no such candidate). */
    async rankingStanding({ tenantId, id }: { tenantId: string; id: string }): Promise<{ status: string; hasIntake: boolean; hasHome: boolean } | undefined> {
      const result = await db.execute<{ status: string; hasIntake: boolean; hasHome: boolean }>(sql`
        select c.status, p.intake_id is not null as "hasIntake", c.home_latitude is not null as "hasHome"
          from candidates c
          left join candidate_profiles p on p.tenant_id = c.tenant_id and p.candidate_id = c.id
         where c.tenant_id = ${tenantId} and c.id = ${id}`);
      return result.rows[0];
    },
    /** Reference, name and account manager of ranked candidates, still in Postgres (erased ones drop out). */
    async candidateLabels({ tenantId, ids }: { tenantId: string; ids: string[] }) {
      if (ids.length === 0) return new Map<string, { reference: string; name: string; accountManagerId: string | null; accountManagerName: string | null }>();
      const { rows } = await candidateLabelsStatement(db, { tenantId, ids: `{${ids.join(',')}}` });
      return new Map(
        rows.map((row) => [
          row.id,
          {
            reference: row.reference,
            name: `${row.givenName} ${row.familyName}`,
            accountManagerId: row.accountManagerId,
            accountManagerName: row.accountManagerName,
          },
        ]),
      );
    },
    /** Settings, population version and weights in use of a tenant at once (rankingContextStatement). */
    async rankingContext(tenantId: string) {
      return (await rankingContextStatement(db, { tenantId })).rows[0];
    },
    /** The weights a ranking uses: the newest version, if any (every ranking request reads it). */
    async weightsInUse(tenantId: string): Promise<{ version: number; weights: MatchWeights } | undefined> {
      return (await weightsInUseStatement(db, { tenantId })).rows[0];
    },
    async currentWeights(tenantId: string): Promise<{ version: number; weights: MatchWeights; createdAt: Date | null; note: string | null } | undefined> {
      const [row] = await db.select().from(matchWeights).where(eq(matchWeights.tenantId, tenantId)).orderBy(desc(matchWeights.version)).limit(1);
      return row ? { version: row.version, weights: row.weights as MatchWeights, createdAt: row.createdAt, note: row.note } : undefined;
    },
    async insertWeights(values: typeof matchWeights.$inferInsert) {
      await db.insert(matchWeights).values(values);
    },
    /**
     * Stores runs and the inputs they ranked in one statement (one round trip, atomic on its own):
     * this sits on the path of every ranking request, and a digest records a run per vacancy with a
     * strong match, all at once (issue 19.5). Each input is stored once per subject and digest
     * (match_inputs) and named by its digest; an input this process stored today through this handle
     * is named only, not sent again. A person's inputs are stored and named only while the person
     * exists, under a key-share lock: an erasure running at the same time either waits for this
     * statement and then removes these inputs too, or has already removed the person, and then
     * nothing of them is written (REQUIREMENTS P5). All runs belong to one tenant.
     */
    async insertRuns(
      runs: Array<{
        run: typeof matchRuns.$inferInsert;
        inputs: Array<{ subjectId: string; digest: string; input: MatchCandidate | StoredVacancyInput; person: boolean }>;
        /** Audit rows written in the same statement: with the run, or not at all. */
        logged?: readonly AuditRow[];
      }>,
    ) {
      if (runs.length === 0) return;
      const tenantId = runs[0]!.run.tenantId;
      if (runs.some(({ run }) => run.tenantId !== tenantId)) throw new Error('insertRuns: runs of one tenant at a time');
      const runRows = JSON.stringify(
        runs.map(({ run }) => ({
          id: run.id,
          kind: run.kind,
          subject_id: run.subjectId,
          actor_user_id: run.actorUserId,
          at: run.at.toISOString(),
          matcher_version: run.matcherVersion,
          weights_version: run.weightsVersion,
          weights: run.weights,
          inputs_hash: run.inputsHash,
          population: run.population,
          eligible: run.eligible,
          results: run.results,
        })),
      );
      const memory = db instanceof PgTransaction ? undefined : storedInputs.get(db);
      const sent: string[] = [];
      const inputRows = JSON.stringify(
        runs.flatMap(({ run, inputs }) => {
          const day = utcDay(run.at);
          return inputs.map((entry) => {
            const key = `${tenantId}/${entry.subjectId}/${entry.digest}`;
            const known = memory?.day === day && memory.keys.has(key);
            if (!known) sent.push(key);
            return { run_id: run.id, subject_id: entry.subjectId, digest: entry.digest, input: known ? null : entry.input, person: entry.person, used_on: day };
          });
        }),
      );
      const auditRows = JSON.stringify(
        runs.flatMap(({ logged = [] }) =>
          logged.map((row) => {
            if (row.tenantId !== tenantId) throw new Error("insertRuns: audit rows of the runs' tenant only");
            return {
              id: row.id,
              at: row.at.toISOString(),
              actor_user_id: row.actorUserId ?? null,
              action: row.action,
              subject_type: row.subjectType,
              subject_id: row.subjectId ?? null,
              reason: row.reason ?? null,
              details: row.details ?? {},
            };
          }),
        ),
      );
      const { rows } = await insertRunsStatement(db, { tenantId, runRows, inputRows, auditRows });
      if (rows[0]!.unknown > 0) {
        // An input named by digest only is not stored (any more): nothing was written. Once more,
        // with every input sent.
        storedInputs.delete(db);
        await this.insertRuns(runs);
        return;
      }
      if (db instanceof PgTransaction) return;
      // Remembered for the day of the runs (a batch's runs share it; otherwise the last one's).
      const day = utcDay(runs[runs.length - 1]!.run.at);
      let remembered = storedInputs.get(db);
      if (!remembered || remembered.day !== day || remembered.keys.size + sent.length > STORED_INPUTS_REMEMBERED) {
        remembered = { day, keys: new Set() };
        storedInputs.set(db, remembered);
      }
      if (runs.every(({ run }) => utcDay(run.at) === day)) for (const key of sent) remembered.keys.add(key);
    },
    async findRun({ tenantId, id }: { tenantId: string; id: string }) {
      const [row] = await db
        .select()
        .from(matchRuns)
        .where(and(eq(matchRuns.tenantId, tenantId), eq(matchRuns.id, id)))
        .limit(1);
      return row;
    },
    async runInputs({ tenantId, runId }: { tenantId: string; runId: string }) {
      const result = await db.execute<{ subjectId: string; input: unknown }>(sql`
        select i.subject_id as "subjectId", m.input from ${runInputsWithStored} where i.tenant_id = ${tenantId} and i.run_id = ${runId}`);
      return new Map<string, unknown>(result.rows.map((row) => [row.subjectId, row.input]));
    },
  };
}
