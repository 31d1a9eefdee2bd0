import { z } from 'zod';

/** Employer instruments a Werkplein can offer. The LIV is abolished since 2025 and is never offered. */
export const INSTRUMENT_CODES = ['loonkostensubsidie', 'no_riskpolis', 'proefplaatsing', 'jobcoach', 'lkv_banenafspraak', 'lkv_oudere_werknemer'] as const;
export type InstrumentCode = (typeof INSTRUMENT_CODES)[number];

/** Per-tenant configuration, kept in tenants.settings; every field has a documented default. */
export const tenantSettingsSchema = z.strictObject({
  rankingEnabled: z.boolean().default(true).describe('false: ranking is switched off (F4); manual shortlisting keeps working'),
  benefitMonthlyAmount: z.number().min(0).max(10_000).default(1450).describe('Average monthly benefit cost (euro) used to estimate savings of a placement'),
  instruments: z
    .strictObject({
      enabled: z
        .array(z.enum(INSTRUMENT_CODES))
        .max(INSTRUMENT_CODES.length)
        .default([...INSTRUMENT_CODES])
        .describe('Instruments this Werkplein offers'),
      lkvOlderWorkerPhaseOutEnd: z.iso
        .date()
        .default('2026-12-31')
        .describe('Last start date for which the LKV oudere werknemer (56+) is still offered while it is phased out'),
      proefplaatsingMaxMonths: z.int().min(1).max(6).default(2),
    })
    .default({ enabled: [...INSTRUMENT_CODES], lkvOlderWorkerPhaseOutEnd: '2026-12-31', proefplaatsingMaxMonths: 2 }),
  retentionDays: z
    .strictObject({
      closedCandidates: z.int().min(30).max(3650).default(730).describe('Profiles of people no longer in the caseload'),
      matchRunInputs: z.int().min(30).max(3650).default(365),
      mailLog: z.int().min(30).max(3650).default(365),
      idempotencyKeys: z.int().min(1).max(30).default(1),
    })
    .default({ closedCandidates: 730, matchRunInputs: 365, mailLog: 365, idempotencyKeys: 1 }),
});
export type TenantSettings = z.infer<typeof tenantSettingsSchema>;

export const updateTenantSettingsBodySchema = z.strictObject({
  rankingEnabled: z.boolean().optional(),
  benefitMonthlyAmount: z.number().min(0).max(10_000).optional(),
  instruments: tenantSettingsSchema.shape.instruments.unwrap().partial().optional(),
  retentionDays: tenantSettingsSchema.shape.retentionDays.unwrap().partial().optional(),
});
export type UpdateTenantSettingsBody = z.infer<typeof updateTenantSettingsBodySchema>;

/** Reads stored settings leniently: unknown or missing keys fall back to the defaults. */
export function readTenantSettings(stored: unknown): TenantSettings {
  const parsed = tenantSettingsSchema.safeParse(stored && typeof stored === 'object' ? stripUnknown(stored as Record<string, unknown>) : {});
  return parsed.success ? parsed.data : tenantSettingsSchema.parse({});
}

function stripUnknown(stored: Record<string, unknown>): Record<string, unknown> {
  const known = Object.keys(tenantSettingsSchema.shape);
  return Object.fromEntries(Object.entries(stored).filter(([key]) => known.includes(key)));
}
