import type { Shift } from '../schemas/schedule.js';
import { TRAVEL_MODES, type GeoPoint, type MatchCandidate, type TravelMode } from './matcher.types.js';

/*
 * Travel time without a routing service: straight-line distance times a detour factor, then a speed
 * and a fixed overhead per mode. Good enough to rank and to exclude the clearly unreachable; the
 * numbers are the same in the reference matcher and the ranker because both call these functions.
 */

/** Roads and cycle paths are longer than the straight line; 1.3 is a common factor for Dutch regions. */
export const DETOUR_FACTOR = 1.3;
const EARTH_RADIUS_KM = 6371.0088;

/** Door-to-door speed and fixed minutes (parking, waiting, walking to the stop) per mode. */
export const MODE_PROFILES: Readonly<Record<TravelMode, { kmh: number; fixedMinutes: number }>> = {
  walk: { kmh: 4.5, fixedMinutes: 0 },
  bike: { kmh: 15, fixedMinutes: 0 },
  ebike: { kmh: 20, fixedMinutes: 0 },
  moped: { kmh: 25, fixedMinutes: 0 },
  public_transport: { kmh: 20, fixedMinutes: 12 },
  car: { kmh: 45, fixedMinutes: 5 },
};

/** Bit i stands for TRAVEL_MODES[i]; the ranker keeps a candidate's modes as such a mask. */
export const MODE_BIT: Readonly<Record<TravelMode, number>> = Object.fromEntries(TRAVEL_MODES.map((mode, index) => [mode, 1 << index])) as Record<
  TravelMode,
  number
>;
export const ALL_MODES_MASK = (1 << TRAVEL_MODES.length) - 1;

/** Minutes per straight-line km and fixed minutes, by TRAVEL_MODES index. */
const MINUTES_PER_KM = TRAVEL_MODES.map((mode) => (DETOUR_FACTOR * 60) / MODE_PROFILES[mode].kmh);
const FIXED_MINUTES = TRAVEL_MODES.map((mode) => MODE_PROFILES[mode].fixedMinutes);

export function toRadians(degrees: number): number {
  return (degrees * Math.PI) / 180;
}

/** A point as a unit vector from the earth's centre; the ranker keeps these per candidate. */
export function unitVector(point: GeoPoint): { x: number; y: number; z: number } {
  const latitude = toRadians(point.latitude);
  const longitude = toRadians(point.longitude);
  return { x: Math.cos(latitude) * Math.cos(longitude), y: Math.cos(latitude) * Math.sin(longitude), z: Math.sin(latitude) };
}

/**
 * Haversine distance in km between two unit vectors. The haversine of the angle between them is
 * (chord / 2)², so no trigonometry is needed per pair apart from the final arcsine: the ranker's hot
 * loop stays cheap, and the reference computes the very same number. Always called with the
 * candidate's home as A.
 */
export function haversineKmFromVectors(ax: number, ay: number, az: number, bx: number, by: number, bz: number): number {
  const dx = ax - bx;
  const dy = ay - by;
  const dz = az - bz;
  const halfChord = Math.sqrt(dx * dx + dy * dy + dz * dz) / 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, halfChord));
}

/** Straight-line (great-circle) distance in km. */
export function haversineKm(from: GeoPoint, to: GeoPoint): number {
  const a = unitVector(from);
  const b = unitVector(to);
  return haversineKmFromVectors(a.x, a.y, a.z, b.x, b.y, b.z);
}

/**
 * Door-to-door minutes before rounding, by TRAVEL_MODES index. Rounding is monotone, so the fastest
 * of several modes can be found on these and rounded once (the ranker does so).
 */
export function unroundedMinutes(modeIndex: number, straightKm: number): number {
  return straightKm * MINUTES_PER_KM[modeIndex]! + FIXED_MINUTES[modeIndex]!;
}

/** Door-to-door minutes by `mode` over a straight-line distance, in whole minutes. */
export function travelMinutes(mode: TravelMode, straightKm: number): number {
  return Math.round(unroundedMinutes(TRAVEL_MODES.indexOf(mode), straightKm));
}

/*
 * Mode a dominates mode b when it is at least as fast and has no more fixed minutes: then it is never
 * slower, at any distance. Per mask of modes, the modes that no other mode in the mask dominates: only
 * those can be the fastest, so the ranker looks at two or three modes instead of six.
 */
