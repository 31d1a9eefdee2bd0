import type { Executor } from '../../db/client.js';
import { enqueueOutbox } from '../outbox/outbox.js';
import { searchRepository } from './search.repository.js';

/**
 * Queues an index update for every vacancy of an employer, in the caller's transaction: vacancy
 * documents carry the employer's name and sector, so a change to those changes them.
 */
export async function enqueueEmployerVacancies(tx: Executor, { tenantId, employerId }: { tenantId: string; employerId: string }): Promise<void> {
  for (const entityId of await searchRepository(tx).vacancyIdsOfEmployer({ tenantId, employerId })) {
    await enqueueOutbox(tx, { tenantId, topic: 'search.vacancy', entityId, operation: 'upsert' });
  }
}
