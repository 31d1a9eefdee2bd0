import { DAY_PARTS, WEEKDAYS } from '../schemas/schedule.js';
import {
  assessmentScore,
  competencyScore,
  educationScore,
  evidenceWeight,
  hoursScore,
  IMPORTANCE_WEIGHT,
  popcount,
  CREDIT_FACTOR,
  shiftsScore,
  slotBit,
  toTotal,
  travelScore,
  weightedSum,
  workWishesScore,
} from './factors.js';
import { matchCandidate, NO_RELATED_SKILLS, requiredShifts } from './matcher.js';
import type { Lang, MatchCandidate, MatchResult, MatchVacancy, MatchWeights, SkillGraph } from './matcher.types.js';
import { TRAVEL_MODES } from './matcher.types.js';
import { competencyStems, coveredLicences, LICENCE_CATEGORIES, normaliseLicence, normaliseText, stemsMeet, titleWords } from './normalise.js';
import { ALL_MODES_MASK, FASTEST_CANDIDATES, haversineKmFromVectors, MODE_BIT, publicTransportRuns, unitVector, unroundedMinutes } from './travel.js';

/*
 * The columnar ranker: the same totals as matchCandidate, for many candidates at once.
 *
 * compileCandidates turns the candidates once into typed columns. What many candidates share is
 * stored once and referenced by index: home points (PC4 centres in practice) as unit vectors, travel
 * profiles (home, modes bitmask, pending modes bitmask, maximum minutes), availability bitmasks
 * (7 weekdays × 4 day parts) and hours pairs (now, target). Per candidate there are licence bitmasks,
 * assessment scores, and inverted lists ("postings") from every interned string (skill URI or label,
 * certificate, wished occupation, sector or title word) to the candidates holding it.
 *
 * A query compiles the vacancy against the same interned ids, then
 *   1. scores each distinct travel profile, availability mask and hours pair once (exclusion or
 *      factor score), and walks only the postings of the vacancy's skills, certificates and wishes;
 *   2. runs one allocation-free loop over all candidates made of bit tests, table lookups and the
 *      weighted sum, offering each total to a bounded heap that keeps the top k.
 *
 * Exactness: every number comes from the same scalar functions as the reference (factors.ts,
 * travel.ts), with the same operands in the same order; a lookup table only holds those functions'
 * own results. Totals are therefore bit-for-bit equal to matchCandidate's; a test holds this over
 * thousands of generated candidates and vacancies. Explanations are left to matchCandidate, for the
 * top k only.
 *
 * The scratch columns make a CandidateColumns value usable by one query at a time, which is what a
 * single JavaScript thread gives anyway.
 */

/** Interned strings: skill URIs and labels, certificates, occupations, sectors and title words. */
export type InternTable = Map<string, number>;

const key = {
  skillUri: (uri: string) => `u:${uri}`,
  skillLabel: (label: string) => `l:${label}`,
  certificate: (name: string) => `c:${name}`,
  occupation: (uri: string) => `o:${uri}`,
  sector: (sector: string) => `s:${sector}`,
  titleWord: (word: string) => `w:${word}`,
  /** A competency word stem, of a competency without a concept (t) or with one (T). */
  stem: (stem: string, withConcept: boolean) => `${withConcept ? 'T' : 't'}:${stem}`,
};

/** Work-wish match flags per candidate, and the wish score of every combination. */
const WISH_OCCUPATION = 1;
const WISH_SECTOR = 2;
const WISH_TITLE = 4;
const HAS_WISHES = 8;
const WISH_SCORE_BY_FLAGS = Float64Array.from({ length: 16 }, (_, flags) =>
  workWishesScore((flags & HAS_WISHES) !== 0, (flags & WISH_OCCUPATION) !== 0, (flags & WISH_SECTOR) !== 0, (flags & WISH_TITLE) !== 0),
);

export type CandidateColumns = {
  /** Candidates held; per-candidate columns may be longer (room to append). */
  count: number;
  ids: string[];
  /** Slot (index into every per-candidate column) of each candidate id. */
  slotById: Map<string, number>;
  /** Position of each candidate in ascending id order: the tie-breaker, as a number. */
  idRank: Uint32Array;
  /** The candidates' indices in ascending id order (the inverse of idRank). */
  idOrder: Uint32Array;
  /** Distinct home points as unit vectors (see haversineKmFromVectors). */
  homes: { x: Float64Array; y: Float64Array; z: Float64Array };
  /** Per candidate its travel profile; per profile its home, modes and pending modes (bit per TRAVEL_MODES index) and maximum. */
  travelProfile: Uint32Array;
  travelProfiles: { home: Uint32Array; modes: Uint8Array; pendingModes: Uint8Array; maxTravelMinutes: Float64Array };
  /** Per candidate its availability; per index a 28-bit mask, bit weekday × 4 + day part. */
  availability: Uint32Array;
  availabilityMasks: Uint32Array;
  /** Per candidate its (hours now, target) pair. */
  hoursPair: Uint32Array;
  hoursPairs: { now: Float64Array; target: Float64Array };
  /** Bit per LICENCE_CATEGORIES index, with the categories implied by law. */
  licences: Uint16Array;
  /*
   * Assessment and education scores are stored already scored (0..1) rather than as 1–5 bytes:
   * assessments may be fractional, and storing the reference function's output keeps totals exact.
   */
  motivationScore: Float64Array;
  potentialScore: Float64Array;
  educationScore: Float64Array;
  /** HAS_WISHES when the candidate stated any work wish. */
  wishFlags: Uint8Array;
  /** Per interned id the candidates holding it (once per competency), with the evidence weight for skills. */
  postings: { start: Int32Array; candidate: Int32Array; weight: Float64Array };
  /**
   * Postings of the candidates patched in since the last full compile (patchCandidates), over the
   * same interned ids; a patched slot's postings in `postings` have weight 0 and are skipped.
   */
  patchPostings: { start: Int32Array; candidate: Int32Array; weight: Float64Array };
  intern: InternTable;
  /** What patchCandidates needs to write a slot: the shared values' indices, and which slots are patched. */
  dictionaries: Dictionaries;
  /** Per-query scratch columns, reused so that a query allocates nothing per candidate. */
  scratch: {
    evidence: Float64Array;
    best: Float64Array;
    touched: Int32Array;
    wishFlags: Uint8Array;
    certificates: Uint16Array;
    kmByHome: Float64Array;
    /** The journey per travel profile for the vacancy being ranked: one of travelMemo's arrays (scoreTravel sets it). */
    travelByProfile: Float64Array;
    /**
     * The journeys of the last vacancy places ranked, most recent first (TRAVEL_MEMO_SIZE at most):
     * they depend only on the place, the modes the shifts allow and the profile table, so ranking
     * the same vacancy again (the next page, the next view) skips them. Emptied when the table grows.
     */
    travelMemo: Array<{ key: string; travel: Float64Array }>;
    shiftsByAvailability: Float64Array;
    hoursByPair: Float64Array;
  };
};

