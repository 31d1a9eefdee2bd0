import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import type { AuditAttributes } from '../privacy/audit-attributes.js';
import type { FairnessSubject } from './fairness.js';
import type { ImpactFollowUp, ImpactPlacement } from './impact.js';
import type { PlacementMatch } from './lasting.js';

/** A timestamp's calendar day in the Netherlands lies in [from, to]. */
const inPeriod = (column: SQL, from: string, to: string) => sql`(${column} at time zone 'Europe/Amsterdam')::date between ${from}::date and ${to}::date`;

/** The report queries: aggregate reads, every one filtered on the tenant. */
export function reportRepository(db: Executor) {
  return {
    /**
     * The people of the period, with the stages they reached and their audit attributes. The pool is
     * the matcher's population (active, with an intake by the end of the period, and a home location)
     * together with everyone who appears in a vacancy ranking run of the period: a run stores only the
     * page that was asked for, so the people who never made it onto a page must be counted from the
     * caseload. Run entries name the person `candidateId`. People erased since (no candidate row) are
     * left out.
     */
    async fairnessSubjects({ tenantId, from, to, topK }: { tenantId: string; from: string; to: string; topK: number }): Promise<FairnessSubject[]> {
      const result = await db.execute<{
        candidate_id: string;
        top_k: boolean;
        shortlisted: boolean;
        invited: boolean;
        hired: boolean;
        gender: string | null;
        age_band: string | null;
        migration_background: string | null;
        disability: string | null;
      }>(sql`
        with ranked as (
          select (e->>'candidateId')::uuid as candidate_id,
                 bool_or(coalesce((e->>'eligible')::boolean, true) and coalesce((e->>'rank')::int <= ${topK}, false)) as top_k
            from match_runs r cross join lateral jsonb_array_elements(r.results) e
           where r.tenant_id = ${tenantId} and r.kind = 'vacancy' and ${inPeriod(sql.raw('r.at'), from, to)}
             and e->>'candidateId' ~ '^[0-9a-fA-F-]{36}$'
           group by 1
        ),
        population as (
          select c.id as candidate_id from candidates c
           where c.tenant_id = ${tenantId} and c.status = 'active' and c.home_latitude is not null
             and exists (select 1 from intakes i where i.tenant_id = c.tenant_id and i.candidate_id = c.id
                            and (i.submitted_at at time zone 'Europe/Amsterdam')::date <= ${to}::date)
        ),
        pool as (
          select candidate_id from ranked union select candidate_id from population
        ),
        shortlisted as (
          select distinct candidate_id from shortlist_candidates
           where tenant_id = ${tenantId} and approved_at is not null and ${inPeriod(sql.raw('approved_at'), from, to)}
        ),
        invited as (
          select distinct sc.candidate_id from employer_feedback f
            join shortlist_candidates sc on sc.tenant_id = f.tenant_id and sc.id = f.shortlist_candidate_id
           where f.tenant_id = ${tenantId} and f.decision in ('invite', 'hire') and ${inPeriod(sql.raw('f.given_at'), from, to)}
        ),
        hired as (
          select sc.candidate_id from employer_feedback f
            join shortlist_candidates sc on sc.tenant_id = f.tenant_id and sc.id = f.shortlist_candidate_id
           where f.tenant_id = ${tenantId} and f.decision = 'hire' and ${inPeriod(sql.raw('f.given_at'), from, to)}
          union
          select candidate_id from placements where tenant_id = ${tenantId} and ${inPeriod(sql.raw('created_at'), from, to)}
        )
        select c.id::text as candidate_id, coalesce(ranked.top_k, false) as top_k,
               exists (select 1 from shortlisted s where s.candidate_id = c.id) as shortlisted,
               exists (select 1 from invited i where i.candidate_id = c.id) as invited,
               exists (select 1 from hired h where h.candidate_id = c.id) as hired,
               a.gender, a.age_band, a.migration_background, a.disability
          from pool
          join candidates c on c.tenant_id = ${tenantId} and c.id = pool.candidate_id
          left join ranked on ranked.candidate_id = pool.candidate_id
          left join candidate_audit_attributes a on a.tenant_id = c.tenant_id and a.candidate_id = c.id
         order by c.id`);
      return result.rows.map((row) => {
        const attributes: AuditAttributes = {
          gender: row.gender,
          ageBand: row.age_band,
          migrationBackground: row.migration_background,
          disability: row.disability,
        };
        return {
          candidateId: row.candidate_id,
          attributes,
          reached: { ranked_top_k: row.top_k, shortlisted: row.shortlisted, invited: row.invited, hired: row.hired },
        };
      });
    },

    /** Placements starting in the period, with their employer's sector, and their follow-ups. */
    async impactData({
      tenantId,
      from,
      to,
    }: {
      tenantId: string;
      from: string;
      to: string;
    }): Promise<{ placements: Array<ImpactPlacement & { candidateId: string; vacancyId: string }>; followUps: ImpactFollowUp[]; matches: PlacementMatch[] }> {
      const placements = await db.execute<ImpactPlacement & { candidateId: string; vacancyId: string }>(sql`
        select p.id, p.candidate_id::text as "candidateId", p.vacancy_id::text as "vacancyId", p.start_date::text as "startDate", p.hours_per_week as "hoursPerWeek", p.contract_months as "contractMonths",
               p.ended_on::text as "endedOn", p.instruments_used as "instrumentsUsed", e.sector
          from placements p
          join employers e on e.tenant_id = p.tenant_id and e.id = p.employer_id
         where p.tenant_id = ${tenantId} and p.start_date between ${from}::date and ${to}::date
         order by p.start_date, p.id`);
      const followUps = await db.execute<ImpactFollowUp>(sql`
        select u.placement_id as "placementId", u.month_mark as "monthMark", u.due_on::text as "dueOn", u.outcome, u.dropout_reason as "dropoutReason"
          from placement_follow_ups u
          join placements p on p.tenant_id = u.tenant_id and p.id = u.placement_id
         where u.tenant_id = ${tenantId} and p.start_date between ${from}::date and ${to}::date`);
      // The ranking run that put each placed person on the shortlist: its weights and their entry's contributions.
      const matches = await db.execute<PlacementMatch>(sql`
        select p.id::text as "placementId", r.weights, e->'contributions' as contributions, coalesce((e->>'conditional')::boolean, false) as conditional
          from placements p
          join shortlist_candidates sc on sc.tenant_id = p.tenant_id and sc.id = p.shortlist_candidate_id
          join match_runs r on r.tenant_id = sc.tenant_id and r.id = sc.match_run_id
          cross join lateral (select x from jsonb_array_elements(r.results) x where x->>'candidateId' = p.candidate_id::text limit 1) found(e)
         where p.tenant_id = ${tenantId} and p.start_date between ${from}::date and ${to}::date`);
      return { placements: placements.rows, followUps: followUps.rows, matches: matches.rows };
    },

    /** Placements of erased people (from the erasure receipts): they no longer count in any report. */
    async erasedPlacements(tenantId: string): Promise<number> {
      const result = await db.execute<{ n: number }>(sql`
        select coalesce(sum(coalesce((receipt->'counts'->'postgres'->>'placements')::int, 0)), 0)::int as n
          from erasure_ledger where tenant_id = ${tenantId}`);
      return result.rows[0]?.n ?? 0;
    },
  };
}
