import { z } from 'zod';
import { updateProfileBodySchema } from '../candidates/candidates.schemas.js';

/** What a jobseeker may correct themselves: their wishes and their availability (issue 17, point 6). */
export const proposalChangesSchema = z
  .strictObject({
    workWishes: updateProfileBodySchema.shape.workWishes,
    availability: updateProfileBodySchema.shape.availability,
    hoursNow: updateProfileBodySchema.shape.hoursNow,
    hoursTarget: updateProfileBodySchema.shape.hoursTarget,
    rampUpPlan: updateProfileBodySchema.shape.rampUpPlan,
  })
  .refine((changes) => Object.values(changes).some((value) => value !== undefined), { message: 'nothing to change', path: [] });
export type ProposalChanges = z.infer<typeof proposalChangesSchema>;

export const PROPOSAL_STATUSES = ['pending', 'accepted', 'rejected'] as const;

export const proposalSchema = z
  .object({
    id: z.string(),
    status: z.enum(PROPOSAL_STATUSES),
    changes: z.record(z.string(), z.unknown()).describe('Proposed values, in the shape of PATCH /v1/candidates/{id}/profile'),
    note: z.string().nullable().describe('The person’s own explanation'),
    createdAt: z.string(),
    decidedAt: z.string().nullable(),
    decidedBy: z.object({ id: z.string(), name: z.string().nullable() }).nullable(),
    decisionNote: z.string().nullable(),
  })
  .meta({ id: 'ProfileChangeProposal' });
export type ProposalView = z.infer<typeof proposalSchema>;

export const listProposalsQuerySchema = z.strictObject({ status: z.enum(PROPOSAL_STATUSES).optional() });

export const decideProposalBodySchema = z.strictObject({
  decision: z.enum(['accept', 'reject']).describe('accept: the change is made in the profile (with history); reject: nothing changes'),
  note: z.string().trim().min(1).max(500).optional().describe('Shown to the person on their page'),
});
export type DecideProposalBody = z.infer<typeof decideProposalBodySchema>;

export const proposalParamsSchema = z.strictObject({ id: z.uuid(), proposalId: z.uuid() });
export const discussedParamsSchema = z.strictObject({ id: z.uuid(), vacancyId: z.uuid() });

export const discussedVacancySchema = z
  .object({
    vacancyId: z.string(),
    title: z.string(),
    employerName: z.string(),
    status: z.string(),
    discussedAt: z.string(),
    discussedBy: z.object({ id: z.string(), name: z.string().nullable() }),
  })
  .meta({ id: 'DiscussedVacancy' });
export type DiscussedVacancyView = z.infer<typeof discussedVacancySchema>;
