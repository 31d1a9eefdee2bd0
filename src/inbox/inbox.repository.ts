import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';

/*
 * What reached a klantmanager about their caseload (issue 16.3): employers' answers (invite, hire,
 * decline; from the API or the werkgever pages, which share the feedback service), employers'
 * check-ins on their hires (issue 15.5: the two answers, not the note) and drop-outs recorded by
 * someone else. Derived from the rows themselves, so an answer is there the moment it
 * is committed. Pseudonymous like the digest: references, titles, codes; no names, no free text.
 */

export type InboxRow = {
  kind: 'employer_answer' | 'employer_check_in' | 'dropout';
  id: string;
  at: Date;
  decision: 'invite' | 'hire' | 'decline' | null;
  reasonCode: string | null;
  candidateId: string;
  reference: string;
  vacancyId: string;
  vacancyTitle: string;
  employerName: string;
  shortlistId: string | null;
  placementId: string | null;
  /** A check-in: which moment, and the two answers. */
  monthMark: number | null;
  goingWell: 'yes' | 'partly' | 'no' | null;
  needsSomething: boolean | null;
};

export function inboxRepository(db: Executor) {
  return {
    /** Items for the account manager's caseload with `since < at <= until`, newest first. */
    async forAccountManager({
      tenantId,
      userId,
      since,
      until,
      limit,
    }: {
      tenantId: string;
      userId: string;
      since: Date;
      until: Date;
      limit: number;
    }): Promise<InboxRow[]> {
      const from = sql`${since.toISOString()}::timestamptz`;
      const to = sql`${until.toISOString()}::timestamptz`;
      const result = await db.execute<InboxRow & { at: string }>(sql`
        select * from (
          select 'employer_answer' as kind, f.id::text as id, f.given_at as at, f.decision, f.reason_code as "reasonCode",
                 c.id::text as "candidateId", c.reference, v.id::text as "vacancyId", v.title as "vacancyTitle", e.name as "employerName",
                 s.id::text as "shortlistId", null::text as "placementId",
                 null::int as "monthMark", null::text as "goingWell", null::boolean as "needsSomething"
            from employer_feedback f
            join shortlist_candidates sc on sc.tenant_id = f.tenant_id and sc.id = f.shortlist_candidate_id
            join shortlists s on s.tenant_id = sc.tenant_id and s.id = sc.shortlist_id
            join vacancies v on v.tenant_id = s.tenant_id and v.id = s.vacancy_id
            join employers e on e.tenant_id = s.tenant_id and e.id = s.employer_id
            join candidates c on c.tenant_id = sc.tenant_id and c.id = sc.candidate_id
           where f.tenant_id = ${tenantId} and c.account_manager_id = ${userId} and f.given_at > ${from} and f.given_at <= ${to}
          union all
          select 'employer_check_in', k.id::text, k.given_at, null, null,
                 c.id::text, c.reference, v.id::text, v.title, e.name, null, p.id::text,
                 k.month_mark, k.going_well, k.needs_something
            from placement_check_ins k
            join placements p on p.tenant_id = k.tenant_id and p.id = k.placement_id
            join vacancies v on v.tenant_id = p.tenant_id and v.id = p.vacancy_id
            join employers e on e.tenant_id = p.tenant_id and e.id = p.employer_id
            join candidates c on c.tenant_id = p.tenant_id and c.id = p.candidate_id
           where k.tenant_id = ${tenantId} and c.account_manager_id = ${userId} and k.given_at > ${from} and k.given_at <= ${to}
          union all
          select 'dropout', x.id::text, x.recorded_at, null, x.dropout_reason,
                 c.id::text, c.reference, v.id::text, v.title, e.name, null, p.id::text,
                 null, null, null
            from placement_follow_up_entries x
            join placements p on p.tenant_id = x.tenant_id and p.id = x.placement_id
            join vacancies v on v.tenant_id = p.tenant_id and v.id = p.vacancy_id
            join employers e on e.tenant_id = p.tenant_id and e.id = p.employer_id
            join candidates c on c.tenant_id = p.tenant_id and c.id = p.candidate_id
           where x.tenant_id = ${tenantId} and c.account_manager_id = ${userId} and x.outcome = 'dropped_out' and x.recorded_by <> ${userId}
             and x.recorded_at > ${from} and x.recorded_at <= ${to}
        ) items
        order by at desc, id desc
        limit ${limit}`);
      return result.rows.map((row) => ({ ...row, at: new Date(row.at) }));
    },
  };
}
