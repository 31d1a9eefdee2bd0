import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Db } from '../../db/client.js';
import type { Clock } from '../clock.js';
import { readCsvFile } from './csv.js';
import { BATCH_SIZE, inBatches, taxonomyRepository, type IscoGroupInsert, type OccupationInsert, type SkillInsert } from './taxonomy.repository.js';

/*
 * The importer for ESCO's official CSV export (ESCO © European Union, reuse with attribution).
 * It reads a folder of CSV files, in one language or several (subfolders such as nl/ and
 * en-v1.1.1/, as ESCO ships them per language), merges them by concept URI (URIs are the same in
 * every language) and writes them with upserts that only touch what changed.
 */

type Lang = 'nl' | 'en';
type FileKind = 'occupations' | 'skills' | 'skillCollection' | 'iscoGroups' | 'occupationSkillRelations' | 'skillSkillRelations' | 'skillBroader';

const FILE_KINDS: Array<{ kind: FileKind; pattern: RegExp }> = [
  { kind: 'occupations', pattern: /^occupations_([a-z]{2})\.csv$/i },
  { kind: 'skills', pattern: /^skills_([a-z]{2})\.csv$/i },
  // Collections (transversal, digital, green, language, research ...) carry labels of a subset.
  { kind: 'skillCollection', pattern: /^[a-z]+SkillsCollection_([a-z]{2})\.csv$/i },
  { kind: 'iscoGroups', pattern: /^ISCOGroups_([a-z]{2})\.csv$/i },
  { kind: 'occupationSkillRelations', pattern: /^occupationSkillRelations(?:_[a-z]{2})?\.csv$/i },
  { kind: 'skillSkillRelations', pattern: /^skillSkillRelations(?:_[a-z]{2})?\.csv$/i },
  // The skills pillar's hierarchy: a skill's broader skill or skill group (matcher credit).
  { kind: 'skillBroader', pattern: /^broaderRelationsSkillPillar(?:_[a-z]{2})?\.csv$/i },
];

/** One CSV file of the export; `lang` is its language suffix (relation files have none). */
export type EscoFile = { file: string; kind: FileKind; lang: string | null };

export type ImportProgress =
  | { stage: 'read'; file: string; rows: number }
  | { stage: 'write'; table: string; done: number; total: number }
  | { stage: 'index'; index: string; done: number; total: number };

type Relation = 'essential' | 'optional';

/** Everything read from one ESCO export, merged by URI. */
export type EscoSet = {
  files: EscoFile[];
  occupations: Map<string, Omit<OccupationInsert, 'source' | 'importedAt'>>;
  skills: Map<string, Omit<SkillInsert, 'source' | 'importedAt'>>;
  iscoGroups: Map<string, IscoGroupInsert>;
  /** occupation URI → skill URI → relation; null when the export has no such file. */
  occupationSkills: Map<string, Map<string, Relation>> | null;
  /** skill URI → related skill URI → relation; null when the export has no such file. */
  skillRelations: Map<string, Map<string, Relation>> | null;
  /** skill URI → broader concept URI → 'skill' or 'group'; null when the export has no such file. */
  skillBroader: Map<string, Map<string, 'skill' | 'group'>> | null;
  /** Files and rows that were left out, with why. */
  skipped: string[];
};

/**
 * Finds the ESCO CSV files in `dir` and its direct subfolders. English files come first, so that
 * where both languages hold a value that is not a label (code, ISCO group, relation type), the
 * Dutch release, read last, has the final word.
 */
