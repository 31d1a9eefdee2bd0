import { createShortlistCuration } from './shortlists.curation.js';
import { createShortlistFeedback } from './shortlists.feedback.js';
import { createShortlistReads, type ShortlistDeps } from './shortlists.reads.js';
import { createShortlistSharing } from './shortlists.sharing.js';

/**
 * Curated shortlists: staff curate, approve and send; the employer reads a minimised view and
 * answers. One face over four parts, each in its own module: reading (shortlists.reads.ts),
 * curation and instruments (shortlists.curation.ts), sharing with consent (shortlists.sharing.ts)
 * and feedback (shortlists.feedback.ts); presenters in shortlists.views.ts.
 */
export function createShortlistService(deps: ShortlistDeps) {
  return {
    ...createShortlistReads(deps),
    ...createShortlistCuration(deps),
    ...createShortlistSharing(deps),
    ...createShortlistFeedback(deps),
  };
}

export type ShortlistService = ReturnType<typeof createShortlistService>;
