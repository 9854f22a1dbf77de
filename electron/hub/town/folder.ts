// The town folder on disk: written by `dutydeck town`, read by `dutydeck import`.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Datum } from '../../../shared/geo/datum';
import type { Town } from '../../../shared/town';
import { checkTown } from './invariants';
import { parseTownFiles, TownIssues, type TownIssue } from './parse';
import { serializeTown, TOWN_FILES, townContentHash, type TownFile } from './serialize';

/** Writes the town's files (town.json only when the town names a time zone or its administrative names); says which. */
export function writeTownFolder(town: Town, dir: string): { contentHash: string; written: TownFile[] } {
  mkdirSync(dir, { recursive: true });
  const files = serializeTown(town);
  const written: TownFile[] = [];
  for (const name of TOWN_FILES) {
    const text = files[name];
    if (text === undefined) continue;
    writeFileSync(join(dir, name), text);
    written.push(name);
  }
  return { contentHash: townContentHash(town, files), written };
}

export type TownReadResult = { ok: true; town: Town; contentHash: string } | { ok: false; issues: TownIssue[]; total: number };

/** Parses and checks text of a town's files; converts coordinates from `datum` to WGS-84. */
export function readTownFiles(files: Partial<Record<TownFile, string>>, datum: Datum): TownReadResult {
  const issues = new TownIssues();
  const parsed = parseTownFiles(files, datum, issues);
  if (parsed) checkTown(parsed.town, issues, parsed.lines, parsed.unassigned);
  if (!parsed || issues.any) return { ok: false, issues: issues.list, total: issues.total };
  return { ok: true, town: parsed.town, contentHash: townContentHash(parsed.town) };
}

export function readTownFolder(dir: string, datum: Datum): TownReadResult {
  if (!existsSync(dir)) return { ok: false, issues: [{ file: dir, line: 0, field: '', reason: 'there is no such folder' }], total: 1 };
  const files: Partial<Record<TownFile, string>> = {};
  for (const name of TOWN_FILES) {
    const path = join(dir, name);
    if (existsSync(path)) files[name] = readFileSync(path, 'utf8');
  }
  return readTownFiles(files, datum);
}
