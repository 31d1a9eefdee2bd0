import { z } from 'zod';
import { addRuleIssue } from '../schemas/messages.js';
import { cursorSchema, idSchema, limitSchema, longText, pageOf, postcodeSchema, shortText } from '../schemas/common.js';

export const SECTORS = ['logistics', 'production', 'cleaning', 'hospitality', 'care', 'retail', 'green_maintenance', 'construction', 'other'] as const;
export const sectorSchema = z.enum(SECTORS).describe('Sector of the employer');

export const contactSchema = z.strictObject({
  name: shortText(120).describe('Name of the contact person'),
  role: shortText(120).optional().describe('Role, e.g. "HR-adviseur"'),
  email: z.email().max(254).optional(),
  phone: z
    .string()
    .trim()
    .max(21)
    .regex(/^\+?[0-9 ()-]{8,20}$/, 'a phone number')
    .optional(),
});

const employerFields = {
  name: shortText(200).describe('Company name'),
  kvkNumber: z
    .string()
    .max(8)
    .regex(/^[0-9]{8}$/, 'a KvK number has 8 digits')
    .optional()
    .describe('Chamber of Commerce (KvK) number, 8 digits'),
  sector: sectorSchema,
  description: longText(5000).optional().describe('What the company does, in plain words'),
  website: z
    .url({ protocol: /^https?$/ })
    .max(300)
    .optional(),
  contacts: z.array(contactSchema).max(20).default([]),
};

export const createEmployerBodySchema = z.strictObject(employerFields);
export type CreateEmployerBody = z.infer<typeof createEmployerBodySchema>;

export const updateEmployerBodySchema = z.strictObject({
  name: employerFields.name.optional(),
  kvkNumber: employerFields.kvkNumber.unwrap().nullable().optional(),
  sector: sectorSchema.optional(),
  description: longText(5000).nullable().optional(),
  website: employerFields.website.unwrap().nullable().optional(),
  contacts: z.array(contactSchema).max(20).optional(),
});
export type UpdateEmployerBody = z.infer<typeof updateEmployerBodySchema>;

export const employerSchema = z
  .object({
    id: idSchema,
    name: z.string(),
    kvkNumber: z.string().nullable(),
    sector: sectorSchema,
    description: z.string().nullable(),
    website: z.string().nullable(),
    contacts: z.array(contactSchema),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Employer' });
export type EmployerView = z.infer<typeof employerSchema>;

export const listEmployersQuerySchema = z.strictObject({
  sector: sectorSchema.optional(),
  q: z.string().trim().max(100).optional().describe('Words in the company name'),
  limit: limitSchema,
  cursor: cursorSchema,
});
export type ListEmployersQuery = z.infer<typeof listEmployersQuerySchema>;
export const employerPageSchema = pageOf(employerSchema);

/** The Netherlands, generously boxed (incl. the Wadden islands and South Limburg). */
const NL_BOUNDS = { minLat: 50.7, maxLat: 53.7, minLon: 3.2, maxLon: 7.3 };

export const coordinatesSchema = z
  .strictObject({
    latitude: z.number().min(-90).max(90),
    longitude: z.number().min(-180).max(180),
  })
  .superRefine((point, ctx) => {
    if (point.latitude < NL_BOUNDS.minLat || point.latitude > NL_BOUNDS.maxLat || point.longitude < NL_BOUNDS.minLon || point.longitude > NL_BOUNDS.maxLon) {
      addRuleIssue(ctx, [], 'coordinates.outside_nl');
    }
  })
  .describe('WGS84 coordinates; looked up from the postcode when left out');

export const createLocationBodySchema = z.strictObject({
  name: shortText(200).describe('Name of the site, e.g. "DC Tilburg-Noord"'),
  street: shortText(200).optional(),
  houseNumber: z.string().trim().min(1).max(12).optional(),
  postcode: postcodeSchema,
  city: shortText(120).optional().describe('Place; taken from the postcode when left out'),
  coordinates: coordinatesSchema.optional(),
});
export type CreateLocationBody = z.infer<typeof createLocationBodySchema>;

export const updateLocationBodySchema = z.strictObject({
  name: shortText(200).optional(),
  street: shortText(200).nullable().optional(),
  houseNumber: z.string().trim().min(1).max(12).nullable().optional(),
  postcode: postcodeSchema.optional(),
  city: shortText(120).optional(),
  coordinates: coordinatesSchema.optional(),
});
export type UpdateLocationBody = z.infer<typeof updateLocationBodySchema>;

export const locationSchema = z
  .object({
    id: idSchema,
    employerId: idSchema,
    name: z.string(),
    street: z.string().nullable(),
    houseNumber: z.string().nullable(),
    postcode: z.string().describe('PC4, or PC6 as "5038 AB" when known'),
    city: z.string(),
    coordinates: z.object({ latitude: z.number(), longitude: z.number() }),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'EmployerLocation' });
export type LocationView = z.infer<typeof locationSchema>;

export const employerLocationParamsSchema = z.strictObject({ id: idSchema, locationId: idSchema });
