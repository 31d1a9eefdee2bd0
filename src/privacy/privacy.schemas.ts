import { z } from 'zod';
import { idSchema } from '../schemas/common.js';
import { AGE_BANDS, DISABILITY_VALUES, GENDERS, MIGRATION_BACKGROUNDS } from './audit-attributes.js';

/** Rows as stored, with camelCase keys: the export shows the data itself, not a presentation of it. */
const rows = z.array(z.record(z.string(), z.unknown()));
const row = z.record(z.string(), z.unknown());

/** The one purpose an export may have (P1): the person's own access request. */
export const EXPORT_PURPOSE = 'access_request' as const;

export const exportQuerySchema = z.strictObject({
  reason: z.string().trim().min(1).max(500).optional().describe('Reference of the request, e.g. the date and number of the letter; kept in the audit log'),
});

export const candidateExportSchema = z
  .object({
    purpose: z.literal(EXPORT_PURPOSE).describe('Always the access request of the person themselves (GDPR art. 15); no other purpose exists'),
    purposeText: z.string(),
    generatedAt: z.string(),
    candidate: row,
    contact: row.nullable(),
    profile: row.nullable(),
    intakes: rows.describe('Every intake, with the answers exactly as given'),
    intakeDraft: row
      .nullable()
      .describe('The intake in progress on the werkplek, not submitted yet: the answers of the steps saved so far, exactly as given (barriers included)'),
    assessments: rows,
    barriers: rows,
    consents: rows,
    history: rows,
    auditAttributes: row.nullable().describe('Entered only for fairness checks; never used for ranking'),
    household: row.nullable().describe('Household situation, asked only for the rekentool; never used for ranking'),
    discussedVacancies: rows.describe('Vacancies the klantmanager discussed with the person'),
    proposals: rows.describe('Corrections the person proposed on their own page, with the decision'),
    rankingRuns: z
      .array(
        z.object({
          runId: idSchema,
          kind: z.enum(['vacancy', 'candidate']),
          at: z.string(),
          matcherVersion: z.string(),
          weightsVersion: z.int(),
          weights: z.record(z.string(), z.number()),
          subject: z.object({ type: z.enum(['vacancy', 'candidate']), id: idSchema, title: z.string().nullable() }),
          entry: row.nullable().describe('The person’s place in a vacancy ranking: rank, total, contributions'),
          results: rows.nullable().describe('For a ranking of vacancies for the person: the whole order'),
        }),
      )
      .describe('Every ranking run the person appears in'),
    rankingInputs: z.array(z.object({ runId: idSchema, input: row })).describe('What the matcher was given about the person, per run'),
    shortlists: rows,
    placements: rows,
    mails: rows.describe('E-mails sent about the person (mail log)'),
    accessLog: rows.describe('Audit log rows about the person: who read or changed what, and when'),
  })
  .meta({ id: 'CandidateExport' });
export type CandidateExport = z.infer<typeof candidateExportSchema>;

export const eraseBodySchema = z.strictObject({
  reason: z.string().trim().min(3).max(500).describe('Why the person is erased, e.g. "verzoek van de persoon (AVG art. 17), brief van 12 november"'),
});

const countsSchema = z.object({
  postgres: z.record(z.string(), z.int()).describe('Rows removed per table'),
  mailLog: z.object({ tombstoned: z.int().describe('Mails whose reference to the person became a hashed tombstone'), recipientsRemoved: z.int() }),
  jobs: z.object({ pgboss: z.int().describe('Queued or kept jobs whose payload mentioned the person') }),
  searchIndex: z.object({ deleteQueued: z.boolean() }),
});

export const erasureReceiptSchema = z
  .object({
    candidateId: idSchema,
    alreadyErased: z.boolean().describe('true: this person was erased before; this is the receipt of then'),
    candidateHash: z.string().describe('What remains of the person in tombstones'),
    erasedAt: z.string(),
    reason: z.string(),
    searchIndex: z.enum(['removed', 'queued']).describe('queued: the search server was not reachable; the document goes as soon as it is'),
    counts: countsSchema,
    kept: z.array(z.string()).describe('What is kept, and why'),
  })
  .meta({ id: 'ErasureReceipt' });
export type ErasureReceiptView = z.infer<typeof erasureReceiptSchema>;

export const auditAttributesBodySchema = z.strictObject({
  gender: z.enum(GENDERS).nullable().describe('null: not stated'),
  ageBand: z.enum(AGE_BANDS).nullable().describe('null: not stated'),
  migrationBackground: z.enum(MIGRATION_BACKGROUNDS).nullable().describe('Origin as CBS counts it; null: not stated'),
  disability: z.enum(DISABILITY_VALUES).nullable().describe('Occupational disability as the person states it; null: not stated'),
  enteredOnlyForAudit: z
    .literal(true)
    .describe('Confirms that the person was told these details are voluntary and only used for the fairness check, never for ranking or profiles'),
});
export type AuditAttributesBody = z.infer<typeof auditAttributesBodySchema>;

export const auditAttributesSchema = z
  .object({
    candidateId: idSchema,
    gender: z.enum(GENDERS).nullable(),
    ageBand: z.enum(AGE_BANDS).nullable(),
    migrationBackground: z.enum(MIGRATION_BACKGROUNDS).nullable(),
    disability: z.enum(DISABILITY_VALUES).nullable(),
    recordedAt: z.string(),
    note: z.string().describe('What these details are for, and what they are never for'),
  })
  .meta({ id: 'AuditAttributes' });
