import type { Db, Executor } from '../../db/client.js';
import { audit } from '../audit/audit.js';
import type { Principal } from '../auth/roles.js';
import { scopeOf } from '../auth/scope.js';
import { employerProblems } from '../employers/employers.errors.js';
import { employerRepository } from '../employers/employers.repository.js';
import type { Clock } from '../clock.js';
import { afterIdFrom, pageCursor } from '../http/responses.js';
import { newId } from '../ids.js';
import { enqueueOutbox } from '../outbox/outbox.js';
import { commonProblems, ProblemError } from '../http/problems.js';
import { summariseShiftPattern, type ShiftPattern } from '../schemas/schedule.js';
import { vacancyProblems } from './vacancies.errors.js';
import { vacancyRepository, type VacancyInsert } from './vacancies.repository.js';
import {
  VACANCY_TRANSITIONS,
  type CreateVacancyBody,
  type ListVacanciesQuery,
  type UpdateVacancyBody,
  type VacancyStatus,
  type VacancyView,
} from './vacancies.schemas.js';
import { toVacancyView } from './vacancies.views.js';
import { tenantRepository } from '../tenants/tenants.repository.js';
import { toJobPostingFeed, type JobPostingFeed } from './vacancies.jobposting.js';

/** Columns derived from the shift pattern, kept next to it for filtering. */
function shiftColumns(pattern: ShiftPattern) {
  const summary = summariseShiftPattern(pattern);
  return { shiftPattern: pattern, dayParts: summary.dayParts, weekendWork: summary.weekendWork, nightWork: summary.nightWork };
}

/** The fields of a new vacancy, as validated by the API or drafted from a growth plan. */
export type NewVacancy = Omit<CreateVacancyBody, 'employerId' | 'status' | 'public'> & {
  employerId: string;
  status: 'draft' | 'open';
  public?: boolean;
  growthPlanRoleId?: string | null;
  /** Set for imported vacancies: a JobPosting's identifier (vacancies.import.ts) or a case system's key (CSV import). */
  sourceKey?: string | null;
};

