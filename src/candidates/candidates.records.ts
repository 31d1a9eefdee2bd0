import type { Executor } from '../../db/client.js';
import type { Principal } from '../auth/roles.js';
import { afterIdFrom, pageCursor } from '../http/responses.js';
import { newId } from '../ids.js';
import { enqueueOutbox } from '../outbox/outbox.js';
import { candidateView, homeOf, newReference, recordHistory, requireAccountManager, requireCandidate, type CandidateDeps } from './candidates.access.js';
import { candidateRepository } from './candidates.repository.js';
import type { CandidateView, ContactView, CreateCandidateBody, ListCandidatesQuery, UpdateCandidateBody, UpdateContactBody } from './candidates.schemas.js';
import { toCandidateView, toContactView } from './candidates.views.js';

/*
 * The person's record: listing and finding people, registering someone new, status and account
 * manager, contact data (kept apart, never in the matcher), and the history of what changed.
 */
export function createCandidateRecords({ db, clock }: CandidateDeps) {
  return {
    async list(principal: Principal, query: ListCandidatesQuery) {
      const rows = await candidateRepository(db).list({
        tenantId: principal.tenantId,
        status: query.status,
        accountManagerId: query.accountManagerId === 'me' ? principal.userId : query.accountManagerId,
        q: query.q,
        afterId: afterIdFrom(query.cursor),
        limit: query.limit + 1,
      });
      const page = pageCursor(
        rows.map((row) => ({ ...row, id: row.candidate.id })),
        query.limit,
      );
      // Completeness counts the barrier section as asked once an intake exists (its questionnaire asks every domain).
      return {
        items: page.rows.map((row) => toCandidateView(row, row.profile?.intakeId != null)),
        nextCursor: page.nextCursor,
      };
    },

    get: (principal: Principal, id: string) => candidateView(db, principal, id),

    /**
     * Registers a person; the intake is still to do, so the matcher does not rank them yet.
     * `origin`: the client number in the case system the person is imported from (CSV import; never
     * the BSN), and a line for the person's history saying so.
     */
    async create(tx: Executor, principal: Principal, body: CreateCandidateBody, origin: { sourceKey?: string; summary?: string } = {}): Promise<CandidateView> {
      const accountManagerId = body.accountManagerId ?? (principal.role === 'account_manager' ? principal.userId : null);
      if (accountManagerId) await requireAccountManager(tx, principal, accountManagerId);
      const repository = candidateRepository(tx);
      let reference = newReference();
      while (await repository.referenceTaken({ tenantId: principal.tenantId, reference })) reference = newReference();
      const now = clock.now();
      const id = newId(now.getTime());
      await repository.insert(
        {
          tenantId: principal.tenantId,
          id,
          reference,
          status: body.status,
          accountManagerId,
          ...(await homeOf(tx, body.postcode)),
          sourceKey: origin.sourceKey ?? null,
          createdAt: now,
          updatedAt: now,
        },
        {
          givenName: body.contact.givenName,
          familyName: body.contact.familyName,
          email: body.contact.email ?? null,
          phone: body.contact.phone ?? null,
          street: body.contact.street ?? null,
          houseNumber: body.contact.houseNumber ?? null,
          postcode: body.postcode.letters ? `${body.postcode.pc4} ${body.postcode.letters}` : body.postcode.pc4,
          city: body.contact.city ?? null,
          dateOfBirth: body.contact.dateOfBirth ?? null,
          updatedAt: now,
        },
      );
      await recordHistory({
        tx,
        clock,
        principal,
        candidateId: id,
        change: 'created',
        fields: ['status', 'accountManagerId', 'postcode4'],
        summary: origin.summary ?? null,
      });
      await enqueueOutbox(tx, { tenantId: principal.tenantId, topic: 'search.candidate', entityId: id, operation: 'upsert' });
      return candidateView(tx, principal, id);
    },

    /** Changes status, account manager or home; `history` names the change when another use case makes it (e.g. a drop-out). */
    async update({
      tx,
      principal,
      id,
      body,
      history,
    }: {
      tx: Executor;
      principal: Principal;
      id: string;
      body: UpdateCandidateBody;
      history?: { change: string; summary: string };
    }): Promise<CandidateView> {
      await requireCandidate({ executor: tx, principal, id, forUpdate: true });
      if (body.accountManagerId) await requireAccountManager(tx, principal, body.accountManagerId);
      const values = {
        status: body.status,
        accountManagerId: body.accountManagerId,
        ...(body.postcode ? await homeOf(tx, body.postcode) : {}),
        updatedAt: clock.now(),
      };
      await candidateRepository(tx).update({ tenantId: principal.tenantId, id, values });
      const fields = Object.keys(body).map((key) => (key === 'postcode' ? 'postcode4' : key));
      await recordHistory({
        tx,
        clock,
        principal,
        candidateId: id,
        change: history?.change ?? (body.status ? 'status' : 'update'),
        fields,
        summary: history?.summary ?? null,
      });
      await enqueueOutbox(tx, { tenantId: principal.tenantId, topic: 'search.candidate', entityId: id, operation: 'upsert' });
      return candidateView(tx, principal, id);
    },

    async getContact(principal: Principal, id: string): Promise<ContactView> {
      await requireCandidate({ executor: db, principal, id });
      const contact = await candidateRepository(db).contact({ tenantId: principal.tenantId, candidateId: id });
      return toContactView(contact!);
    },

    async updateContact({ tx, principal, id, body }: { tx: Executor; principal: Principal; id: string; body: UpdateContactBody }): Promise<ContactView> {
      await requireCandidate({ executor: tx, principal, id, forUpdate: true });
      const row = await candidateRepository(tx).updateContact({ tenantId: principal.tenantId, candidateId: id, values: { ...body, updatedAt: clock.now() } });
      await recordHistory({ tx, clock, principal, candidateId: id, change: 'contact', fields: Object.keys(body) });
      // Staff search finds people by name: the index follows (contact data otherwise stays out of it).
      if (body.givenName !== undefined || body.familyName !== undefined) {
        await enqueueOutbox(tx, { tenantId: principal.tenantId, topic: 'search.candidate', entityId: id, operation: 'upsert' });
      }
      return toContactView(row!);
    },

    async history(principal: Principal, id: string) {
      await requireCandidate({ executor: db, principal, id });
      const rows = await candidateRepository(db).history({ tenantId: principal.tenantId, candidateId: id });
      return rows.map(({ entry, actorName }) => ({
        id: entry.id,
        at: entry.at.toISOString(),
        actor: entry.actorUserId && actorName ? { id: entry.actorUserId, name: actorName } : null,
        change: entry.change,
        fields: entry.fields,
        summary: entry.summary,
      }));
    },
  };
}