/** Distinct values by key: index of a key, making its value only the first time it is seen. */
function distinctValues<T>(): { indexOf: (key: string, make: () => T) => number; values: T[] } {
  const indices = new Map<string, number>();
  const values: T[] = [];
  return {
    values,
    indexOf: (key, make) => {
      let index = indices.get(key);
      if (index === undefined) {
        index = values.length;
        indices.set(key, index);
        values.push(make());
      }
      return index;
    },
  };
}

function internId(intern: InternTable, text: string): number {
  let id = intern.get(text);
  if (id === undefined) {
    id = intern.size;
    intern.set(text, id);
  }
  return id;
}

function availabilityMask(candidate: MatchCandidate): number {
  let mask = 0;
  for (const day of WEEKDAYS) {
    for (const part of candidate.availability[day] ?? []) {
      if ((DAY_PARTS as readonly string[]).includes(part)) mask |= slotBit(day, part);
    }
  }
  return mask >>> 0;
}

function licenceMask(categories: Iterable<string>): number {
  let mask = 0;
  for (const category of categories) {
    const index = (LICENCE_CATEGORIES as readonly string[]).indexOf(category);
    if (index >= 0) mask |= 1 << index;
  }
  return mask;
}

function modeMask(modes: Iterable<string>): number {
  let mask = 0;
  for (const mode of modes) {
    const index = (TRAVEL_MODES as readonly string[]).indexOf(mode);
    if (index >= 0) mask |= 1 << index;
  }
  return mask;
}

type Dictionaries = {
  homes: ReturnType<typeof distinctValues<{ x: number; y: number; z: number }>>;
  profiles: ReturnType<typeof distinctValues<{ home: number; modes: number; pendingModes: number; maxTravelMinutes: number }>>;
  availabilityMasks: ReturnType<typeof distinctValues<number>>;
  hoursPairs: ReturnType<typeof distinctValues<MatchCandidate['hours']>>;
  /** 1 for a slot written by patchCandidates: its postings are in patchPostings, not in postings. */
  patched: Uint8Array;
  patchedCount: number;
};

type SlotColumns = Pick<
  CandidateColumns,
  'travelProfile' | 'availability' | 'hoursPair' | 'licences' | 'motivationScore' | 'potentialScore' | 'educationScore' | 'wishFlags'
>;

function slotColumns(capacity: number): SlotColumns {
  return {
    travelProfile: new Uint32Array(capacity),
    availability: new Uint32Array(capacity),
    hoursPair: new Uint32Array(capacity),
    licences: new Uint16Array(capacity),
    motivationScore: new Float64Array(capacity),
    potentialScore: new Float64Array(capacity),
    educationScore: new Float64Array(capacity),
    wishFlags: new Uint8Array(capacity),
  };
}

/** Writes one candidate's per-candidate values into `slot`, adding new shared values to the dictionaries. */
function writeSlot(columns: SlotColumns, dictionaries: Dictionaries, slot: number, candidate: MatchCandidate): void {
  const { homes, profiles, availabilityMasks, hoursPairs } = dictionaries;
  const home = homes.indexOf(`${candidate.home.latitude},${candidate.home.longitude}`, () => unitVector(candidate.home));
  const modes = modeMask(candidate.mobility.modes);
  const pendingModes = modeMask(candidate.mobility.pendingModes.map((open) => open.mode)) & ~modes;
  const maxTravelMinutes = candidate.mobility.maxTravelMinutes;
  columns.travelProfile[slot] = profiles.indexOf(`${home}|${modes}|${pendingModes}|${maxTravelMinutes}`, () => ({
    home,
    modes,
    pendingModes,
    maxTravelMinutes,
  }));
  const mask = availabilityMask(candidate);
  columns.availability[slot] = availabilityMasks.indexOf(String(mask), () => mask);
  const { now, target } = candidate.hours;
  columns.hoursPair[slot] = hoursPairs.indexOf(`${now}/${target}`, () => ({ now, target }));
  columns.licences[slot] = licenceMask(coveredLicences(candidate.drivingLicences));
  columns.motivationScore[slot] = assessmentScore(candidate.motivation);
  columns.potentialScore[slot] = assessmentScore(candidate.potential);
  columns.educationScore[slot] = educationScore(candidate.educationLevel);
  const wishes = candidate.workWishes;
  const hasWishes = wishes.occupationUris.length > 0 || wishes.sectors.length > 0 || wishes.titles.length > 0;
  columns.wishFlags[slot] = hasWishes ? HAS_WISHES : 0;
}

/** One candidate's postings: (interned text, weight) for every skill, certificate and wish it holds. */
function postingsOf(candidate: MatchCandidate, post: (text: string, weight: number) => void): void {
  // Once per candidate: a certificate held twice (in two spellings) must count once.
  for (const name of new Set(candidate.certificates.map(normaliseText))) post(key.certificate(name), 1);
  for (const competency of candidate.competencies) {
    const weight = evidenceWeight(competency.evidence, competency.level);
    if (competency.skillUri) post(key.skillUri(competency.skillUri), weight);
    const label = normaliseText(competency.label);
    if (label !== '') post(key.skillLabel(label), weight);
    for (const stem of competencyStems(competency.label)) post(key.stem(stem, Boolean(competency.skillUri)), weight);
  }
  const wishes = candidate.workWishes;
  for (const uri of wishes.occupationUris) post(key.occupation(uri), 1);
  for (const sector of wishes.sectors) post(key.sector(normaliseText(sector)), 1);
  for (const word of new Set(wishes.titles.flatMap(titleWords))) post(key.titleWord(word), 1);
}

/** Counting-sorts (interned id, candidate, weight) triples into postings lists by id. */
function buildPostings(internSize: number, postingId: readonly number[], postingCandidate: readonly number[], postingWeight: readonly number[]) {
  const start = new Int32Array(internSize + 1);
  for (const id of postingId) start[id + 1]! += 1;
  for (let id = 0; id < internSize; id++) start[id + 1]! += start[id]!;
  const next = start.slice(0, internSize);
  const candidate = new Int32Array(postingId.length);
  const weight = new Float64Array(postingId.length);
  postingId.forEach((id, at) => {
    const to = next[id]!++;
    candidate[to] = postingCandidate[at]!;
    weight[to] = postingWeight[at]!;
  });
  return { start, candidate, weight };
}