/** Vacancies: posted by employers (for themselves) and employer-relations staff; read by all staff. */
export function createVacancyService({ db, clock }: { db: Db; clock: Clock }) {
  async function load({ executor, principal, id, forUpdate = false }: { executor: Executor; principal: Principal; id: string; forUpdate?: boolean }) {
    const row = await vacancyRepository(executor).find({ scope: scopeOf(principal), id, forUpdate });
    if (!row) throw new ProblemError(vacancyProblems.not_found);
    return row;
  }

  async function requireLocation({
    executor,
    tenantId,
    employerId,
    locationId,
  }: {
    executor: Executor;
    tenantId: string;
    employerId: string;
    locationId: string;
  }) {
    const location = await employerRepository(executor).findLocation({ tenantId, employerId, id: locationId });
    if (!location) {
      throw new ProblemError(vacancyProblems.location_unknown, { errors: [{ pointer: '/body/locationId', key: 'reference.location_unknown' }] });
    }
  }

  /** Inserts a vacancy whose employer is known to be visible to the caller. */
  async function insertVacancy(tx: Executor, tenantId: string, input: NewVacancy): Promise<string> {
    await requireLocation({ executor: tx, tenantId, employerId: input.employerId, locationId: input.locationId });
    const now = clock.now();
    const values: VacancyInsert = {
      tenantId,
      id: newId(now.getTime()),
      employerId: input.employerId,
      locationId: input.locationId,
      title: input.title,
      occupationUri: input.occupationUri ?? null,
      description: input.description ?? null,
      hoursMin: input.hoursPerWeek.min,
      hoursMax: input.hoursPerWeek.max,
      rampUpFromHours: input.rampUpFromHours,
      ...shiftColumns(input.shiftPattern),
      contractType: input.contractType,
      startDate: input.startDate ?? null,
      positions: input.positions,
      competencies: input.competencies,
      trainingOffered: input.trainingOffered,
      supportOffered: input.supportOffered,
      requiredCredentials: input.requiredCredentials,
      status: input.status,
      openedAt: input.status === 'open' ? now : null,
      growthPlanRoleId: input.growthPlanRoleId ?? null,
      public: input.public ?? false,
      validThrough: input.validThrough ?? null,
      salary: input.salary ?? null,
      sourceKey: input.sourceKey ?? null,
      createdAt: now,
      updatedAt: now,
    };
    const row = await vacancyRepository(tx).insert(values);
    await enqueueOutbox(tx, { tenantId, topic: 'search.vacancy', entityId: row.id, operation: 'upsert' });
    return row.id;
  }

  return {
    insertVacancy,

    async list(principal: Principal, query: ListVacanciesQuery) {
      const rows = await vacancyRepository(db).list({
        scope: scopeOf(principal),
        status: query.status,
        employerId: query.employerId,
        dayPart: query.dayPart,
        q: query.q,
        beforeId: afterIdFrom(query.cursor),
        limit: query.limit + 1,
      });
      const page = pageCursor(rows, query.limit);
      return { items: page.rows.map(toVacancyView), nextCursor: page.nextCursor };
    },

    async get(principal: Principal, id: string): Promise<VacancyView> {
      return toVacancyView(await load({ executor: db, principal, id }));
    },

    /**
     * The public JobPosting feed of an active Werkplein (issue 19.3): its open vacancies that the
     * employer marked public. An unknown or disabled Werkplein gets the same 404.
     */
    async publicFeed(tenantSlug: string): Promise<JobPostingFeed> {
      const tenant = await tenantRepository(db).bySlug(tenantSlug);
      if (!tenant || tenant.disabledAt) throw new ProblemError(vacancyProblems.feed_not_found);
      const now = clock.now();
      const rows = await vacancyRepository(db).listPublic({ tenantId: tenant.id, today: now.toISOString().slice(0, 10) });
      return toJobPostingFeed(rows, { tenantSlug: tenant.slug, now });
    },

    /**
     * Posts a vacancy. `origin.sourceKey` is set by the imports (a JobPosting's identifier, a case
     * system's key): a second import of the same one adds nothing, and the audit row says it was imported.
     */
    async create(tx: Executor, principal: Principal, body: CreateVacancyBody, origin: { sourceKey?: string } = {}): Promise<VacancyView> {
      const scope = scopeOf(principal);
      const employerId = scope.employerId ?? body.employerId;
      if (!employerId) throw new ProblemError(vacancyProblems.employer_required);
      // An employer user naming another employer gets the same answer as for a missing one.
      if (scope.employerId && body.employerId && body.employerId !== scope.employerId) {
        throw new ProblemError(employerProblems.not_found);
      }
      if (!(await employerRepository(tx).find({ scope, id: employerId }))) throw new ProblemError(employerProblems.not_found);
      const id = await insertVacancy(tx, principal.tenantId, { ...body, employerId, status: body.status, sourceKey: origin.sourceKey ?? null });
      await audit(tx, clock, {
        principal,
        action: 'vacancy.change',
        subjectType: 'vacancy',
        subjectId: id,
        details: { change: 'create', employerId, ...(origin.sourceKey ? { source: 'import' } : {}) },
      });
      return toVacancyView(await load({ executor: tx, principal, id }));
    },

    async update({ tx, principal, id, body }: { tx: Executor; principal: Principal; id: string; body: UpdateVacancyBody }): Promise<VacancyView> {
      const current = await load({ executor: tx, principal, id, forUpdate: true });
      const status = current.status as VacancyStatus;
      const { status: nextStatus, ...fields } = body;
      const changesFields = Object.keys(fields).length > 0;
      if (changesFields && (status === 'filled' || status === 'closed')) {
        throw new ProblemError(vacancyProblems.not_editable, { values: { status } });
      }
      if (nextStatus !== undefined && nextStatus !== status && !VACANCY_TRANSITIONS[status].includes(nextStatus)) {
        throw new ProblemError(vacancyProblems.invalid_transition, {
          values: { from: status, to: nextStatus, allowed: VACANCY_TRANSITIONS[status].join(', ') || '—' },
        });
      }
      const hoursMin = fields.hoursPerWeek?.min ?? current.hoursMin;
      const rampUp = fields.rampUpFromHours !== undefined ? fields.rampUpFromHours : current.rampUpFromHours;
      if (rampUp !== null && rampUp >= hoursMin) {
        throw new ProblemError(commonProblems.invalid, {
          errors: [{ pointer: '/body/rampUpFromHours', key: 'hours.ramp_up_not_below_min' }],
        });
      }
      if (fields.locationId)
        await requireLocation({ executor: tx, tenantId: principal.tenantId, employerId: current.employerId, locationId: fields.locationId });
      const now = clock.now();
      // Opening is recorded once, when the vacancy leaves draft for open (the row is locked above).
      const opens = nextStatus === 'open' && status === 'draft' && current.openedAt === null;
      const values: Partial<VacancyInsert> = {
        locationId: fields.locationId,
        title: fields.title,
        occupationUri: fields.occupationUri,
        description: fields.description,
        hoursMin: fields.hoursPerWeek?.min,
        hoursMax: fields.hoursPerWeek?.max,
        rampUpFromHours: fields.rampUpFromHours,
        ...(fields.shiftPattern ? shiftColumns(fields.shiftPattern) : {}),
        contractType: fields.contractType,
        startDate: fields.startDate,
        positions: fields.positions,
        competencies: fields.competencies,
        trainingOffered: fields.trainingOffered,
        supportOffered: fields.supportOffered,
        requiredCredentials: fields.requiredCredentials,
        public: fields.public,
        validThrough: fields.validThrough,
        salary: fields.salary,
        status: nextStatus,
        ...(opens ? { openedAt: now } : {}),
        updatedAt: now,
      };
      await vacancyRepository(tx).update({ scope: scopeOf(principal), id, values });
      await enqueueOutbox(tx, { tenantId: principal.tenantId, topic: 'search.vacancy', entityId: id, operation: 'upsert' });
      await audit(tx, clock, {
        principal,
        action: 'vacancy.change',
        subjectType: 'vacancy',
        subjectId: id,
        details: { change: 'update', fields: Object.keys(body) },
      });
      return toVacancyView(await load({ executor: tx, principal, id }));
    },
  };
}
