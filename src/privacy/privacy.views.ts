import type { Lang } from '../schemas/messages.js';
import { AUDIT_ATTRIBUTES_NOTE } from './audit-attributes.js';
import type { AuditAttributesRow } from './privacy.repository.js';

/* Presenters: stored rows → the shapes of the API. No I/O. */

export function toAuditAttributesView(row: AuditAttributesRow, lang: Lang) {
  return {
    candidateId: row.candidateId,
    gender: row.gender,
    ageBand: row.ageBand,
    migrationBackground: row.migrationBackground,
    disability: row.disability,
    recordedAt: row.recordedAt.toISOString(),
    note: AUDIT_ATTRIBUTES_NOTE[lang],
  } as const;
}