/** The shared-value tables and the scratch columns, from the dictionaries (again after a patch added values). */
function sharedTables(dictionaries: Dictionaries, capacity: number) {
  const { homes, profiles, availabilityMasks, hoursPairs } = dictionaries;
  return {
    homes: {
      x: Float64Array.from(homes.values, (home) => home.x),
      y: Float64Array.from(homes.values, (home) => home.y),
      z: Float64Array.from(homes.values, (home) => home.z),
    },
    travelProfiles: {
      home: Uint32Array.from(profiles.values, (profile) => profile.home),
      modes: Uint8Array.from(profiles.values, (profile) => profile.modes),
      pendingModes: Uint8Array.from(profiles.values, (profile) => profile.pendingModes),
      maxTravelMinutes: Float64Array.from(profiles.values, (profile) => profile.maxTravelMinutes),
    },
    availabilityMasks: Uint32Array.from(availabilityMasks.values),
    hoursPairs: {
      now: Float64Array.from(hoursPairs.values, (pair) => pair.now),
      target: Float64Array.from(hoursPairs.values, (pair) => pair.target),
    },
    scratch: {
      evidence: new Float64Array(capacity),
      best: new Float64Array(capacity),
      touched: new Int32Array(capacity),
      wishFlags: new Uint8Array(capacity),
      certificates: new Uint16Array(capacity),
      kmByHome: new Float64Array(homes.values.length),
      travelByProfile: new Float64Array(0),
      travelMemo: [],
      shiftsByAvailability: new Float64Array(availabilityMasks.values.length),
      hoursByPair: new Float64Array(hoursPairs.values.length),
    },
  };
}

/** Free slots kept at the end of the per-candidate columns, so that appends rarely reallocate. */
const headroom = (count: number) => count + Math.max(16, count >> 6);

/** Compiles candidates once into typed columns; reuse the result for every vacancy (patchCandidates keeps it current). */
export function compileCandidates(candidates: readonly MatchCandidate[]): CandidateColumns {
  const count = candidates.length;
  const capacity = headroom(count);
  const intern: InternTable = new Map();
  const dictionaries: Dictionaries = {
    homes: distinctValues(),
    profiles: distinctValues(),
    availabilityMasks: distinctValues(),
    hoursPairs: distinctValues(),
    patched: new Uint8Array(capacity),
    patchedCount: 0,
  };
  const perSlot = slotColumns(capacity);

  // Postings are gathered as (id, candidate, weight) triples, then counting-sorted by id.
  const postingId: number[] = [];
  const postingCandidate: number[] = [];
  const postingWeight: number[] = [];
  candidates.forEach((candidate, i) => {
    writeSlot(perSlot, dictionaries, i, candidate);
    postingsOf(candidate, (text, weight) => {
      postingId.push(internId(intern, text));
      postingCandidate.push(i);
      postingWeight.push(weight);
    });
  });

  const ids = candidates.map((candidate) => candidate.id);
  const idRank = new Uint32Array(capacity);
  const idOrder = new Uint32Array(capacity);
  const order = Array.from({ length: count }, (_, i) => i).sort((a, b) => {
    const idA = ids[a]!;
    const idB = ids[b]!;
    return idA < idB ? -1 : idA > idB ? 1 : a - b;
  });
  order.forEach((candidateIndex, rank) => {
    idRank[candidateIndex] = rank;
    idOrder[rank] = candidateIndex;
  });

  return {
    count,
    ids,
    slotById: new Map(ids.map((id, slot) => [id, slot])),
    idRank,
    idOrder,
    ...perSlot,
    ...sharedTables(dictionaries, capacity),
    postings: buildPostings(intern.size, postingId, postingCandidate, postingWeight),
    patchPostings: buildPostings(intern.size, [], [], []),
    intern,
    dictionaries,
  };
}

export type CandidatesPatch = {
  /** New or changed candidates (by id). */
  upserts: readonly MatchCandidate[];
  /** Ids of candidates that left (placed, paused, erased, no intake any more); unknown ids are ignored. */
  removals: readonly string[];
};

/**
 * Patches compiled columns in place, instead of compiling them all again: a changed candidate is
 * written into its own slot, a new one appended, a removed one replaced by the last slot. `slots`
 * is the list the columns are indexed by (candidates[slot]), patched alongside. The result ranks
 * exactly like compileCandidates over the patched list (a property test holds this).
 *
 * The compiled postings lists are not rebuilt: a patched slot's entries there get weight 0 (which
 * every walk skips) and its current postings go to patchPostings, rebuilt from the patched slots
 * only. When those grow large, or for a large patch, compile afresh (see needsRecompile).
 *
 * Synchronous: a query never sees half-patched columns.
 */
