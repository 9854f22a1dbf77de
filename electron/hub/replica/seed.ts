// Seeding a replica's cache from its primary's snapshot, before the replica's store opens.
// A replica that starts from nothing (a new seat, or a cache put aside as corrupt), or one
// that is far behind, takes the primary's database as a file instead of replaying every
// entry through its own projections; it then follows the journal as always, from the
// snapshot's last seq. The file must match its manifest (size, SHA-256, the journal's last
// seq and hash) and its whole hash chain must verify, or nothing is replaced and pages are
// used instead.
import { renameSync, rmSync } from 'node:fs';
import { DutyFailure } from '../../../shared/errors';
import { runMaintenance } from '../store/ops/maintenance';
import { SCHEMA_VERSION } from '../store/migrations';
import { PrimaryUnreachable, type PrimaryClient } from './primary-client';
import type { SyncCredentials } from './sync';

/** Fewer missing entries than this are quicker to pull as pages than as a whole copy. */
export const SNAPSHOT_GAP = 20_000;

export type CacheState = { state: 'fresh' | 'rebuilt' } | { state: 'sound'; journalSeq: number };

/**
 * A cache with nothing in it is seeded whenever the primary has something (the snapshot also
 * brings the town, which pages would fetch whole besides); a sound one only when it is far
 * behind, since seeding replaces it and the windows signed in here sign in again.
 */
export function wantsSnapshot(cache: CacheState, primarySeq: number | null): boolean {
  if (cache.state !== 'sound') return true;
  return primarySeq !== null && primarySeq - cache.journalSeq > SNAPSHOT_GAP;
}

export type SeedOutcome = { seeded: true; journalSeq: number; bytes: number; ms: number } | { seeded: false; reason: string };

export async function seedFromSnapshot(file: string, primary: PrimaryClient, credentials: SyncCredentials, log: (line: string) => void): Promise<SeedOutcome> {
  const partial = `${file}.snapshot`;
  const started = performance.now();
  try {
    const { token } = await primary.login(credentials.username, credentials.password);
    const { manifest, received } = await primary.snapshot(token, partial);
    if (received.bytes !== manifest.bytes || received.sha256 !== manifest.sha256) {
      throw new DutyFailure('conflict', `the snapshot arrived altered or cut short (${received.bytes} of ${manifest.bytes} bytes, digest ${received.sha256 === manifest.sha256 ? 'matches' : 'differs'})`);
    }
    if (manifest.schemaVersion > SCHEMA_VERSION) {
      throw new DutyFailure('conflict', `the primary's database has schema version ${manifest.schemaVersion}, newer than this DutyDeck knows (${SCHEMA_VERSION}); upgrade this seat`);
    }
    // The digest proved the bytes; what is left to prove is the journal: every entry's hash
    // and its link to the one before, as pages would have been checked one by one. SQLite's
    // page check runs at every later start, as for any cache.
    const check = await runMaintenance({ kind: 'check', file: partial, pages: false });
    if (!check.ok) throw new DutyFailure('conflict', `the snapshot does not verify (${check.reason})`);
    if (check.journalSeq !== manifest.journalSeq || check.headHash !== manifest.headHash) {
      throw new DutyFailure('conflict', `the snapshot holds journal entry ${check.journalSeq}, its manifest names ${manifest.journalSeq}`);
    }
    // The replaced cache's WAL belongs to it: replayed onto the snapshot it would corrupt it.
    for (const suffix of ['-wal', '-shm', '']) rmSync(file + suffix, { force: true });
    renameSync(partial, file);
    const ms = performance.now() - started;
    log(`Replica: seeded from the primary's snapshot (journal entry ${manifest.journalSeq}, ${(manifest.bytes / 1e6).toFixed(1)} MB, ${(ms / 1000).toFixed(1)} s).`);
    return { seeded: true, journalSeq: manifest.journalSeq, bytes: manifest.bytes, ms };
  } catch (error) {
    rmSync(partial, { force: true });
    const reason = error instanceof PrimaryUnreachable ? `primary out of reach — ${error.message}` : (error as Error).message;
    log(`Replica: no snapshot (${reason}); the journal will be copied page by page.`);
    return { seeded: false, reason };
  }
}
