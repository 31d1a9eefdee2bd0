import { z } from 'zod';
import { ROLES, STAFF_ROLES } from '../auth/roles.js';
import { idSchema, shortText } from '../schemas/common.js';

export const roleSchema = z.enum(ROLES).describe('account_manager, employer_relations, admin, or employer');

export const userSchema = z
  .object({
    id: idSchema,
    email: z.string(),
    name: z.string(),
    role: roleSchema,
    employerId: idSchema.nullable(),
    active: z.boolean(),
    createdAt: z.string(),
  })
  .meta({ id: 'User' });
export type UserView = z.infer<typeof userSchema>;

export const meSchema = z.object({
  user: userSchema,
  tenant: z.object({ id: idSchema, slug: z.string(), name: z.string() }),
});

export const createUserBodySchema = z
  .strictObject({
    email: z.email().max(254),
    name: shortText(120),
    role: roleSchema,
    employerId: idSchema.optional().describe('Required for role employer: the one employer this user acts for'),
  })
  .refine((body) => (body.role === 'employer') === (body.employerId !== undefined), {
    message: 'employerId hoort bij (en alleen bij) de rol employer',
    path: ['employerId'],
  });
export type CreateUserBody = z.infer<typeof createUserBodySchema>;

export const updateUserBodySchema = z.strictObject({
  name: shortText(120).optional(),
  active: z.boolean().optional().describe('false: the user can no longer sign in; their tokens stop working'),
  role: z.enum(STAFF_ROLES).optional().describe('Another staff role (staff users only; an employer account stays one). Not for your own account'),
});
export type UpdateUserBody = z.infer<typeof updateUserBodySchema>;

export const createTokenBodySchema = z.strictObject({
  label: shortText(120).describe('What the token is for, e.g. "werkgeversportaal"'),
  ttlDays: z.int().min(1).max(365).optional().describe('Lifetime in days (default from configuration)'),
});

export const tokenSchema = z
  .object({
    id: idSchema,
    userId: idSchema,
    label: z.string(),
    prefix: z.string().describe('The first characters of the token'),
    expiresAt: z.string(),
    revokedAt: z.string().nullable(),
    lastUsedAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'ApiToken' });
export type TokenView = z.infer<typeof tokenSchema>;

export const createdTokenSchema = tokenSchema.extend({
  token: z.string().describe('The secret; shown once, store it safely'),
});
