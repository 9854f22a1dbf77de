// `dutydeck verify`: the journal's hash chain, its signed checkpoints and its tail, and the
// projection tables rebuilt from it (electron/hub/store/ops/tamper-check.ts). Exits 1 on any finding.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DATABASE_FILE } from '../hub/hub';
import { KEY_DIR, LAST_CHECKPOINT_FILE, PUBLIC_KEY_FILE, readLastCheckpoint, readPublicKey, type TrustedKey } from '../hub/store/ops/checkpoint-key';
import { PROJECTION_TABLES } from '../hub/store/ops/projection-check';
import { Store } from '../hub/store/store';
import { checkTampering } from '../hub/store/ops/tamper-check';

export const VERIFY_USAGE = `  npm run dutydeck -- verify --data DIR [--public-key FILE ...]   (default key: DIR/${KEY_DIR}/${PUBLIC_KEY_FILE})`;

export function verifyCommand(args: string[], usage: (message: string) => Error): number {
  const { values } = parseArgs({ args, options: { data: { type: 'string' }, 'public-key': { type: 'string', multiple: true } } });
  if (!values.data) throw usage('--data DIR is required.');
  const file = join(values.data, DATABASE_FILE);
  if (!existsSync(file)) throw new Error(`No DutyDeck database at ${file}.`);
  const keyDir = join(values.data, KEY_DIR);
  const keyFiles = values['public-key'] ?? [join(keyDir, PUBLIC_KEY_FILE)].filter((f) => existsSync(f));
  const trustedKeys: TrustedKey[] = keyFiles.map((f) => readPublicKey(f));
  const store = new Store(file);
  try {
    const report = checkTampering(store.db, {
      trustedKeys,
      keySource: values['public-key'] ? values['public-key'].join(', ') : join(keyDir, PUBLIC_KEY_FILE),
      lastCheckpoint: readLastCheckpoint(keyDir),
      lastCheckpointFile: join(keyDir, LAST_CHECKPOINT_FILE),
    });
    if (report.chainIntact) console.log(`OK: ${report.entries} journal entries, hash chain intact.`);
    const keys = trustedKeys.map((k) => k.keyId).join(', ');
    if (report.signedCheckpoints) console.log(`OK: ${report.signedCheckpoints} signed checkpoints verify with key ${keys}; they cover entries 1–${report.coveredThrough}.`);
    if (!report.projectionDifference) console.log(`OK: the ${PROJECTION_TABLES.length} projection tables match a rebuild from the journal.`);
    for (const note of report.notes) console.log(`NOTE: ${note}`);
    for (const finding of report.findings) console.log(finding);
    if (report.findings.length) {
      console.log(`FAILED: ${report.findings.length} finding${report.findings.length === 1 ? '' : 's'}. Keep this data folder as it is and compare it with a backup.`);
      return 1;
    }
    return 0;
  } finally {
    store.close();
  }
}