export function patchCandidates(columns: CandidateColumns, slots: MatchCandidate[], patch: CandidatesPatch): void {
  const c = columns;
  const d = c.dictionaries;
  let capacity = c.idRank.length;
  const sizesBefore = [d.homes.values.length, d.profiles.values.length, d.availabilityMasks.values.length, d.hoursPairs.values.length];
  const internBefore = c.intern.size;

  /*
   * A slot not patched yet has its postings in the compiled lists, under the texts of the candidate
   * it holds (slots[slot]): only those lists are walked, never all postings.
   */
  const retarget = (slot: number, to: number) => {
    if (d.patched[slot] !== 0) return;
    const { start, candidate: holder, weight } = c.postings;
    postingsOf(slots[slot]!, (text) => {
      const id = c.intern.get(text)!;
      for (let at = start[id]!; at < start[id + 1]!; at++) {
        if (holder[at] !== slot || weight[at] === 0) continue;
        if (to < 0) weight[at] = 0;
        else holder[at] = to;
      }
    });
  };
  const perSlot: Array<keyof SlotColumns> = [
    'travelProfile',
    'availability',
    'hoursPair',
    'licences',
    'motivationScore',
    'potentialScore',
    'educationScore',
    'wishFlags',
  ];

  for (const id of patch.removals) {
    const slot = c.slotById.get(id);
    if (slot === undefined) continue;
    retarget(slot, -1);
    // Out of the id order: later ranks move down one.
    const rank = c.idRank[slot]!;
    c.idOrder.copyWithin(rank, rank + 1, c.count);
    for (let at = rank; at < c.count - 1; at++) c.idRank[c.idOrder[at]!] = at;
    c.slotById.delete(id);
    const last = c.count - 1;
    if (slot !== last) {
      // The last slot moves into the hole: its values, postings, id and place in the id order.
      retarget(last, slot);
      for (const name of perSlot) (c[name] as Uint8Array)[slot] = (c[name] as Uint8Array)[last]!;
      d.patched[slot] = d.patched[last]!;
      c.ids[slot] = c.ids[last]!;
      slots[slot] = slots[last]!;
      c.slotById.set(c.ids[slot], slot);
      c.idRank[slot] = c.idRank[last]!;
      c.idOrder[c.idRank[slot]] = slot;
    }
    d.patched[last] = 0;
    c.ids.pop();
    slots.pop();
    c.count = last;
  }

  for (const candidate of patch.upserts) {
    let slot = c.slotById.get(candidate.id);
    if (slot === undefined) {
      slot = c.count;
      if (slot >= capacity) {
        // Grow every per-candidate column (and the scratch, below).
        capacity = headroom(slot + 1);
        for (const name of [...perSlot, 'idRank', 'idOrder'] as const) {
          const grown = new (c[name].constructor as Uint32ArrayConstructor)(capacity);
          grown.set(c[name]);
          (c as Record<string, unknown>)[name] = grown;
        }
        const patched = new Uint8Array(capacity);
        patched.set(d.patched);
        d.patched = patched;
      }
      // Its place in the id order: after every smaller id.
      let low = 0;
      let high = c.count;
      while (low < high) {
        const middle = (low + high) >> 1;
        if (c.ids[c.idOrder[middle]!]! < candidate.id) low = middle + 1;
        else high = middle;
      }
      c.idOrder.copyWithin(low + 1, low, c.count);
      c.idOrder[low] = slot;
      for (let at = low; at <= c.count; at++) c.idRank[c.idOrder[at]!] = at;
      c.ids.push(candidate.id);
      slots.push(candidate);
      c.slotById.set(candidate.id, slot);
      c.count += 1;
    } else {
      retarget(slot, -1);
      slots[slot] = candidate;
    }
    writeSlot(c, d, slot, candidate);
    d.patched[slot] = 1;
  }

  // The patched slots' postings, rebuilt from those slots only.
  const postingId: number[] = [];
  const postingCandidate: number[] = [];
  const postingWeight: number[] = [];
  let patchedCount = 0;
  for (let slot = 0; slot < c.count; slot++) {
    if (d.patched[slot] === 0) continue;
    patchedCount += 1;
    postingsOf(slots[slot]!, (text, value) => {
      postingId.push(internId(c.intern, text));
      postingCandidate.push(slot);
      postingWeight.push(value);
    });
  }
  d.patchedCount = patchedCount;
  c.patchPostings = buildPostings(c.intern.size, postingId, postingCandidate, postingWeight);
  // Interned texts new since the compile have no compiled postings: empty lists at the end.
  if (c.intern.size !== internBefore) {
    const grown = new Int32Array(c.intern.size + 1).fill(c.postings.candidate.length);
    grown.set(c.postings.start);
    c.postings.start = grown;
  }

  // Shared values new to the dictionaries: only the grown tables and their scratch again.
  const { homes, profiles, availabilityMasks, hoursPairs } = d;
  const scratch = c.scratch;
  if (capacity !== scratch.evidence.length) {
    Object.assign(scratch, {
      evidence: new Float64Array(capacity),
      best: new Float64Array(capacity),
      touched: new Int32Array(capacity),
      wishFlags: new Uint8Array(capacity),
      certificates: new Uint16Array(capacity),
    });
  }
  if (homes.values.length !== sizesBefore[0]) {
    c.homes = {
      x: Float64Array.from(homes.values, (home) => home.x),
      y: Float64Array.from(homes.values, (home) => home.y),
      z: Float64Array.from(homes.values, (home) => home.z),
    };
    scratch.kmByHome = new Float64Array(homes.values.length);
  }
  if (profiles.values.length !== sizesBefore[1]) {
    c.travelProfiles = {
      home: Uint32Array.from(profiles.values, (profile) => profile.home),
      modes: Uint8Array.from(profiles.values, (profile) => profile.modes),
      pendingModes: Uint8Array.from(profiles.values, (profile) => profile.pendingModes),
      maxTravelMinutes: Float64Array.from(profiles.values, (profile) => profile.maxTravelMinutes),
    };
    // Every new home makes a new profile too, so this empties the memo whenever either table grows.
    scratch.travelMemo = [];
  }
  if (availabilityMasks.values.length !== sizesBefore[2]) {
    c.availabilityMasks = Uint32Array.from(availabilityMasks.values);
    scratch.shiftsByAvailability = new Float64Array(availabilityMasks.values.length);
  }
  if (hoursPairs.values.length !== sizesBefore[3]) {
    c.hoursPairs = { now: Float64Array.from(hoursPairs.values, (pair) => pair.now), target: Float64Array.from(hoursPairs.values, (pair) => pair.target) };
    scratch.hoursByPair = new Float64Array(hoursPairs.values.length);
  }
}

/** Patched slots hold more than an eighth of the population: walking their postings apart costs more than compiling afresh saves. */
export function needsRecompile(columns: CandidateColumns, pendingChanges = 0): boolean {
  return columns.dictionaries.patchedCount + pendingChanges > Math.max(64, columns.count >> 3);
}

/** Bytes held by the compiled columns' typed arrays, scratch and travel memo included (the intern table and id strings not counted). */
export function columnsByteSize(columns: CandidateColumns): number {
  let bytes = 0;
  const visit = (value: unknown) => {
    if (ArrayBuffer.isView(value)) bytes += value.byteLength;
    else if (value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Map)) {
      for (const inner of Object.values(value)) visit(inner);
    }
  };
  visit(columns);
  for (const { travel } of columns.scratch.travelMemo) if (travel !== columns.scratch.travelByProfile) bytes += travel.byteLength;
  return bytes;
}

