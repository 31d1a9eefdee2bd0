import { z } from 'zod';
import { vacancyCompetencySchema } from '../vacancies/vacancies.schemas.js';

/** Where a concept comes from: the imported ESCO, or the project's own small demo taxonomy. */
const sourceSchema = z.enum(['esco', 'demo']).describe('esco: imported ESCO; demo: the built-in demo taxonomy');
const labelLanguageSchema = z.enum(['nl', 'en']).describe('Language of `label`: nl, or en where ESCO has no Dutch label yet');
const labelSourceSchema = z
  .enum(['taxonomy', 'tenant'])
  .describe(
    'Where `label` comes from: taxonomy (ESCO or the demo taxonomy), or tenant (this Werkplein’s own Dutch label, see PUT /v1/taxonomy/skills/:id/labels)',
  );

/** A concept's id: the UUID at the end of its ESCO URI (any UUID layout, as ESCO's are). */
export const conceptIdParamsSchema = z.strictObject({
  id: z
    .string()
    .max(36)
    .regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, 'een UUID')
    .transform((id) => id.toLowerCase())
    .describe('The UUID at the end of the ESCO URI, e.g. eeac6251-1974-42f5-91ed-513c6c883755'),
});

export const taxonomySearchQuerySchema = z.strictObject({
  q: z
    .string()
    .trim()
    .max(100)
    .optional()
    .describe('Words to look for: Dutch job titles, synonyms, parts of compounds; typos are tolerated. Empty: list by label'),
  limit: z.coerce.number().int().min(1).max(50).default(20).describe('How many results, 1–50 (default 20)'),
});
export type TaxonomySearchQuery = z.infer<typeof taxonomySearchQuerySchema>;

export const occupationHitSchema = z
  .object({
    id: z.string().describe('End of the URI: a UUID for an occupation, C and four digits for an ISCO group'),
    uri: z.string().describe('ESCO occupation URI, or ISCO-08 unit group URI'),
    kind: z
      .enum(['occupation', 'iscoGroup'])
      .describe('occupation: an ESCO occupation; iscoGroup: an ISCO-08 unit group, the broader answer where no occupation fits'),
    label: z.string().describe('Dutch name of the occupation or group (English where ESCO has no Dutch)'),
    labelLanguage: labelLanguageSchema,
    labelEn: z.string().nullable().describe('English name'),
    code: z.string().nullable().describe('ESCO code, e.g. 8344.1'),
    iscoGroup: z.string().nullable().describe('ISCO-08 unit group, e.g. 8344'),
    source: sourceSchema,
  })
  .meta({ id: 'OccupationHit' });

export const skillHitSchema = z
  .object({
    id: z.string().describe('UUID of the concept (end of the URI)'),
    uri: z.string().describe('ESCO skill URI'),
    label: z.string().describe('This Werkplein’s own Dutch label where it has one, else the Dutch name of the skill, or English where ESCO has no Dutch yet'),
    labelLanguage: labelLanguageSchema,
    labelSource: labelSourceSchema,
    labelEn: z.string().nullable().describe('English name'),
    skillType: z.string().nullable().describe('skill/competence, knowledge or language'),
    source: sourceSchema,
  })
  .meta({ id: 'SkillHit' });

export const occupationSearchResultSchema = z.object({ items: z.array(occupationHitSchema) });
export const skillSearchResultSchema = z.object({ items: z.array(skillHitSchema) });

const occupationSkillSchema = z
  .object({
    id: z.string(),
    uri: z.string().describe('ESCO skill URI'),
    label: z.string(),
    labelLanguage: labelLanguageSchema,
    labelSource: labelSourceSchema,
    skillType: z.string().nullable(),
  })
  .meta({ id: 'OccupationSkill' });

export const occupationDetailSchema = z
  .object({
    id: z.string(),
    uri: z.string(),
    code: z.string().nullable(),
    label: z.string(),
    labelLanguage: labelLanguageSchema,
    labelEn: z.string().nullable(),
    altLabels: z.array(z.string()).describe('Dutch alternative names (synonyms, spelling and gender variants)'),
    description: z.string().nullable(),
    descriptionLanguage: labelLanguageSchema.nullable(),
    iscoGroup: z.object({ code: z.string(), label: z.string().nullable() }).nullable().describe('ISCO-08 unit group'),
    regulated: z.boolean().describe('A regulated profession (a diploma or licence is required by law)'),
    source: sourceSchema,
    essentialSkills: z.array(occupationSkillSchema).describe('Skills the occupation needs'),
    optionalSkills: z.array(occupationSkillSchema).describe('Skills that help, depending on the job'),
  })
  .meta({ id: 'OccupationDetail' });
