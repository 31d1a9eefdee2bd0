import { z } from 'zod';
import type { LedgerEntry } from './erasure.js';

/*
 * The erasure ledger as a file: exported regularly and kept apart from the database backups, so
 * that a restored backup older than the newest erasures can still be cleaned
 * (`npm run privacy:replay-erasures -- --from <file>`). It holds pseudonymous ids and hashes only.
 */

const entrySchema = z.object({
  tenantId: z.uuid(),
  id: z.uuid(),
  candidateId: z.uuid(),
  candidateHash: z.string().regex(/^[0-9a-f]{64}$/),
  erasedAt: z.iso.datetime({ offset: true }),
  erasedBy: z.uuid(),
  reason: z.string().min(1).max(500),
  receipt: z.record(z.string(), z.unknown()),
});

const fileSchema = z.object({
  format: z.literal('kansrijk-erasure-ledger'),
  version: z.literal(1),
  exportedAt: z.string(),
  entries: z.array(entrySchema),
});

export function ledgerToFile(entries: readonly LedgerEntry[], now: Date): string {
  return `${JSON.stringify({ format: 'kansrijk-erasure-ledger', version: 1, exportedAt: now.toISOString(), entries }, null, 2)}\n`;
}

/** Reads a ledger file; throws with the reason when it is not one. */
export function ledgerFromFile(text: string): LedgerEntry[] {
  return fileSchema.parse(JSON.parse(text)).entries;
}
