// `dutydeck town`, `dutydeck import`, `dutydeck export`: the town folder both ways. An export
// is journaled (`town.exported`) with the SHA-256 of each file written.
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DATUMS, type Datum } from '../../shared/geo/datum';
import { DATABASE_FILE } from '../hub/hub';
import { Store } from '../hub/store/store';
import { readTownFolder, writeTownFolder } from '../hub/town/folder';
import { generateTown } from '../hub/town/generate';
import { formatIssue } from '../hub/town/parse';
import { TOWN_EXPORTED } from '../../shared/journal/file-records';
import { checkAccount, fileDigest, recordFilesWritten } from './file-records';

export const TOWN_USAGE = `  npm run dutydeck -- town --seed N --out FOLDER
  npm run dutydeck -- import --data DIR --from FOLDER [--datum ${DATUMS.join('|')}]
  npm run dutydeck -- export --data DIR --out FOLDER [--as USERNAME]`;

type Usage = (message: string) => Error;

/** Writes the demo town of a seed as a town folder. */
export function townCommand(args: string[], usage: Usage): number {
  const { values } = parseArgs({ args, options: { seed: { type: 'string' }, out: { type: 'string' } } });
  const seed = Number(values.seed ?? '1');
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw usage('--seed must be a whole number from 0 to 4294967295.');
  if (!values.out) throw usage('--out FOLDER is required.');
  const started = performance.now();
  const town = generateTown(seed);
  const { contentHash } = writeTownFolder(town, values.out);
  console.log(
    `Wrote the demo town of seed ${seed} to ${resolve(values.out)} in ${((performance.now() - started) / 1000).toFixed(1)} s: ` +
      `${town.regions.length} regions, ${town.addresses.length} addresses, ${town.places.length} places, ${town.officers.length} people, ` +
      `${town.teams.length} teams and stations, ${town.cameras.length} cameras. Content hash ${contentHash}.`,
  );
  return 0;
}

/** Imports a town folder into a data folder's store: all or nothing. */
export function importCommand(args: string[], usage: Usage): number {
  const { values } = parseArgs({ args, options: { data: { type: 'string' }, from: { type: 'string' }, datum: { type: 'string' } } });
  if (!values.data) throw usage('--data DIR is required.');
  if (!values.from) throw usage('--from FOLDER is required.');
  const datum = (values.datum ?? 'wgs84') as Datum;
  if (!DATUMS.includes(datum)) throw usage(`--datum must be one of ${DATUMS.join(', ')}.`);
  const read = readTownFolder(values.from, datum);
  if (!read.ok) {
    for (const issue of read.issues) console.error(formatIssue(issue));
    const more = read.total - read.issues.length;
    console.error(`${read.total} problem${read.total === 1 ? '' : 's'}${more > 0 ? ` (the first ${read.issues.length} shown)` : ''}: nothing was imported. Fix the files and import again.`);
    return 1;
  }
  mkdirSync(values.data, { recursive: true });
  const store = new Store(join(values.data, DATABASE_FILE));
  try {
    const outcome = store.write.importTown(read.town, resolve(values.from), datum, { userId: 'cli', role: 'system' });
    const c = outcome.counts;
    if (!outcome.changed) console.log(`This town (content hash ${outcome.contentHash}) is already the imported town: nothing changed.`);
    else {
      console.log(
        `Imported ${c.regions} regions, ${c.addresses} addresses, ${c.places} places, ${c.officers} people, ${c.teams} teams and stations, ${c.cameras} cameras ` +
          `(journal entry ${outcome.entry?.seq}, content hash ${outcome.contentHash}). A running hub picks the new town up when it restarts.`,
      );
    }
    return 0;
  } finally {
    store.close();
  }
}

/** Writes the imported town back out as a town folder (WGS-84). */
export function exportCommand(args: string[], usage: Usage): number {
  const { values } = parseArgs({ args, options: { data: { type: 'string' }, out: { type: 'string' }, as: { type: 'string' } } });
  if (!values.data) throw usage('--data DIR is required.');
  if (!values.out) throw usage('--out FOLDER is required.');
  const file = join(values.data, DATABASE_FILE);
  if (!existsSync(file)) throw new Error(`No DutyDeck database at ${file}.`);
  const store = new Store(file);
  try {
    checkAccount(store, values.as);
    const town = store.town.export();
    if (!town) throw new Error('No town has been imported into this data folder yet.');
    const { contentHash, written } = writeTownFolder(town, values.out);
    const files = written.map((name) => fileDigest(join(values.out!, name)));
    const entry = recordFilesWritten(store, TOWN_EXPORTED, { command: 'export', target: values.out, files, journalSeq: null }, values.as);
    console.log(`Wrote the town to ${resolve(values.out)} (content hash ${contentHash}); journal entry ${entry.seq} records the ${files.length} files and their SHA-256.`);
    return 0;
  } finally {
    store.close();
  }
}
