// Migration 3: intake channels. Integration accounts (a projection of `integration.created`),
// their keys and callback secrets (kept out of the journal, like passwords), the CAP alerts
// behind incidents, callbacks that could not be delivered, and what Open311 queries need.
import type { Migration } from '../sqlite';

export const intakeSchema: Migration = (db) => {
  db.exec(`
    CREATE TABLE integrations (
      channel      TEXT PRIMARY KEY,
      user_id      TEXT NOT NULL REFERENCES users(id),
      callback_url TEXT,
      created_seq  INTEGER NOT NULL
    ) STRICT, WITHOUT ROWID;

    -- Not journaled: a key hash or an HMAC secret in the replicated journal would travel to every replica.
    CREATE TABLE integration_secrets (
      channel         TEXT PRIMARY KEY REFERENCES integrations(channel),
      key_hash        TEXT NOT NULL UNIQUE,
      callback_secret TEXT
    ) STRICT, WITHOUT ROWID;

    -- Which incident each ingested report landed in, for status callbacks: the report's
    -- idempotency key names its channel and external id (ingest:CHANNEL:EXTERNALID).
    CREATE INDEX command_keys_ingested ON command_keys(json_extract(result, '$.incidentId')) WHERE substr(key, 1, 7) = 'ingest:';

    -- A CAP alert's own reference (sender,identifier,sent): its key holds only a hash of it.
    CREATE TABLE cap_alerts (
      channel     TEXT NOT NULL,
      reference   TEXT NOT NULL,
      incident_id TEXT NOT NULL,
      PRIMARY KEY (channel, reference)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX cap_alerts_by_incident ON cap_alerts(incident_id);

    CREATE TABLE deadletters (
      id          INTEGER PRIMARY KEY,
      channel     TEXT NOT NULL,
      url         TEXT NOT NULL,
      body        TEXT NOT NULL,
      attempts    INTEGER NOT NULL,
      last_error  TEXT NOT NULL,
      created_at  TEXT NOT NULL,
      replayed_at TEXT
    ) STRICT;

    -- Open311's GET requests.json: a channel's reports in a time window.
    CREATE INDEX reports_by_channel ON reports(channel, received_at);
  `);
};