export async function findEscoFiles(dir: string): Promise<EscoFile[]> {
  const found: EscoFile[] = [];
  const visit = async (folder: string, depth: number) => {
    for (const entry of (await readdir(folder, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory() && depth === 0) await visit(full, 1);
      if (!entry.isFile()) continue;
      for (const { kind, pattern } of FILE_KINDS) {
        const match = pattern.exec(entry.name);
        if (!match) continue;
        found.push({ file: full, kind, lang: match[1]?.toLowerCase() ?? null });
        break;
      }
    }
  };
  if (!(await stat(dir)).isDirectory()) throw new Error(`${dir} is not a folder`);
  await visit(dir, 0);
  const order = (file: EscoFile) => (file.lang === 'en' ? 0 : file.lang === 'nl' ? 2 : 1);
  return found.sort((a, b) => order(a) - order(b) || a.file.localeCompare(b.file));
}

/** ESCO separates alternative labels by newlines (main files) or " | " (collections). */
function labelList(value: string | undefined, without?: string | null): string[] {
  const labels = (value ?? '')
    .split(/\r?\n| \| /)
    .map((label) => label.trim())
    .filter((label) => label.length > 0 && label !== without);
  return [...new Set(labels)];
}

const orNull = (value: string | undefined) => (value && value.trim().length > 0 ? value.trim() : null);

/** ESCO marks unregulated professions with a URI; only a real note is worth keeping. */
function regulatedNote(value: string | undefined): string | null {
  const note = orNull(value);
  return note === null || note.endsWith('/regulated-professions/unregulated') ? null : note;
}

function relationOf(value: string | undefined): Relation | null {
  const relation = value?.trim().toLowerCase();
  return relation === 'essential' || relation === 'optional' ? relation : null;
}

/** Reads and merges an ESCO export. Only Dutch and English are kept (the tables hold those two). */
export async function readEscoFolder(dir: string, onProgress: (progress: ImportProgress) => void = () => {}): Promise<EscoSet> {
  const files = await findEscoFiles(dir);
  const set: EscoSet = {
    files,
    occupations: new Map(),
    skills: new Map(),
    iscoGroups: new Map(),
    occupationSkills: null,
    skillRelations: null,
    skillBroader: null,
    skipped: [],
  };
  if (!files.some((file) => file.kind === 'occupations')) {
    throw new Error(`No ESCO occupations file (occupations_<language>.csv) in ${dir} or its subfolders`);
  }
  // Collections only fill labels a full skills file did not give.
  const collectionLabels = new Map<string, { lang: Lang; row: Record<string, string> }[]>();

  for (const file of files) {
    if (file.lang !== null && file.lang !== 'nl' && file.lang !== 'en') {
      set.skipped.push(`${file.file}: language "${file.lang}" is not kept`);
      continue;
    }
    const lang = file.lang as Lang;
    let rows = 0;
    for await (const row of readCsvFile(file.file)) {
      rows += 1;
      if (rows % 20_000 === 0) onProgress({ stage: 'read', file: file.file, rows });
      switch (file.kind) {
        case 'occupations':
          mergeOccupation(set, lang, row);
          break;
        case 'skills':
          mergeSkill(set, lang, row);
          break;
        case 'skillCollection': {
          const uri = orNull(row.conceptUri);
          if (uri) collectionLabels.set(uri, [...(collectionLabels.get(uri) ?? []), { lang, row }]);
          break;
        }
        case 'iscoGroups':
          mergeIscoGroup(set, lang, row);
          break;
        case 'occupationSkillRelations':
          set.occupationSkills ??= new Map();
          addRelation({ target: set.occupationSkills, from: row.occupationUri, to: row.skillUri, type: row.relationType, set, file: file.file });
          break;
        case 'skillSkillRelations':
          set.skillRelations ??= new Map();
          addRelation({ target: set.skillRelations, from: row.originalSkillUri, to: row.relatedSkillUri, type: row.relationType, set, file: file.file });
          break;
        case 'skillBroader': {
          set.skillBroader ??= new Map();
          // Only a skill's own place: group-to-group links say nothing about two skills.
          const from = orNull(row.conceptUri);
          const to = orNull(row.broaderUri);
          const kind = row.broaderType === 'SkillGroup' ? 'group' : row.broaderType === 'KnowledgeSkillCompetence' ? 'skill' : null;
          if (row.conceptType !== 'KnowledgeSkillCompetence' || !from || !to || !kind) break;
          let links = set.skillBroader.get(from);
          if (!links) set.skillBroader.set(from, (links = new Map<string, 'skill' | 'group'>()));
          links.set(to, kind);
          break;
        }
      }
    }
    onProgress({ stage: 'read', file: file.file, rows });
  }

  for (const [uri, entries] of collectionLabels) {
    for (const { lang, row } of entries) {
      const skill = set.skills.get(uri) ?? emptySkill(uri);
      const label = orNull(row.preferredLabel);
      if (lang === 'nl' && !skill.labelNl) {
        skill.labelNl = label;
        skill.altLabelsNl = labelList(row.altLabels, label);
      }
      if (lang === 'en' && !skill.labelEn) {
        skill.labelEn = label;
        skill.altLabelsEn = labelList(row.altLabels, label);
      }
      skill.skillType ??= orNull(row.skillType);
      skill.reuseLevel ??= orNull(row.reuseLevel);
      if (lang === 'en') skill.descriptionEn ??= orNull(row.description);
      set.skills.set(uri, skill);
    }
  }
  return set;
}

function emptySkill(uri: string): Omit<SkillInsert, 'source' | 'importedAt'> {
  return { uri, skillType: null, reuseLevel: null, labelNl: null, labelEn: null, altLabelsNl: [], altLabelsEn: [], descriptionEn: null };
}

function mergeOccupation(set: EscoSet, lang: Lang, row: Record<string, string>) {
  const uri = orNull(row.conceptUri);
  if (!uri) return;
  const occupation = set.occupations.get(uri) ?? {
    uri,
    code: null,
    iscoGroup: null,
    labelNl: null,
    labelEn: null,
    altLabelsNl: [],
    hiddenLabelsNl: [],
    altLabelsEn: [],
    descriptionNl: null,
    descriptionEn: null,
    regulatedNote: null,
  };
  const label = orNull(row.preferredLabel);
  if (lang === 'nl') {
    occupation.labelNl = label;
    occupation.altLabelsNl = labelList(row.altLabels, label);
    occupation.hiddenLabelsNl = labelList(row.hiddenLabels, label);
    occupation.descriptionNl = orNull(row.description);
  } else {
    occupation.labelEn = label;
    occupation.altLabelsEn = labelList(row.altLabels, label);
    occupation.descriptionEn = orNull(row.description);
  }
  occupation.code = orNull(row.code) ?? occupation.code ?? null;
  occupation.iscoGroup = orNull(row.iscoGroup) ?? occupation.iscoGroup ?? null;
  occupation.regulatedNote = regulatedNote(row.regulatedProfessionNote) ?? occupation.regulatedNote ?? null;
  // The export repeats a few rows word for word; merging by URI makes them one.
  set.occupations.set(uri, occupation);
}

function mergeSkill(set: EscoSet, lang: Lang, row: Record<string, string>) {
  const uri = orNull(row.conceptUri);
  if (!uri) return;
  const skill = set.skills.get(uri) ?? emptySkill(uri);
  const label = orNull(row.preferredLabel);
  if (lang === 'nl') {
    skill.labelNl = label;
    skill.altLabelsNl = labelList(row.altLabels, label);
  } else {
    skill.labelEn = label;
    skill.altLabelsEn = labelList(row.altLabels, label);
    skill.descriptionEn = orNull(row.description);
  }
  skill.skillType = orNull(row.skillType) ?? skill.skillType ?? null;
  skill.reuseLevel = orNull(row.reuseLevel) ?? skill.reuseLevel ?? null;
  set.skills.set(uri, skill);
}

function mergeIscoGroup(set: EscoSet, lang: Lang, row: Record<string, string>) {
  const code = orNull(row.code);
  const uri = orNull(row.conceptUri);
  if (!code || !uri) return;
  const group = set.iscoGroups.get(code) ?? { code, uri, labelNl: null, labelEn: null };
  if (lang === 'nl') group.labelNl = orNull(row.preferredLabel);
  else group.labelEn = orNull(row.preferredLabel);
  group.uri = uri;
  set.iscoGroups.set(code, group);
}

function addRelation({
  target,
  from,
  to,
  type,
  set,
  file,
}: {
  target: Map<string, Map<string, Relation>>;
  from: string | undefined;
  to: string | undefined;
  type: string | undefined;
  set: EscoSet;
  file: string;
}) {
  const relation = relationOf(type);
  const a = orNull(from);
  const b = orNull(to);
  if (!a || !b || !relation) {
    if (set.skipped.length < 50) set.skipped.push(`${file}: a relation without both URIs or with type "${type}"`);
    return;
  }
  let links = target.get(a);
  if (!links) {
    links = new Map();
    target.set(a, links);
  }
  links.set(b, relation);
}

export type ImportSummary = {
  /** Concepts of the demo taxonomy removed because ESCO replaces it. */
  demoRemoved: number;
  occupations: { read: number; written: number };
  skills: { read: number; written: number; withDutchLabel: number };
  iscoGroups: { read: number; written: number };
  occupationSkills: { read: number; written: number; removed: number } | null;
  skillRelations: { read: number; written: number; removed: number } | null;
  skillBroader: { read: number; written: number; removed: number } | null;
};

type Link = { from: string; to: string; relation: Relation };

/**
 * Works out which links to write and which to remove: the export is the whole truth about the
 * links of every concept it mentions, so a link that ESCO (or the demo taxonomy) had before and
 * the export no longer has goes.
 */
function diffLinks(
  wanted: Map<string, Map<string, Relation>>,
  existing: Array<{ from: string; to: string; relation: string }>,
  owners: ReadonlySet<string>,
): { write: Link[]; remove: Array<[string, string]>; read: number } {
  const current = new Map<string, string>();
  const remove: Array<[string, string]> = [];
  for (const link of existing) {
    current.set(`${link.from} ${link.to}`, link.relation);
    if (owners.has(link.from) && !wanted.get(link.from)?.has(link.to)) remove.push([link.from, link.to]);
  }
  const write: Link[] = [];
  let read = 0;
  for (const [from, links] of wanted) {
    for (const [to, relation] of links) {
      read += 1;
      if (current.get(`${from} ${to}`) !== relation) write.push({ from, to, relation });
    }
  }
  return { write, remove, read };
}

/**
 * Writes an ESCO export in one transaction (readers see the old taxonomy or the new one, never
 * half), in batches of multi-row upserts. ESCO replaces the demo taxonomy; a second run writes nothing.
 */
export async function writeEscoSet({
  db,
  set,
  clock,
  onProgress = () => {},
}: {
  db: Db;
  set: EscoSet;
  clock: Clock;
  onProgress?: (progress: ImportProgress) => void;
}): Promise<ImportSummary> {
  const importedAt = clock.now();
  return db.transaction(async (tx) => {
    const repository = taxonomyRepository(tx);
    const progress = (table: string, total: number) => (done: number) => onProgress({ stage: 'write', table, done, total });

    const iscoGroups = [...set.iscoGroups.values()];
    const iscoWritten = await inBatches({
      rows: iscoGroups,
      size: BATCH_SIZE,
      work: (batch) => repository.upsertIscoGroups(batch),
      onBatch: progress('ISCO groups', iscoGroups.length),
    });

    const occupations = [...set.occupations.values()].map((row) => ({ ...row, source: 'esco', importedAt }));
    const occupationsWritten = await inBatches({
      rows: occupations,
      size: BATCH_SIZE,
      work: (batch) => repository.upsertOccupations(batch),
      onBatch: progress('occupations', occupations.length),
    });

    const skills = [...set.skills.values()].map((row) => ({ ...row, source: 'esco', importedAt }));
    const skillsWritten = await inBatches({
      rows: skills,
      size: BATCH_SIZE,
      work: (batch) => repository.upsertSkills(batch),
      onBatch: progress('skills', skills.length),
    });

    let occupationSkills: ImportSummary['occupationSkills'] = null;
    if (set.occupationSkills) {
      const existing = (await repository.allOccupationSkills()).map((row) => ({ from: row.occupationUri, to: row.skillUri, relation: row.relation }));
      const owners = new Set([...set.occupations.keys(), ...set.occupationSkills.keys()]);
      const diff = diffLinks(set.occupationSkills, existing, owners);
      const rows = diff.write.map((link) => ({ occupationUri: link.from, skillUri: link.to, relation: link.relation }));
      const written = await inBatches({
        rows,
        size: BATCH_SIZE,
        work: (batch) => repository.upsertOccupationSkills(batch),
        onBatch: progress('occupation–skill relations', rows.length),
      });
      const removed = await inBatches({ rows: diff.remove, size: BATCH_SIZE, work: (batch) => repository.deleteOccupationSkills(batch) });
      occupationSkills = { read: diff.read, written, removed };
    }

    let skillRelations: ImportSummary['skillRelations'] = null;
    if (set.skillRelations) {
      const existing = (await repository.allSkillRelations()).map((row) => ({ from: row.skillUri, to: row.relatedSkillUri, relation: row.relation }));
      const owners = new Set([...set.skills.keys(), ...set.skillRelations.keys()]);
      const diff = diffLinks(set.skillRelations, existing, owners);
      const rows = diff.write.map((link) => ({ skillUri: link.from, relatedSkillUri: link.to, relation: link.relation }));
      const written = await inBatches({
        rows,
        size: BATCH_SIZE,
        work: (batch) => repository.upsertSkillRelations(batch),
        onBatch: progress('skill–skill relations', rows.length),
      });
      const removed = await inBatches({ rows: diff.remove, size: BATCH_SIZE, work: (batch) => repository.deleteSkillRelations(batch) });
      skillRelations = { read: diff.read, written, removed };
    }

    let skillBroader: ImportSummary['skillBroader'] = null;
    if (set.skillBroader) {
      // The export is the whole truth about the broader concepts of every skill it places.
      const existing = await repository.allSkillBroader();
      const current = new Map(existing.map((row) => [`${row.skillUri} ${row.broaderUri}`, row.broaderKind]));
      const rows: Array<{ skillUri: string; broaderUri: string; broaderKind: string }> = [];
      let read = 0;
      for (const [skillUri, links] of set.skillBroader) {
        for (const [broaderUri, broaderKind] of links) {
          read += 1;
          if (current.get(`${skillUri} ${broaderUri}`) !== broaderKind) rows.push({ skillUri, broaderUri, broaderKind });
        }
      }
      const remove = existing
        .filter((row) => set.skillBroader!.has(row.skillUri) && !set.skillBroader!.get(row.skillUri)!.has(row.broaderUri))
        .map((row) => [row.skillUri, row.broaderUri] as const);
      const written = await inBatches({
        rows,
        size: BATCH_SIZE,
        work: (batch) => repository.upsertSkillBroader(batch),
        onBatch: progress('skills hierarchy', rows.length),
      });
      const removed = await inBatches({ rows: remove, size: BATCH_SIZE, work: (batch) => repository.deleteSkillBroader(batch) });
      skillBroader = { read, written, removed };
    }

    // ESCO is now the taxonomy: the demo's own concepts go (vacancies keep the URI they had).
    const demoRemoved = await repository.removeDemo();

    return {
      demoRemoved,
      occupations: { read: occupations.length, written: occupationsWritten },
      skills: { read: skills.length, written: skillsWritten, withDutchLabel: skills.filter((skill) => skill.labelNl).length },
      iscoGroups: { read: iscoGroups.length, written: iscoWritten },
      occupationSkills,
      skillRelations,
      skillBroader,
    };
  });
}
