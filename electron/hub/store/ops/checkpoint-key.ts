// The checkpoint key: an Ed25519 key pair in files of its own, DATA_DIR/keys/, never in the
// SQLite file. A database copied away (a backup, a replica's snapshot, a file someone opens
// in a SQLite editor) carries the checkpoints but not the means to sign new ones, so an edit
// made to that file alone cannot be re-signed. The folder sits in the data folder because it
// is the one place the hub is sure to own and the room already protects; it is mode 0700 and
// the private key 0600. Someone who can write the whole data folder can replace the key too:
// record the key id the hub logs (or keep a copy of checkpoint.pub elsewhere and pass it to
// `dutydeck verify --public-key`) to catch that.
import { createPrivateKey, createPublicKey, generateKeyPairSync, hash, sign, verify, type KeyObject } from 'node:crypto';
import { chmodSync, closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { JournalCheckpointedSchema, checkpointMessage, type JournalCheckpointed } from '../../../../shared/journal/checkpoint';

export const KEY_DIR = 'keys';
export const PRIVATE_KEY_FILE = 'checkpoint.key';
export const PUBLIC_KEY_FILE = 'checkpoint.pub';
/** The newest checkpoint signed, outside the database: how a removed tail is noticed. */
export const LAST_CHECKPOINT_FILE = 'last-checkpoint.json';

/** What the store needs to sign checkpoints. */
export interface CheckpointSigner {
  keyId: string;
  /** SPKI DER, base64. */
  publicKey: string;
  sign(message: string): string;
  /** Where the newest signed checkpoint is kept (LAST_CHECKPOINT_FILE), or null to keep none. */
  keyDir: string | null;
}

/** A public key trusted to have signed checkpoints. */
export interface TrustedKey {
  keyId: string;
  publicKey: string;
  key: KeyObject;
}

function spkiBase64(key: KeyObject): string {
  return key.export({ type: 'spki', format: 'der' }).toString('base64');
}

export function keyIdOf(publicKeyBase64: string): string {
  return hash('sha256', Buffer.from(publicKeyBase64, 'base64'), 'hex').slice(0, 16);
}

/** Writes `text` to `file` through a temporary file, synced, so a crash leaves the old or the new. */
function writeDurably(file: string, text: string, mode: number): void {
  const partial = `${file}.partial`;
  const fd = openSync(partial, 'w', mode);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(partial, file);
}

/** The data folder's checkpoint key, made on first use. */
export function loadOrCreateCheckpointKey(keyDir: string): CheckpointSigner {
  const privateFile = join(keyDir, PRIVATE_KEY_FILE);
  const publicFile = join(keyDir, PUBLIC_KEY_FILE);
  mkdirSync(keyDir, { recursive: true, mode: 0o700 });
  let privateKey: KeyObject;
  if (existsSync(privateFile)) {
    privateKey = createPrivateKey(readFileSync(privateFile));
    if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error(`${privateFile} is not an Ed25519 key; move it away and a new key is made.`);
  } else {
    const pair = generateKeyPairSync('ed25519');
    privateKey = pair.privateKey;
    writeDurably(privateFile, privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), 0o600);
  }
  // The mode is set again in case the file was copied in with a looser one.
  chmodSync(privateFile, 0o600);
  const publicKey = createPublicKey(privateKey);
  const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  if (!existsSync(publicFile) || readFileSync(publicFile, 'utf8') !== pem) writeDurably(publicFile, pem, 0o644);
  const base64 = spkiBase64(publicKey);
  return { keyId: keyIdOf(base64), publicKey: base64, sign: (message) => sign(null, Buffer.from(message), privateKey).toString('base64'), keyDir };
}

/** A public key file (PEM, as checkpoint.pub is written). */
export function readPublicKey(file: string): TrustedKey {
  const key = createPublicKey(readFileSync(file));
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`${file} is not an Ed25519 public key.`);
  const publicKey = spkiBase64(key);
  return { keyId: keyIdOf(publicKey), publicKey, key };
}

/** Whether `payload` was signed by `trusted` and is the checkpoint it says. */
export function signatureHolds(payload: JournalCheckpointed, trusted: TrustedKey): boolean {
  const { signature, ...signed } = payload;
  try {
    return verify(null, Buffer.from(checkpointMessage(signed)), trusted.key, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

/** Keeps `payload` as the newest signed checkpoint, unless one at a later seq is kept already. */
export function keepLastCheckpoint(keyDir: string, payload: JournalCheckpointed): void {
  const file = join(keyDir, LAST_CHECKPOINT_FILE);
  const kept = readLastCheckpoint(keyDir);
  // Another process (the CLI beside a running hub) may have kept a newer one meanwhile.
  if (kept.ok && kept.checkpoint && kept.checkpoint.seq >= payload.seq) return;
  writeDurably(file, `${JSON.stringify(payload, null, 2)}\n`, 0o644);
}

/**
 * After a restore, which deliberately goes back in the journal: the checkpoint kept before is
 * moved aside (`last-checkpoint.json.before-restore-TIME`, returned) and the restored
 * journal's newest checkpoint, if it has one, is kept instead.
 */
export function replaceLastCheckpoint(keyDir: string, restored: JournalCheckpointed | null, suffix: string): string | null {
  const file = join(keyDir, LAST_CHECKPOINT_FILE);
  let keptAs: string | null = null;
  if (existsSync(file)) {
    keptAs = `${file}.before-restore-${suffix}`;
    renameSync(file, keptAs);
  }
  if (restored) {
    mkdirSync(keyDir, { recursive: true, mode: 0o700 });
    writeDurably(file, `${JSON.stringify(restored, null, 2)}\n`, 0o644);
  }
  return keptAs;
}

export type LastCheckpoint = { ok: true; checkpoint: JournalCheckpointed | null } | { ok: false; reason: string };

export function readLastCheckpoint(keyDir: string): LastCheckpoint {
  const file = join(keyDir, LAST_CHECKPOINT_FILE);
  if (!existsSync(file)) return { ok: true, checkpoint: null };
  try {
    return { ok: true, checkpoint: JournalCheckpointedSchema.parse(JSON.parse(readFileSync(file, 'utf8'))) };
  } catch (error) {
    return { ok: false, reason: `${file} cannot be read as a checkpoint: ${(error as Error).message.slice(0, 200)}` };
  }
}
