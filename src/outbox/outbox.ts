import type { Executor } from '../../db/client.js';
import { outbox } from '../../db/schema/index.js';

export const OUTBOX_TOPICS = ['search.candidate', 'search.vacancy'] as const;
export type OutboxTopic = (typeof OUTBOX_TOPICS)[number];

/**
 * Records that a search document must follow a change. Call it inside the change's transaction
 * (REQUIREMENTS R2): a rollback leaves no row, a commit always leaves one for the drain.
 */
export async function enqueueOutbox(
  db: Executor,
  entry: { tenantId: string; topic: OutboxTopic; entityId: string; operation: 'upsert' | 'delete' },
): Promise<void> {
  await db.insert(outbox).values(entry);
}
