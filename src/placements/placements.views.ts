import type { CheckInRow, FollowUpEntryRow, FollowUpRow } from './placements.repository.js';
import type { CheckInGoingWell, CheckInView, DropoutReason, FollowUpEntryView, FollowUpOutcome, FollowUpView } from './placements.schemas.js';

/* Presenters: stored rows → the shapes of the API. No I/O. */

export function toFollowUpEntryView(row: { entry: FollowUpEntryRow; recorderName: string | null }): FollowUpEntryView {
  const { entry } = row;
  return {
    id: entry.id,
    outcome: entry.outcome as FollowUpOutcome,
    dropoutReason: entry.dropoutReason as DropoutReason | null,
    endedOn: entry.endedOn,
    note: entry.note,
    corrects: entry.correctsId,
    recordedBy: { id: entry.recordedBy, name: row.recorderName ?? '' },
    recordedAt: entry.recordedAt.toISOString(),
  };
}

export function toFollowUpView(
  row: { followUp: FollowUpRow; recorderName: string | null },
  today: string,
  history: FollowUpEntryView[],
  opensOn: string,
): FollowUpView {
  const { followUp } = row;
  return {
    id: followUp.id,
    monthMark: followUp.monthMark,
    dueOn: followUp.dueOn,
    due: followUp.outcome === null && followUp.dueOn <= today,
    opensOn,
    outcome: followUp.outcome as FollowUpOutcome | null,
    dropoutReason: followUp.dropoutReason as DropoutReason | null,
    note: followUp.note,
    recordedBy: followUp.recordedBy ? { id: followUp.recordedBy, name: row.recorderName ?? '' } : null,
    recordedAt: followUp.recordedAt?.toISOString() ?? null,
    reminderSentAt: followUp.reminderSentAt?.toISOString() ?? null,
    history,
  };
}

export function toCheckInView(row: CheckInRow): CheckInView {
  return {
    id: row.id,
    monthMark: row.monthMark,
    goingWell: row.goingWell as CheckInGoingWell,
    needsSomething: row.needsSomething,
    note: row.note,
    givenAt: row.givenAt.toISOString(),
  };
}