export type CompiledVacancy = {
  vacancyId: string;
  /** Location as a unit vector. */
  x: number;
  y: number;
  z: number;
  /** No candidate can qualify: a required licence category that the matcher does not know. */
  impossible: boolean;
  /** Modes allowed on the hardest required journey (public transport left out when a required shift rules it out). */
  allowedModes: number;
  requiredLicences: number;
  /** Interned ids of the required certificates, each once; -1 for one that no candidate holds. */
  requiredCertificates: Int32Array;
  /** Per required shift its slots; a candidate must have at least one of each. */
  requiredShiftSlots: Uint32Array;
  requiredSlots: number;
  optionalSlots: number;
  /** shiftsScore for every (required covered, optional covered) pair, row length popcount(optionalSlots) + 1. */
  shiftScores: Float64Array;
  hoursMin: number;
  hoursMax: number;
  rampUpFromHours: number | null;
  /** Per vacancy competency (in order) its importance and the interned ids that are evidence for it, with their factor. */
  importance: Float64Array;
  totalImportance: number;
  evidence: { start: Int32Array; id: Int32Array; factor: Float64Array };
  occupationId: number;
  sectorId: number;
  titleWordIds: Int32Array;
};

/** The competency stems of an intern table, listed once per table and again when a patch interned more texts. */
type StemEntry = { stem: string; withConcept: boolean; id: number };
const stemLists = new WeakMap<InternTable, { size: number; list: StemEntry[] }>();
function stemsOf(internTable: InternTable): StemEntry[] {
  let cached = stemLists.get(internTable);
  if (!cached || cached.size !== internTable.size) {
    const list: StemEntry[] = [];
    for (const [text, id] of internTable) {
      if (text.startsWith('t:') || text.startsWith('T:')) list.push({ stem: text.slice(2), withConcept: text.startsWith('T:'), id });
    }
    cached = { size: internTable.size, list };
    stemLists.set(internTable, cached);
  }
  return cached.list;
}

/**
 * The ids of the stems in `list` that meet a wanted competency's words (only stems without a concept
 * when the wanted one has a concept: then the concepts compare). Kept per list, so per state of the
 * intern table: its ids never change meaning, and a table that interned more texts has a new list.
 */
const stemMatches = new WeakMap<readonly StemEntry[], Map<string, readonly number[]>>();
const STEM_MATCHES_KEPT = 1_000;
function stemMatchesOf(list: readonly StemEntry[], label: string, withConcept: boolean): readonly number[] {
  let byLabel = stemMatches.get(list);
  if (!byLabel) {
    byLabel = new Map();
    stemMatches.set(list, byLabel);
  }
  const key = `${withConcept ? 'T' : 't'}:${label}`;
  let ids = byLabel.get(key);
  if (ids === undefined) {
    const wantedStems = competencyStems(label);
    const found: number[] = [];
    if (wantedStems.length > 0) {
      for (const { stem, withConcept: stemWithConcept, id } of list) {
        if (stemWithConcept && withConcept) continue;
        if (wantedStems.some((wantedStem) => stemsMeet(wantedStem, stem))) found.push(id);
      }
    }
    if (byLabel.size >= STEM_MATCHES_KEPT) byLabel.clear();
    ids = found;
    byLabel.set(key, ids);
  }
  return ids;
}

/** The shifts factor depends only on two counts: look it up instead of dividing per candidate. */
function shiftScoreTable(requiredTotal: number, optionalTotal: number): Float64Array {
  const table = new Float64Array((requiredTotal + 1) * (optionalTotal + 1));
  for (let required = 0; required <= requiredTotal; required++) {
    for (let optional = 0; optional <= optionalTotal; optional++) {
      table[required * (optionalTotal + 1) + optional] = shiftsScore(required, requiredTotal, optional, optionalTotal);
    }
  }
  return table;
}

/** Compiles a vacancy against the candidates' intern table; cheap, once per query. */
export function compileVacancy(vacancy: MatchVacancy, skills: SkillGraph, internTable: InternTable): CompiledVacancy {
  const location = unitVector(vacancy.location);
  const required = requiredShifts(vacancy);
  const ptRuledOut = required.some((shift) => !publicTransportRuns(shift));

  let impossible = false;
  const requiredLicenceCategories: string[] = [];
  const requiredCertificates = new Set<number>();
  for (const credential of vacancy.requiredCredentials) {
    // One that can be had before the start makes a match conditional, never excluded.
    if (credential.obtainable) continue;
    if (credential.type === 'driving_licence') {
      const category = normaliseLicence(credential.category);
      if (!(LICENCE_CATEGORIES as readonly string[]).includes(category)) impossible = true;
      requiredLicenceCategories.push(category);
    } else {
      requiredCertificates.add(internTable.get(key.certificate(normaliseText(credential.name))) ?? -1);
    }
  }

  const requiredShiftSlots = required.map((shift) => {
    let mask = 0;
    for (const day of shift.weekdays) mask |= slotBit(day, shift.dayPart);
    return mask >>> 0;
  });
  let requiredSlots = 0;
  let allSlots = 0;
  for (const shift of vacancy.shifts) {
    for (const day of shift.weekdays) {
      allSlots |= slotBit(day, shift.dayPart);
      if (vacancy.rotating || shift.required) requiredSlots |= slotBit(day, shift.dayPart);
    }
  }
  const optionalSlots = allSlots & ~requiredSlots;

  // Per competency: its own URI and label count fully, related skills' URIs by RELATED_SKILL_FACTOR.
  const evidenceStart = [0];
  const evidenceId: number[] = [];
  const evidenceFactor: number[] = [];
  const importance = new Float64Array(vacancy.competencies.length);
  let totalImportance = 0;
  vacancy.competencies.forEach((wanted, index) => {
    importance[index] = IMPORTANCE_WEIGHT[wanted.importance];
    totalImportance += IMPORTANCE_WEIGHT[wanted.importance];
    const link = (text: string, factor: number) => {
      const id = internTable.get(text);
      if (id === undefined) return;
      evidenceId.push(id);
      evidenceFactor.push(factor);
    };
    if (wanted.skillUri) link(key.skillUri(wanted.skillUri), 1);
    const label = normaliseText(wanted.label);
    if (label !== '') link(key.skillLabel(label), 1);
    if (wanted.skillUri) {
      for (const entry of skills.related(wanted.skillUri)) {
        const [uri, relation] = typeof entry === 'string' ? [entry, 'related' as const] : [entry.uri, entry.relation];
        link(key.skillUri(uri), CREDIT_FACTOR[relation]);
      }
    }
    // Words, where one side has no concept: stems of candidates' competencies that meet the wanted ones.
    for (const id of stemMatchesOf(stemsOf(internTable), wanted.label, Boolean(wanted.skillUri))) {
      evidenceId.push(id);
      evidenceFactor.push(CREDIT_FACTOR.words);
    }
    evidenceStart.push(evidenceId.length);
  });

  const titleWordIds = titleWords(vacancy.title)
    .map((word) => internTable.get(key.titleWord(word)))
    .filter((id): id is number => id !== undefined);

  return {
    vacancyId: vacancy.id,
    x: location.x,
    y: location.y,
    z: location.z,
    impossible,
    allowedModes: ptRuledOut ? ALL_MODES_MASK & ~MODE_BIT.public_transport : ALL_MODES_MASK,
    requiredLicences: licenceMask(requiredLicenceCategories),
    requiredCertificates: Int32Array.from(requiredCertificates),
    requiredShiftSlots: Uint32Array.from(requiredShiftSlots),
    requiredSlots: requiredSlots >>> 0,
    optionalSlots: optionalSlots >>> 0,
    shiftScores: shiftScoreTable(popcount(requiredSlots), popcount(optionalSlots)),
    hoursMin: vacancy.hoursMin,
    hoursMax: vacancy.hoursMax,
    rampUpFromHours: vacancy.rampUpFromHours,
    importance,
    totalImportance,
    evidence: { start: Int32Array.from(evidenceStart), id: Int32Array.from(evidenceId), factor: Float64Array.from(evidenceFactor) },
    occupationId: vacancy.occupationUri === null ? -1 : (internTable.get(key.occupation(vacancy.occupationUri)) ?? -1),
    sectorId: internTable.get(key.sector(normaliseText(vacancy.sector))) ?? -1,
    titleWordIds: Int32Array.from(titleWordIds),
  };
}