function dominates(a: number, b: number): boolean {
  const noSlower = MINUTES_PER_KM[a]! <= MINUTES_PER_KM[b]! && FIXED_MINUTES[a]! <= FIXED_MINUTES[b]!;
  const identical = MINUTES_PER_KM[a] === MINUTES_PER_KM[b] && FIXED_MINUTES[a] === FIXED_MINUTES[b];
  // Between identical profiles the first in TRAVEL_MODES stays.
  return noSlower && (!identical || a < b);
}
const MASK_COUNT = 1 << TRAVEL_MODES.length;
/** For mask m, FASTEST_CANDIDATES[m * 8 ..] lists mode indices, ended by -1. */
export const FASTEST_CANDIDATES = new Int8Array(MASK_COUNT * 8).fill(-1);
for (let mask = 0; mask < MASK_COUNT; mask++) {
  const inMask = TRAVEL_MODES.map((_, index) => index).filter((index) => (mask >> index) & 1);
  const undominated = inMask.filter((index) => !inMask.some((other) => other !== index && dominates(other, index)));
  undominated.forEach((index, at) => {
    FASTEST_CANDIDATES[mask * 8 + at] = index;
  });
}

function minutesOfDay(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}

const PUBLIC_TRANSPORT_FIRST_START = 6 * 60 + 30;
const PUBLIC_TRANSPORT_LAST_END = 30;

/**
 * Night and early shifts rule out public transport: a shift that starts before 06:30, ends after
 * 00:30 (the next day) or is a night shift cannot rely on buses and trains.
 */
export function publicTransportRuns(shift: Pick<Shift, 'dayPart' | 'start' | 'end'>): boolean {
  if (shift.dayPart === 'night') return false;
  const start = minutesOfDay(shift.start);
  const end = minutesOfDay(shift.end);
  if (start < PUBLIC_TRANSPORT_FIRST_START) return false;
  const endsNextDay = end < start;
  return !(endsNextDay && end > PUBLIC_TRANSPORT_LAST_END);
}

export type TravelOption = { mode: TravelMode; minutes: number };

export type ShiftTravel = {
  /** The fastest mode the candidate has now that runs at the shift's hours; null when there is none. */
  best: TravelOption | null;
  /** `best` is within the candidate's maximum travel time. */
  reachable: boolean;
  /** The fastest pending mode (an agreed, open action) that runs at these hours, when it beats `best`. */
  pending: (TravelOption & { action: string }) | null;
  /** Not reachable now, but reachable once the pending mode's action is done. */
  reachableWithPending: boolean;
};

function fastest(modes: readonly TravelMode[], straightKm: number, publicTransport: boolean): TravelOption | null {
  let best: TravelOption | null = null;
  // TRAVEL_MODES order decides ties, so the result does not depend on the order the profile lists modes in.
  for (const mode of TRAVEL_MODES) {
    if (!modes.includes(mode) || (mode === 'public_transport' && !publicTransport)) continue;
    const minutes = travelMinutes(mode, straightKm);
    if (best === null || minutes < best.minutes) best = { mode, minutes };
  }
  return best;
}

/**
 * How the candidate gets to the location for one shift: the best mode available at its hours, whether
 * that is within their maximum, and whether a pending mode would make it so. `shift: null` means no
 * fixed hours (every mode runs).
 */
export function travelForShift({
  from,
  to,
  shift,
  mobility,
}: {
  from: GeoPoint;
  to: GeoPoint;
  shift: Pick<Shift, 'dayPart' | 'start' | 'end'> | null;
  mobility: MatchCandidate['mobility'];
}): ShiftTravel {
  const straightKm = haversineKm(from, to);
  const publicTransport = shift === null || publicTransportRuns(shift);
  const best = fastest(mobility.modes, straightKm, publicTransport);
  const reachable = best !== null && best.minutes <= mobility.maxTravelMinutes;

  const newModes = mobility.pendingModes.filter((pending) => !mobility.modes.includes(pending.mode));
  const bestPending = fastest(
    newModes.map((pending) => pending.mode),
    straightKm,
    publicTransport,
  );
  const pending =
    bestPending !== null && (best === null || bestPending.minutes < best.minutes)
      ? { ...bestPending, action: newModes.find((candidate) => candidate.mode === bestPending.mode)!.action }
      : null;
  const reachableWithPending = !reachable && pending !== null && pending.minutes <= mobility.maxTravelMinutes;
  return { best, reachable, pending, reachableWithPending };
}
