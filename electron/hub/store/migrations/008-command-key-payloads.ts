// Migration 8: what each idempotency key was used for, so a key sent again with another
// payload is a conflict rather than the first command's answer. Keys stored before have none
// and keep answering as they did.
import type { Migration } from '../sqlite';

export const commandKeyPayloadsSchema: Migration = (db) => db.exec('ALTER TABLE command_keys ADD COLUMN payload_hash TEXT');
