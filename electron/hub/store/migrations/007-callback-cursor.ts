import type { Migration } from '../sqlite';

/**
 * Migration 7: how far status callbacks have been handled. Notices are derived from the
 * journal, so after a crash the entries past this seq are turned into notices again (a
 * notice may then arrive twice; its x-dutydeck-delivery id is stable, for the source to
 * drop the repeat). The primary's alone: a replica sends no callbacks.
 */
export const callbackCursorSchema: Migration = (db) => {
  db.exec(`
    CREATE TABLE callback_cursor (
      id  INTEGER PRIMARY KEY CHECK (id = 1),
      seq INTEGER NOT NULL
    ) STRICT;
  `);
};
