// GET /api/v1/replica/snapshot at a primary: a new replica's first copy, as a SQLite file
// (electron/hub/store/ops/snapshot.ts). Not in the JSON API map: the body is a file, streamed;
// its manifest travels in a header that the replica validates (shared/protocol/replica.ts).
// The file holds every caller's name and phone as reported, so only accounts that may run a
// seat (operator, commander) get it; every other role is refused.
import { randomBytes } from 'node:crypto';
import { createReadStream, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DutyFailure } from '../../../shared/errors';
import { mayRunSeat } from '../../../shared/permissions';
import { API_PREFIX } from '../../../shared/protocol/api';
import { SNAPSHOT_HEADER, SNAPSHOT_MEDIA_TYPE, SNAPSHOT_PATH } from '../../../shared/protocol/replica';
import { bearerToken } from '../api/auth';
import { sendError } from '../api/http';
import type { RoutePlugin } from '../api/server';
import type { Sessions } from '../api/sessions';
import { runMaintenance } from '../store/ops/maintenance';

export const SNAPSHOT_DIR = 'snapshots';

export function snapshotRoute(databaseFile: string, dataDir: string, sessions: Sessions, log: (line: string) => void): RoutePlugin {
  const dir = join(dataDir, SNAPSHOT_DIR);
  // Left by a hub that stopped while sending one: nobody will ask for them again.
  rmSync(dir, { recursive: true, force: true });
  return {
    routes: (scope) => {
      scope.get(`${API_PREFIX}${SNAPSHOT_PATH}`, async (request, reply) => {
        const user = await sessions.userOf(bearerToken(request.headers.authorization));
        if (!mayRunSeat(user.role)) {
          throw new DutyFailure('forbidden', `A ${user.role} account cannot copy the database; a replica syncs as an operator or commander account.`);
        }
        mkdirSync(dir, { recursive: true });
        const file = join(dir, `snapshot-${randomBytes(6).toString('hex')}.sqlite`);
        let manifest;
        try {
          // The maintenance thread takes jobs one at a time, so seats starting together do not
          // each hold a read transaction and a full copy's disk space at once.
          manifest = await runMaintenance({ kind: 'snapshot', file: databaseFile, out: file });
        } catch (error) {
          rmSync(file, { force: true });
          log(`Replica snapshot failed: ${(error as Error).message}`);
          return sendError(reply, { code: 'unavailable', message: 'The snapshot could not be taken; the replica will copy the journal page by page.' });
        }
        // Removed once sent, or once the replica went away halfway.
        reply.raw.once('close', () => rmSync(file, { force: true }));
        log(`Replica snapshot for ${user.username}: journal entry ${manifest.journalSeq}, ${(manifest.bytes / 1e6).toFixed(1)} MB.`);
        return reply
          .code(200)
          .headers({
            'content-type': SNAPSHOT_MEDIA_TYPE,
            'content-length': String(manifest.bytes),
            'cache-control': 'no-store',
            [SNAPSHOT_HEADER]: JSON.stringify(manifest),
          })
          .send(createReadStream(file));
      });
    },
  };
}
