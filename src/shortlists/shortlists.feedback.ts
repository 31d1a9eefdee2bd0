import type { Executor } from '../../db/client.js';
import { audit } from '../audit/audit.js';
import type { Principal } from '../auth/roles.js';
import { isStaff } from '../auth/roles.js';
import { ProblemError } from '../http/problems.js';
import { afterIdFrom, pageCursor } from '../http/responses.js';
import { newId } from '../ids.js';
import { checkProtectedGrounds } from './protected-grounds.js';
import { feedbackProblems, shortlistProblems } from './shortlists.errors.js';
import { loadShortlist, type ShortlistDeps } from './shortlists.reads.js';
import { shortlistRepository, type EntryRow } from './shortlists.repository.js';
import type { FeedbackBody, FeedbackReceipt } from './shortlists.schemas.js';
import { toFlaggedFeedbackView } from './shortlists.views.js';

/*
 * Feedback: the employer's answer per candidate (invite, hire, decline with a structured reason),
 * and the answers whose words point at a protected ground, for staff to follow up.
 */
export function createShortlistFeedback({ db, clock }: ShortlistDeps) {
  return {
    /** The employer's answer per candidate (or staff recording it on the employer's behalf). */
    async giveFeedback({
      tx,
      principal,
      id,
      candidateId,
      body,
    }: {
      tx: Executor;
      principal: Principal;
      id: string;
      candidateId: string;
      body: FeedbackBody;
    }): Promise<FeedbackReceipt> {
      await loadShortlist({ executor: tx, principal, id });
      const repository = shortlistRepository(tx);
      const now = clock.now();
      let entry: EntryRow | undefined;
      if (isStaff(principal)) {
        entry = await repository.findEntry({ tenantId: principal.tenantId, shortlistId: id, candidateId });
        if (!entry) throw new ProblemError(shortlistProblems.entry_not_found);
        if (entry.removedAt) throw new ProblemError(shortlistProblems.entry_removed);
        if (!entry.sharedAt) throw new ProblemError(feedbackProblems.not_shared);
      } else {
        // An employer can only answer about someone it can see.
        entry = await repository.findEmployerEntry({ tenantId: principal.tenantId, shortlistId: id, candidateId, now });
        if (!entry) throw new ProblemError(shortlistProblems.entry_not_found);
      }
      if ((body.decision === 'decline' && !body.reasonCode) || (body.reasonCode === 'other' && !body.reasonText)) {
        throw new ProblemError(feedbackProblems.reason_required);
      }
      if (body.invitation && body.decision !== 'invite') throw new ProblemError(feedbackProblems.invitation_without_invite);
      const check = checkProtectedGrounds(body.reasonText);
      const row = await repository.insertFeedback({
        tenantId: principal.tenantId,
        id: newId(now.getTime()),
        shortlistCandidateId: entry.id,
        decision: body.decision,
        reasonCode: body.reasonCode ?? null,
        reasonText: body.reasonText ?? null,
        invitation: body.invitation ?? null,
        protectedGroundFlag: check.flagged,
        flaggedTerms: check.terms,
        givenBy: principal.userId,
        givenAt: now,
      });
      // Every answer is in the audit log, whichever way it came (API or pages); the words stay in the feedback row.
      await audit(tx, clock, {
        principal,
        action: 'shortlist.feedback',
        subjectType: 'shortlist',
        subjectId: id,
        details: {
          feedbackId: row.id,
          entryId: entry.id,
          candidateId,
          decision: body.decision,
          reasonCode: body.reasonCode ?? null,
          protectedGroundFlag: check.flagged,
        },
      });
      return {
        id: row.id,
        candidateId,
        decision: body.decision,
        reasonCode: body.reasonCode ?? null,
        reasonText: row.reasonText,
        invitation: row.invitation ?? null,
        givenAt: row.givenAt.toISOString(),
      };
    },

    /** Feedback whose text points at a protected ground, newest first, for staff to follow up. */
    async listFlagged(principal: Principal, query: { limit: number; cursor?: string | undefined }) {
      const rows = await shortlistRepository(db).flaggedFeedback({ tenantId: principal.tenantId, beforeId: afterIdFrom(query.cursor), limit: query.limit + 1 });
      const page = pageCursor(
        rows.map((row) => ({ ...row, id: row.feedback.id })),
        query.limit,
      );
      return { items: page.rows.map(toFlaggedFeedbackView), nextCursor: page.nextCursor };
    },
  };
}