const EXCLUDED = -1;

/**
 * Fastest of the modes in `modes`, in whole minutes (Infinity when there is none): the same number
 * as the reference's minimum over rounded minutes, because rounding is monotone.
 */
function fastestMinutes(modes: number, straightKm: number): number {
  let best = Infinity;
  for (let at = modes * 8; FASTEST_CANDIDATES[at]! >= 0; at++) {
    const minutes = unroundedMinutes(FASTEST_CANDIDATES[at]!, straightKm);
    if (minutes < best) best = minutes;
  }
  return Math.round(best);
}

/**
 * Step 1 of a query: walks the postings of the vacancy's skills, wishes and certificates only, and
 * leaves per candidate Σ importance × best evidence (in competency order, as the reference adds it),
 * the wish flags and the number of required certificates held in the scratch columns.
 */
function gatherPostings(v: CompiledVacancy, c: CandidateColumns): void {
  const { evidence, best, touched, wishFlags, certificates } = c.scratch;

  evidence.fill(0);
  for (let competency = 0; competency < v.importance.length; competency++) {
    let touchedCount = 0;
    for (let link = v.evidence.start[competency]!; link < v.evidence.start[competency + 1]!; link++) {
      const id = v.evidence.id[link]!;
      const factor = v.evidence.factor[link]!;
      // The compiled postings, then the patched slots' ones (a patched slot's compiled ones weigh 0).
      touchedCount = bestEvidence(c.postings, id, factor, best, touched, touchedCount);
      touchedCount = bestEvidence(c.patchPostings, id, factor, best, touched, touchedCount);
    }
    // Adding importance × 0 would leave a sum unchanged, so only candidates with evidence are visited.
    const importance = v.importance[competency]!;
    for (let at = 0; at < touchedCount; at++) {
      const holder = touched[at]!;
      evidence[holder]! += importance * best[holder]!;
      best[holder] = 0;
    }
  }

  wishFlags.set(c.wishFlags);
  const flag = (id: number, bit: number) => {
    if (id < 0) return;
    for (const { start, candidate, weight } of [c.postings, c.patchPostings]) {
      for (let at = start[id]!; at < start[id + 1]!; at++) if (weight[at] !== 0) wishFlags[candidate[at]!]! |= bit;
    }
  };
  flag(v.occupationId, WISH_OCCUPATION);
  flag(v.sectorId, WISH_SECTOR);
  for (const id of v.titleWordIds) flag(id, WISH_TITLE);

  if (v.requiredCertificates.length > 0) {
    certificates.fill(0);
    for (const id of v.requiredCertificates) {
      if (id < 0) continue;
      for (const { start, candidate, weight } of [c.postings, c.patchPostings]) {
        for (let at = start[id]!; at < start[id + 1]!; at++) if (weight[at] !== 0) certificates[candidate[at]!]! += 1;
      }
    }
  }
}

/** Raises each holder's best evidence for one competency from one postings list; returns the touched count. */
function bestEvidence(
  postings: CandidateColumns['postings'],
  id: number,
  factor: number,
  best: Float64Array,
  touched: Int32Array,
  touchedCount: number,
): number {
  const { start, candidate, weight } = postings;
  let count = touchedCount;
  for (let at = start[id]!; at < start[id + 1]!; at++) {
    const holder = candidate[at]!;
    const value = factor * weight[at]!;
    if (value > best[holder]!) {
      if (best[holder] === 0) touched[count++] = holder;
      best[holder] = value;
    }
  }
  return count;
}

/** Places whose journeys are kept (see scratch.travelMemo): at 100k distinct homes 0.8 MB each. */
export const TRAVEL_MEMO_SIZE = 8;

/**
 * The journey per travel profile (EXCLUDED when out of reach even with pending modes) into
 * scratch.travelByProfile: taken from the memo when this place and these modes were ranked since
 * the profile table last grew, computed otherwise (at 100k distinct homes ~3 ms).
 */
function scoreTravel(v: CompiledVacancy, c: CandidateColumns): void {
  const { scratch } = c;
  const memo = scratch.travelMemo;
  const key = `${v.x}|${v.y}|${v.z}|${v.allowedModes}`;
  const hit = memo.findIndex((entry) => entry.key === key);
  if (hit >= 0) {
    const [entry] = memo.splice(hit, 1);
    memo.unshift(entry!);
    scratch.travelByProfile = entry!.travel;
    return;
  }
  // A new place: the oldest entry's array is reused once the memo is full.
  const travel = memo.length >= TRAVEL_MEMO_SIZE ? memo.pop()!.travel : new Float64Array(c.travelProfiles.home.length);
  computeTravel(v, c, travel);
  memo.unshift({ key, travel });
  scratch.travelByProfile = travel;
}

