import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../db/client.js';
import { access, type Principal } from '../auth/roles.js';
import { principalOf } from '../auth/auth.plugin.js';
import type { Clock } from '../clock.js';
import { withProblems } from '../http/responses.js';
import { idSchema } from '../schemas/common.js';
import { inboxRepository, type InboxRow } from './inbox.repository.js';

/** The inbox looks back this far: older answers have been dealt with, or are in the shortlist itself. */
export const INBOX_DAYS = 30;
const DAY = 86_400_000;
const LIMIT = 50;

export const inboxItemSchema = z
  .object({
    kind: z
      .enum(['employer_answer', 'employer_check_in', 'dropout'])
      .describe('An employer answered about someone in my caseload, checked in on a hire (1, 3, 6 months), or a colleague recorded a drop-out'),
    id: idSchema,
    at: z.string(),
    decision: z.enum(['invite', 'hire', 'decline']).nullable().describe('The employer answer; null for a drop-out'),
    reasonCode: z.string().nullable().describe('Decline reason or drop-out reason (a code)'),
    candidate: z.object({ id: idSchema, reference: z.string() }),
    vacancy: z.object({ id: idSchema, title: z.string() }),
    employerName: z.string(),
    shortlistId: idSchema.nullable(),
    placementId: idSchema.nullable(),
    checkIn: z
      .object({
        monthMark: z.int(),
        goingWell: z.enum(['yes', 'partly', 'no']).describe('"Gaat het goed?"'),
        needsSomething: z.boolean().describe('"Is er iets nodig?" (what, is on the placement for staff)'),
      })
      .nullable()
      .describe('The employer check-in; null for other kinds'),
  })
  .meta({ id: 'InboxItem' });
export type InboxItem = z.infer<typeof inboxItemSchema>;

export function toInboxItem(row: InboxRow): InboxItem {
  return {
    kind: row.kind,
    id: row.id,
    at: row.at.toISOString(),
    decision: row.decision,
    reasonCode: row.reasonCode,
    candidate: { id: row.candidateId, reference: row.reference },
    vacancy: { id: row.vacancyId, title: row.vacancyTitle },
    employerName: row.employerName,
    shortlistId: row.shortlistId,
    placementId: row.placementId,
    checkIn: row.kind === 'employer_check_in' ? { monthMark: row.monthMark!, goingWell: row.goingWell!, needsSomething: row.needsSomething! } : null,
  };
}

/** The signed-in klantmanager's inbox: the last 30 days, newest first. Others have no caseload: empty. */
export async function inboxFor({ db, clock, principal }: { db: Db; clock: Clock; principal: Principal }): Promise<InboxItem[]> {
  if (principal.role !== 'account_manager') return [];
  const now = clock.now();
  const rows = await inboxRepository(db).forAccountManager({
    tenantId: principal.tenantId,
    userId: principal.userId,
    since: new Date(now.getTime() - INBOX_DAYS * DAY),
    until: now,
    limit: LIMIT,
  });
  return rows.map(toInboxItem);
}

export async function inboxRoutes(app: FastifyInstance, { db, clock }: { db: Db; clock: Clock }) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/v1/me/inbox',
    {
      config: { access: access.staff },
      schema: {
        tags: ['inbox'],
        summary:
          'What reached me about my caseload in the last 30 days: employer answers, employer check-ins and drop-outs (klantmanagers; others get an empty list)',
        response: withProblems({ 200: z.object({ items: z.array(inboxItemSchema) }) }),
      },
    },
    async (request) => ({ items: await inboxFor({ db, clock, principal: principalOf(request) }) }),
  );
}
