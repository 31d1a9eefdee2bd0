import { z } from 'zod';

/** A Werkplein's short name in URLs and commands: lower-case letters, digits and single hyphens. */
export const tenantSlugSchema = z
  .string()
  .min(3)
  .max(40)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'use lower-case letters, digits and single hyphens');

/** What the operator gives to create a Werkplein (`npm run tenant:create`). */
export const createTenantInputSchema = z.strictObject({
  slug: tenantSlugSchema,
  /** The Werkplein's name as people read it (pages, mails). */
  name: z.string().trim().min(3).max(120),
  /** The first admin, who signs in with the printed link and adds everyone else. */
  admin: z.strictObject({
    email: z.email().max(254),
    name: z.string().trim().min(1).max(120),
  }),
});
export type CreateTenantInput = z.infer<typeof createTenantInputSchema>;
