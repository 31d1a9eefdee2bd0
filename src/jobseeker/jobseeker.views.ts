import type { ProposalRow } from './jobseeker.repository.js';
import type { ProposalView } from './jobseeker.schemas.js';

/* Presenters: stored rows → the shapes of the API. No I/O. */

export function toProposalView(row: ProposalRow, decidedByName: string | null = null): ProposalView {
  return {
    id: row.id,
    status: row.status as ProposalView['status'],
    changes: row.changes,
    note: row.note,
    createdAt: row.createdAt.toISOString(),
    decidedAt: row.decidedAt?.toISOString() ?? null,
    decidedBy: row.decidedBy ? { id: row.decidedBy, name: decidedByName } : null,
    decisionNote: row.decisionNote,
  };
}
