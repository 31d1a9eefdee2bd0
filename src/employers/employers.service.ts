import type { Db, Executor } from '../../db/client.js';
import { audit } from '../audit/audit.js';
import type { Principal } from '../auth/roles.js';
import { scopeOf } from '../auth/scope.js';
import { geoRepository } from '../geo/geo.repository.js';
import type { Clock } from '../clock.js';
import { afterIdFrom, pageCursor } from '../http/responses.js';
import { newId } from '../ids.js';
import { ProblemError } from '../http/problems.js';
import { enqueueEmployerVacancies } from '../search/search.outbox.js';
import { employerProblems } from './employers.errors.js';
import { employerRepository, type EmployerRow } from './employers.repository.js';
import type {
  CreateEmployerBody,
  CreateLocationBody,
  EmployerView,
  ListEmployersQuery,
  LocationView,
  UpdateEmployerBody,
  UpdateLocationBody,
} from './employers.schemas.js';
import { toEmployerView, toLocationView } from './employers.views.js';

/** Employers and their locations. Employer users see and change only their own employer. */
export function createEmployerService({ db, clock }: { db: Db; clock: Clock }) {
  async function requireEmployer(executor: Executor, principal: Principal, id: string): Promise<EmployerRow> {
    const row = await employerRepository(executor).find({ scope: scopeOf(principal), id });
    if (!row) throw new ProblemError(employerProblems.not_found);
    return row;
  }

  async function resolvePlace(
    executor: Executor,
    postcode: { pc4: string; letters: string | null },
    given: { city?: string | undefined; coordinates?: { latitude: number; longitude: number } | undefined },
  ) {
    if (given.city && given.coordinates) return { city: given.city, ...given.coordinates };
    const area = await geoRepository(executor).findArea(postcode.pc4);
    if (!area) throw new ProblemError(employerProblems.postcode_unknown, { values: { postcode: postcode.pc4 } });
    return {
      city: given.city ?? area.place,
      latitude: given.coordinates?.latitude ?? area.latitude,
      longitude: given.coordinates?.longitude ?? area.longitude,
    };
  }

  return {
    requireEmployer,

    async list(principal: Principal, query: ListEmployersQuery) {
      const rows = await employerRepository(db).list({
        scope: scopeOf(principal),
        sector: query.sector,
        q: query.q,
        afterId: afterIdFrom(query.cursor),
        limit: query.limit + 1,
      });
      const page = pageCursor(rows, query.limit);
      return { items: page.rows.map(toEmployerView), nextCursor: page.nextCursor };
    },

    async get(principal: Principal, id: string): Promise<EmployerView> {
      return toEmployerView(await requireEmployer(db, principal, id));
    },

    /** `origin.sourceKey`: the employer's key in the case system it is imported from (CSV import). */
    async create(tx: Executor, principal: Principal, body: CreateEmployerBody, origin: { sourceKey?: string } = {}): Promise<EmployerView> {
      const now = clock.now();
      const row = await employerRepository(tx).insert({
        tenantId: principal.tenantId,
        id: newId(now.getTime()),
        name: body.name,
        kvkNumber: body.kvkNumber ?? null,
        sector: body.sector,
        description: body.description ?? null,
        website: body.website ?? null,
        contacts: body.contacts,
        sourceKey: origin.sourceKey ?? null,
        createdAt: now,
        updatedAt: now,
      });
      await audit(tx, clock, {
        principal,
        action: 'employer.change',
        subjectType: 'employer',
        subjectId: row.id,
        details: { change: 'create', ...(origin.sourceKey ? { source: 'import' } : {}) },
      });
      return toEmployerView(row);
    },

    async update({ tx, principal, id, body }: { tx: Executor; principal: Principal; id: string; body: UpdateEmployerBody }): Promise<EmployerView> {
      const row = await employerRepository(tx).update({
        scope: scopeOf(principal),
        id,
        values: { ...body, updatedAt: clock.now() },
      });
      if (!row) throw new ProblemError(employerProblems.not_found);
      // Vacancy search documents carry the employer's name and sector.
      if (body.name !== undefined || body.sector !== undefined) await enqueueEmployerVacancies(tx, { tenantId: principal.tenantId, employerId: id });
      await audit(tx, clock, {
        principal,
        action: 'employer.change',
        subjectType: 'employer',
        subjectId: id,
        details: { change: 'update', fields: Object.keys(body) },
      });
      return toEmployerView(row);
    },

    async listLocations(principal: Principal, employerId: string): Promise<LocationView[]> {
      await requireEmployer(db, principal, employerId);
      const rows = await employerRepository(db).listLocations({ tenantId: principal.tenantId, employerId });
      return rows.map(toLocationView);
    },

    async getLocation(principal: Principal, employerId: string, locationId: string): Promise<LocationView> {
      await requireEmployer(db, principal, employerId);
      const row = await employerRepository(db).findLocation({ tenantId: principal.tenantId, employerId, id: locationId });
      if (!row) throw new ProblemError(employerProblems.location_not_found);
      return toLocationView(row);
    },

    async createLocation({
      tx,
      principal,
      employerId,
      body,
    }: {
      tx: Executor;
      principal: Principal;
      employerId: string;
      body: CreateLocationBody;
    }): Promise<LocationView> {
      await requireEmployer(tx, principal, employerId);
      const place = await resolvePlace(tx, body.postcode, body);
      const now = clock.now();
      const row = await employerRepository(tx).insertLocation({
        tenantId: principal.tenantId,
        id: newId(now.getTime()),
        employerId,
        name: body.name,
        street: body.street ?? null,
        houseNumber: body.houseNumber ?? null,
        postcode4: body.postcode.pc4,
        postcodeLetters: body.postcode.letters,
        city: place.city,
        latitude: place.latitude,
        longitude: place.longitude,
        createdAt: now,
        updatedAt: now,
      });
      await audit(tx, clock, {
        principal,
        action: 'employer.change',
        subjectType: 'employer',
        subjectId: employerId,
        details: { change: 'create_location', locationId: row.id },
      });
      return toLocationView(row);
    },

    async updateLocation({
      tx,
      principal,
      employerId,
      locationId,
      body,
    }: {
      tx: Executor;
      principal: Principal;
      employerId: string;
      locationId: string;
      body: UpdateLocationBody;
    }) {
      await requireEmployer(tx, principal, employerId);
      const repository = employerRepository(tx);
      const current = await repository.findLocation({ tenantId: principal.tenantId, employerId, id: locationId });
      if (!current) throw new ProblemError(employerProblems.location_not_found);
      const postcode = body.postcode ?? { pc4: current.postcode4, letters: current.postcodeLetters };
      const moved = body.postcode !== undefined || body.coordinates !== undefined;
      const place = moved
        ? await resolvePlace(tx, postcode, { city: body.city, coordinates: body.coordinates })
        : { city: body.city ?? current.city, latitude: current.latitude, longitude: current.longitude };
      const row = await repository.updateLocation({
        tenantId: principal.tenantId,
        employerId,
        id: locationId,
        values: {
          name: body.name,
          street: body.street,
          houseNumber: body.houseNumber,
          postcode4: postcode.pc4,
          postcodeLetters: postcode.letters,
          city: place.city,
          latitude: place.latitude,
          longitude: place.longitude,
          updatedAt: clock.now(),
        },
      });
      await audit(tx, clock, {
        principal,
        action: 'employer.change',
        subjectType: 'employer',
        subjectId: employerId,
        details: { change: 'update_location', locationId, fields: Object.keys(body) },
      });
      return toLocationView(row!);
    },

    async deleteLocation({
      tx,
      principal,
      employerId,
      locationId,
    }: {
      tx: Executor;
      principal: Principal;
      employerId: string;
      locationId: string;
    }): Promise<void> {
      await requireEmployer(tx, principal, employerId);
      const repository = employerRepository(tx);
      if (!(await repository.findLocation({ tenantId: principal.tenantId, employerId, id: locationId }))) {
        throw new ProblemError(employerProblems.location_not_found);
      }
      if (await repository.locationInUse({ tenantId: principal.tenantId, id: locationId })) {
        throw new ProblemError(employerProblems.location_in_use);
      }
      await repository.deleteLocation({ tenantId: principal.tenantId, employerId, id: locationId });
      await audit(tx, clock, {
        principal,
        action: 'employer.change',
        subjectType: 'employer',
        subjectId: employerId,
        details: { change: 'delete_location', locationId },
      });
    },
  };
}