/** With every home a point of its own there are as many profiles as candidates: the loops keep their arrays in locals. */
function computeTravel(v: CompiledVacancy, c: CandidateColumns, travelByProfile: Float64Array): void {
  const { kmByHome } = c.scratch;
  const { x, y, z } = c.homes;
  const { home, modes, pendingModes, maxTravelMinutes } = c.travelProfiles;
  const { x: vx, y: vy, z: vz, allowedModes } = v;
  const homeCount = kmByHome.length;
  for (let at = 0; at < homeCount; at++) kmByHome[at] = haversineKmFromVectors(x[at]!, y[at]!, z[at]!, vx, vy, vz);
  const profileCount = travelByProfile.length;
  for (let profile = 0; profile < profileCount; profile++) {
    const straightKm = kmByHome[home[profile]!]!;
    const max = maxTravelMinutes[profile]!;
    const minutes = fastestMinutes(modes[profile]! & allowedModes, straightKm);
    if (minutes <= max) {
      travelByProfile[profile] = travelScore(minutes, max);
      continue;
    }
    // Only a pending mode (an open action) brings it within reach: scored as it will be then.
    const once = fastestMinutes((modes[profile]! | pendingModes[profile]!) & allowedModes, straightKm);
    travelByProfile[profile] = once <= max ? travelScore(once, max) : EXCLUDED;
  }
}

/**
 * Step 1b: what many candidates share is scored once per distinct value: the journey per travel
 * profile (EXCLUDED when out of reach even with pending modes), shift fit per availability mask
 * (EXCLUDED when a required shift cannot be done at all) and hours per pair.
 */
function scoreSharedValues(v: CompiledVacancy, c: CandidateColumns): void {
  const { shiftsByAvailability, hoursByPair } = c.scratch;
  const { availabilityMasks, hoursPairs } = c;
  scoreTravel(v, c);
  const { requiredShiftSlots, requiredSlots, optionalSlots, shiftScores } = v;
  const shiftRow = popcount(optionalSlots) + 1;
  masks: for (let index = 0; index < shiftsByAvailability.length; index++) {
    const week = availabilityMasks[index]!;
    for (let shift = 0; shift < requiredShiftSlots.length; shift++) {
      if ((week & requiredShiftSlots[shift]!) === 0) {
        shiftsByAvailability[index] = EXCLUDED;
        continue masks;
      }
    }
    shiftsByAvailability[index] = shiftScores[popcount(week & requiredSlots) * shiftRow + popcount(week & optionalSlots)]!;
  }
  for (let pair = 0; pair < hoursByPair.length; pair++) {
    hoursByPair[pair] = hoursScore(hoursPairs.now[pair]!, hoursPairs.target[pair]!, v.hoursMin, v.hoursMax, v.rampUpFromHours);
  }
}

/**
 * A bounded min-heap of the best candidates seen: its root is the weakest one kept (lowest total,
 * then highest id), so a newcomer enters only when it beats the root.
 */
type TopHeap = { capacity: number; size: number; index: Int32Array; total: Float64Array; idRank: Uint32Array };

/** Candidate a ranks below candidate b: a lower total, or the same total and a later id. */
function ranksBelow(heap: TopHeap, totalA: number, indexA: number, totalB: number, indexB: number): boolean {
  return totalA < totalB || (totalA === totalB && heap.idRank[indexA]! > heap.idRank[indexB]!);
}

/** Adds a candidate that beats the root (or fills a free place). */
function offer(heap: TopHeap, total: number, candidate: number): void {
  const { index, total: totals } = heap;
  if (heap.size < heap.capacity) {
    // Sift up from the new leaf.
    let at = heap.size++;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (!ranksBelow(heap, total, candidate, totals[parent]!, index[parent]!)) break;
      totals[at] = totals[parent]!;
      index[at] = index[parent]!;
      at = parent;
    }
    totals[at] = total;
    index[at] = candidate;
    return;
  }
  // Replace the root and sift down.
  let at = 0;
  for (;;) {
    const left = 2 * at + 1;
    if (left >= heap.size) break;
    const right = left + 1;
    const weaker = right < heap.size && ranksBelow(heap, totals[right]!, index[right]!, totals[left]!, index[left]!) ? right : left;
    if (!ranksBelow(heap, totals[weaker]!, index[weaker]!, total, candidate)) break;
    totals[at] = totals[weaker]!;
    index[at] = index[weaker]!;
    at = weaker;
  }
  totals[at] = total;
  index[at] = candidate;
}

/**
 * Step 2: one loop over all candidates computing each total as matchCandidate does, writing it to
 * `out` (EXCLUDED for the excluded) and/or offering it to `heap`. Returns the number of eligible
 * candidates. No allocation: doubles stay in typed arrays, lookups replace formulas.
 */
function scan(v: CompiledVacancy, c: CandidateColumns, weights: MatchWeights, out: Float64Array | null, heap: TopHeap | null): number {
  gatherPostings(v, c);
  scoreSharedValues(v, c);
  const { licences, availability, travelProfile, hoursPair, motivationScore, potentialScore, educationScore: education } = c;
  const { evidence, wishFlags, certificates, travelByProfile, shiftsByAvailability, hoursByPair } = c.scratch;
  const { requiredLicences, totalImportance } = v;
  const requiredCertificateCount = v.requiredCertificates.length;
  let eligible = 0;

  for (let i = 0; i < c.count; i++) {
    const shifts = shiftsByAvailability[availability[i]!]!;
    const travel = travelByProfile[travelProfile[i]!]!;
    if (
      (licences[i]! & requiredLicences) !== requiredLicences ||
      (requiredCertificateCount > 0 && certificates[i] !== requiredCertificateCount) ||
      shifts === EXCLUDED ||
      travel === EXCLUDED
    ) {
      if (out !== null) out[i] = EXCLUDED;
      continue;
    }
    eligible++;
    const total = toTotal(
      weightedSum(
        weights,
        competencyScore(evidence[i]!, totalImportance),
        motivationScore[i]!,
        potentialScore[i]!,
        shifts,
        hoursByPair[hoursPair[i]!]!,
        travel,
        WISH_SCORE_BY_FLAGS[wishFlags[i]!]!,
        education[i]!,
      ),
    );
    if (out !== null) out[i] = total;
    if (heap !== null && (heap.size < heap.capacity || ranksBelow(heap, heap.total[0]!, heap.index[0]!, total, i))) offer(heap, total, i);
  }
  return eligible;
}

