// GET /api/v1/replica/snapshot at a primary: a new replica's first copy, as a SQLite file
// (electron/hub/store/snapshot.ts). Not in the JSON API map: the body is a file, streamed;
// its manifest travels in a header that the replica validates (shared/protocol/replica.ts).
import { randomBytes } from 'node:crypto';
import { createReadStream, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { DutyFailure } from '../../../shared/errors';
import { API_PREFIX } from '../../../shared/protocol/api';
import { SNAPSHOT_HEADER, SNAPSHOT_MEDIA_TYPE, SNAPSHOT_PATH } from '../../../shared/protocol/replica';
import { bearerToken } from '../api/auth';
import { sendError } from '../api/http';
import type { RawRouter } from '../api/server';
import type { Sessions } from '../api/sessions';
import { runMaintenance } from '../store/maintenance';

export const SNAPSHOT_DIR = 'snapshots';

export function createSnapshotRouter(databaseFile: string, dataDir: string, sessions: Sessions, log: (line: string) => void): RawRouter {
  const dir = join(dataDir, SNAPSHOT_DIR);
  // Left by a hub that stopped while sending one: nobody will ask for them again.
  rmSync(dir, { recursive: true, force: true });
  const path = `${API_PREFIX}${SNAPSHOT_PATH}`;
  return {
    handles: (pathname) => pathname === path,
    handle: async (request, response) => {
      let out: string | null = null;
      try {
        if (request.method !== 'GET') throw new DutyFailure('methodNotAllowed', `${request.method} is not allowed on ${path}.`);
        const user = await sessions.userOf(bearerToken(request.headers.authorization));
        // As for the town copy: the snapshot carries contact phones, which the wall may not take.
        if (user.role === 'wall') throw new DutyFailure('forbidden', 'A wall account cannot copy the database; a replica syncs as an operator (or any other non-wall) account.');
        mkdirSync(dir, { recursive: true });
        const file = join(dir, `snapshot-${randomBytes(6).toString('hex')}.sqlite`);
        out = file;
        // The maintenance thread takes jobs one at a time, so seats starting together do not
        // each hold a read transaction and a full copy's disk space at once.
        const manifest = await runMaintenance({ kind: 'snapshot', file: databaseFile, out: file });
        response.writeHead(200, {
          'content-type': SNAPSHOT_MEDIA_TYPE,
          'content-length': String(manifest.bytes),
          'cache-control': 'no-store',
          [SNAPSHOT_HEADER]: JSON.stringify(manifest),
        });
        await pipeline(createReadStream(file), response);
        log(`Replica snapshot for ${user.username}: journal entry ${manifest.journalSeq}, ${(manifest.bytes / 1e6).toFixed(1)} MB.`);
      } catch (error) {
        if (response.headersSent) {
          response.destroy();
          return;
        }
        if (error instanceof DutyFailure) sendError(response, error.error, error.error.code === 'unauthenticated' ? { 'www-authenticate': 'Bearer' } : {});
        else {
          log(`Replica snapshot failed: ${(error as Error).message}`);
          sendError(response, { code: 'unavailable', message: 'The snapshot could not be taken; the replica will copy the journal page by page.' });
        }
      } finally {
        if (out) rmSync(out, { force: true });
      }
    },
  };
}
