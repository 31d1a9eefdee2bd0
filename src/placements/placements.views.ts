import type { FollowUpRow } from './placements.repository.js';
import type { DropoutReason, FollowUpOutcome, FollowUpView } from './placements.schemas.js';

/* Presenters: stored rows → the shapes of the API. No I/O. */

export function toFollowUpView(row: { followUp: FollowUpRow; recorderName: string | null }, today: string): FollowUpView {
  const { followUp } = row;
  return {
    id: followUp.id,
    monthMark: followUp.monthMark,
    dueOn: followUp.dueOn,
    due: followUp.outcome === null && followUp.dueOn <= today,
    outcome: followUp.outcome as FollowUpOutcome | null,
    dropoutReason: followUp.dropoutReason as DropoutReason | null,
    note: followUp.note,
    recordedBy: followUp.recordedBy ? { id: followUp.recordedBy, name: row.recorderName ?? '' } : null,
    recordedAt: followUp.recordedAt?.toISOString() ?? null,
    reminderSentAt: followUp.reminderSentAt?.toISOString() ?? null,
  };
}
