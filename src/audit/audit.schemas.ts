import { z } from 'zod';
import { cursorSchema, dateSchema, idSchema, limitSchema, pageOf } from '../schemas/common.js';

/** A moment or a calendar day (a day counts in Europe/Amsterdam; `to` then includes the whole day). */
const momentSchema = z
  .union([z.iso.datetime({ offset: true }).max(64), dateSchema])
  .refine((value) => value.slice(0, 4) >= '1970' && value.slice(0, 4) <= '2999', 'a moment from 1970 to 2999')
  .describe('ISO date-time with offset, or a calendar date YYYY-MM-DD');

export const auditQuerySchema = z.strictObject({
  action: z.string().trim().min(1).max(100).optional().describe('Exact action, e.g. candidate.erase'),
  subjectType: z.string().trim().min(1).max(100).optional().describe('What the row is about, e.g. candidate'),
  subjectId: idSchema.optional().describe('The id of what the row is about'),
  actorUserId: idSchema.optional().describe('Who did it'),
  from: momentSchema.optional().describe('From this moment (inclusive)'),
  to: momentSchema.optional().describe('Up to this moment (inclusive)'),
  limit: limitSchema,
  cursor: cursorSchema,
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

export const auditEntrySchema = z
  .object({
    id: idSchema,
    at: z.string(),
    actor: z.object({ id: idSchema, name: z.string().nullable() }).nullable().describe('null: the system (e.g. the retention job)'),
    action: z.string(),
    subjectType: z.string(),
    subjectId: idSchema.nullable(),
    reason: z.string().nullable(),
    details: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'AuditEntry' });

export const auditPageSchema = pageOf(auditEntrySchema).meta({ id: 'AuditPage' });