/** Every candidate's total (0 when excluded) and eligibility: for audits, fairness reports and tests. */
export function scoreAll(vacancy: CompiledVacancy, columns: CandidateColumns, weights: MatchWeights): { totals: Float64Array; eligible: Uint8Array } {
  const totals = new Float64Array(columns.count);
  const eligible = new Uint8Array(columns.count);
  if (vacancy.impossible) return { totals, eligible };
  scan(vacancy, columns, weights, totals, null);
  for (let i = 0; i < columns.count; i++) {
    if (totals[i] === EXCLUDED) totals[i] = 0;
    else eligible[i] = 1;
  }
  return { totals, eligible };
}

export type RankedCandidate = { index: number; candidateId: string; total: number };
export type TopK = {
  /** Best first; equal totals in ascending candidate id. */
  items: RankedCandidate[];
  eligible: number;
  excluded: number;
};

/**
 * The top k eligible candidates after skipping `offset` (a heap of k + offset, not a full sort),
 * with the counts of eligible and excluded candidates.
 */
export function rankTopK(vacancy: CompiledVacancy, columns: CandidateColumns, weights: MatchWeights, k: number, offset = 0): TopK {
  if (vacancy.impossible) return { items: [], eligible: 0, excluded: columns.count };
  const skip = Math.max(0, Math.floor(offset));
  const capacity = Math.max(0, Math.floor(k)) + skip;
  const heap: TopHeap = { capacity, size: 0, index: new Int32Array(capacity), total: new Float64Array(capacity), idRank: columns.idRank };
  const eligible = scan(vacancy, columns, weights, null, capacity > 0 ? heap : null);

  const items: RankedCandidate[] = [];
  for (let at = 0; at < heap.size; at++) {
    const index = heap.index[at]!;
    items.push({ index, candidateId: columns.ids[index]!, total: heap.total[at]! });
  }
  items.sort((a, b) => (ranksBelow(heap, a.total, a.index, b.total, b.index) ? 1 : -1));
  return { items: items.slice(skip), eligible, excluded: columns.count - eligible };
}

/**
 * Ranks compiled candidates for a vacancy and explains the top k with the reference matcher.
 * `candidates` must be the list `columns` was compiled from (same order).
 */
export function rankCandidatesForVacancy({
  vacancy,
  candidates,
  columns,
  weights,
  skills = NO_RELATED_SKILLS,
  lang = 'nl',
  k,
  offset = 0,
}: {
  vacancy: MatchVacancy;
  candidates: readonly MatchCandidate[];
  columns: CandidateColumns;
  weights: MatchWeights;
  skills?: SkillGraph;
  lang?: Lang;
  k: number;
  offset?: number;
}): { results: MatchResult[]; eligible: number; excluded: number } {
  const compiled = compileVacancy(vacancy, skills, columns.intern);
  const top = rankTopK(compiled, columns, weights, k, offset);
  const results = top.items.map((item) => matchCandidate(vacancy, candidates[item.index]!, { weights, skills, lang }));
  return { results, eligible: top.eligible, excluded: top.excluded };
}

/** Which hard constraints exclude a candidate, as bits. */
export const EXCLUDED_BY = { credential: 1, dayPart: 2, travel: 4 } as const;

export type ExcludedList = {
  /** Closest to fitting first (fewest kinds of exclusion), then in ascending id order. */
  items: Array<{ index: number; candidateId: string; reasons: number }>;
  excluded: number;
  /** How many were excluded by each kind of hard constraint (one person can count under several). */
  byReason: { credential_missing: number; day_part_unavailable: number; travel_too_far: number };
};

/**
 * The excluded candidates of a vacancy, a page of them, with the kinds of hard constraint that
 * exclude each one: the same verdicts as the ranker's scan (and so as matchCandidate), for the
 * answer to "why is this person not on the list?".
 */
export function listExcluded(v: CompiledVacancy, c: CandidateColumns, k: number, offset = 0): ExcludedList {
  const byReason = { credential_missing: 0, day_part_unavailable: 0, travel_too_far: 0 };
  const reasonsOf = new Uint8Array(c.count);
  if (v.impossible) {
    reasonsOf.fill(EXCLUDED_BY.credential);
  } else {
    gatherPostings(v, c);
    scoreSharedValues(v, c);
  }
  const { certificates, shiftsByAvailability, travelByProfile } = c.scratch;
  const requiredCertificateCount = v.requiredCertificates.length;
  for (let i = 0; i < c.count && !v.impossible; i++) {
    let reasons = 0;
    if ((c.licences[i]! & v.requiredLicences) !== v.requiredLicences || (requiredCertificateCount > 0 && certificates[i] !== requiredCertificateCount)) {
      reasons |= EXCLUDED_BY.credential;
    }
    if (shiftsByAvailability[c.availability[i]!] === EXCLUDED) reasons |= EXCLUDED_BY.dayPart;
    if (travelByProfile[c.travelProfile[i]!] === EXCLUDED) reasons |= EXCLUDED_BY.travel;
    reasonsOf[i] = reasons;
  }
  // Buckets by the number of kinds (1–3), each walked in id order: no sort needed.
  const buckets: number[][] = [[], [], []];
  for (let rank = 0; rank < c.count; rank++) {
    const i = c.idOrder[rank]!;
    const reasons = reasonsOf[i]!;
    if (reasons === 0) continue;
    if (reasons & EXCLUDED_BY.credential) byReason.credential_missing += 1;
    if (reasons & EXCLUDED_BY.dayPart) byReason.day_part_unavailable += 1;
    if (reasons & EXCLUDED_BY.travel) byReason.travel_too_far += 1;
    buckets[popcount(reasons) - 1]!.push(i);
  }
  const ordered = buckets.flat();
  const skip = Math.max(0, Math.floor(offset));
  const items = ordered.slice(skip, skip + Math.max(0, Math.floor(k))).map((index) => ({ index, candidateId: c.ids[index]!, reasons: reasonsOf[index]! }));
  return { items, excluded: ordered.length, byReason };
}

/**
 * One candidate's place among the eligible (1 = first), or null when excluded: the same order as
 * rankTopK, counted over every total.
 */
export function rankOf(v: CompiledVacancy, c: CandidateColumns, weights: MatchWeights, index: number): { rank: number | null; eligible: number } {
  const { totals, eligible } = scoreAll(v, c, weights);
  let count = 0;
  for (let i = 0; i < c.count; i++) count += eligible[i]!;
  if (!eligible[index]) return { rank: null, eligible: count };
  const mine = totals[index]!;
  let better = 0;
  for (let i = 0; i < c.count; i++) {
    if (eligible[i] && (totals[i]! > mine || (totals[i] === mine && c.idRank[i]! < c.idRank[index]!))) better += 1;
  }
  return { rank: better + 1, eligible: count };
}
