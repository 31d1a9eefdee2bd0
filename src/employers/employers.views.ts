import { type EmployerRow, type LocationRow } from './employers.repository.js';
import type { EmployerView, LocationView } from './employers.schemas.js';

/* Presenters: stored rows → the shapes of the API. No I/O. */

export function toEmployerView(row: EmployerRow): EmployerView {
  return {
    id: row.id,
    name: row.name,
    kvkNumber: row.kvkNumber,
    sector: row.sector as EmployerView['sector'],
    description: row.description,
    website: row.website,
    contacts: row.contacts,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toLocationView(row: LocationRow): LocationView {
  return {
    id: row.id,
    employerId: row.employerId,
    name: row.name,
    street: row.street,
    houseNumber: row.houseNumber,
    postcode: row.postcodeLetters ? `${row.postcode4} ${row.postcodeLetters}` : row.postcode4,
    city: row.city,
    coordinates: { latitude: row.latitude, longitude: row.longitude },
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