export type OccupationDetail = z.infer<typeof occupationDetailSchema>;

/** The most competencies a vacancy takes (see the vacancy schema). */
export const MAX_SUGGESTED_COMPETENCIES = 40;

export const suggestedCompetenciesSchema = z
  .object({
    occupationUri: z.string(),
    occupationLabel: z.string(),
    competencies: z.array(vacancyCompetencySchema).describe('Ready for a vacancy’s competencies: essential skills as "should", optional ones as "trainable"'),
    omitted: z.int().min(0).describe(`Skills left out to stay within the ${MAX_SUGGESTED_COMPETENCIES} competencies a vacancy takes (optional ones first)`),
    englishLabels: z
      .array(z.string())
      .describe(
        'The skillUri of every competency whose label is English (ESCO has no Dutch label for it yet, nor has this Werkplein given one): show it marked as English',
      ),
  })
  .meta({ id: 'SuggestedCompetencies' });
export type SuggestedCompetencies = z.infer<typeof suggestedCompetenciesSchema>;

/** The most free-text competences one suggestion request takes (a profile holds at most 60). */
export const MAX_SUGGESTION_TEXTS = 60;

export const skillSuggestionsBodySchema = z.strictObject({
  texts: z
    .array(z.string().trim().min(1).max(200))
    .min(1)
    .max(MAX_SUGGESTION_TEXTS)
    .describe('Competences in a person’s (or employer’s) own words, e.g. "orders verzamelen bij de voedselbank"'),
  limit: z.int().min(1).max(10).default(3).describe('Suggestions per text, 1–10 (default 3)'),
});
export type SkillSuggestionsBody = z.infer<typeof skillSuggestionsBodySchema>;

export const skillSuggestionsSchema = z
  .object({
    items: z
      .array(
        z.object({
          text: z.string().describe('The words as given; they stay as they are whichever concept staff confirm'),
          suggestions: z
            .array(skillHitSchema)
            .describe('Concepts to confirm, best first; Dutch-labelled ones before English-only ones. Empty: keep the words free'),
        }),
      )
      .describe('One item per text, in the order given'),
  })
  .meta({ id: 'SkillSuggestions' });
export type SkillSuggestions = z.infer<typeof skillSuggestionsSchema>;

/** A Werkplein's own Dutch words for a concept: at most this many synonyms. */
export const MAX_TENANT_SYNONYMS = 20;

const tenantWordSchema = z.string().trim().min(1).max(200);

export const skillLabelsBodySchema = z
  .strictObject({
    label: tenantWordSchema
      .nullable()
      .default(null)
      .describe(
        'This Werkplein’s Dutch label for the skill, shown instead of ESCO’s (or instead of the English one where ESCO has no Dutch); null: keep the taxonomy’s label',
      ),
    synonyms: z
      .array(tenantWordSchema)
      .max(MAX_TENANT_SYNONYMS)
      .default([])
      .describe(`Dutch words by which this Werkplein’s people find the skill (look-up and suggestions), at most ${MAX_TENANT_SYNONYMS}`),
  })
  .describe('Replaces this Werkplein’s words for the skill; no label and no synonyms removes them');
export type SkillLabelsBody = z.infer<typeof skillLabelsBodySchema>;

export const skillDetailSchema = z
  .object({
    id: z.string().describe('UUID of the concept (end of the URI)'),
    uri: z.string().describe('ESCO skill URI'),
    label: z.string().describe('The label to show: this Werkplein’s own, else the taxonomy’s Dutch one, else English'),
    labelLanguage: labelLanguageSchema,
    labelSource: labelSourceSchema,
    taxonomyLabel: z.string().nullable().describe('The taxonomy’s Dutch label; null where ESCO has none'),
    labelEn: z.string().nullable().describe('English name'),
    altLabels: z.array(z.string()).describe('The taxonomy’s Dutch alternative labels'),
    tenantLabel: z.string().nullable().describe('This Werkplein’s own Dutch label'),
    tenantSynonyms: z.array(z.string()).describe('This Werkplein’s own Dutch synonyms'),
    skillType: z.string().nullable(),
    source: sourceSchema,
  })
  .meta({ id: 'SkillDetail' });
export type SkillDetail = z.infer<typeof skillDetailSchema>;
