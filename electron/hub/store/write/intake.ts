// Intake channels as they change: integration accounts (journaled, keys kept aside), CAP
// alert references, the status-callback cursor and dead letters.
import type { Channel } from '../../../../shared/domain';
import type { JournalEntry } from '../../../../shared/journal/catalog';
import { DutyFailure } from '../../../../shared/errors';
import type { Actor } from '../../engine/actor';
import type { DeadLetter, IntegrationSummary } from '../read/intake';
import type { IntegrationCreated } from './intake-projection';
import type { Writer } from './writer';

export interface NewIntegration {
  userId: string;
  channel: Channel;
  /** SHA-256 (hex) of the API key; the key itself is shown once and never stored. */
  keyHash: string;
  callbackUrl: string | null;
  callbackSecret: string | null;
}

const integrationUsername = (channel: Channel) => `integration-${channel}`;

export function intakeWrites(writer: Writer) {
  const { db, clock } = writer;
  const s = {
    integration: db.prepare<[string], { channel: string }>('SELECT channel FROM integrations WHERE channel = ?'),
    putSecrets: db.prepare('INSERT INTO integration_secrets (channel, key_hash, callback_secret) VALUES (?, ?, ?)'),
    capPut: db.prepare('INSERT OR IGNORE INTO cap_alerts (channel, reference, incident_id) VALUES (?, ?, ?)'),
    cursorPut: db.prepare('INSERT INTO callback_cursor (id, seq) VALUES (1, ?) ON CONFLICT(id) DO UPDATE SET seq = max(seq, excluded.seq)'),
    deadPut: db.prepare('INSERT INTO deadletters (channel, url, body, attempts, last_error, created_at) VALUES (?, ?, ?, ?, ?, ?)'),
    deadReplayed: db.prepare('UPDATE deadletters SET replayed_at = ?, attempts = attempts + ?, last_error = ? WHERE id = ?'),
    deadFailed: db.prepare('UPDATE deadletters SET attempts = attempts + ?, last_error = ? WHERE id = ?'),
  };
  return {
    /** Creates a channel's integration account, journaling `integration.created` (no secrets in it). */
    createIntegration(integration: NewIntegration, by: Actor): { summary: IntegrationSummary; entry: JournalEntry } {
      return writer.transaction(() => {
        if (s.integration.get(integration.channel)) {
          throw new DutyFailure('conflict', `The ${integration.channel} channel has an integration account already.`, 'channel');
        }
        const username = integrationUsername(integration.channel);
        const payload: IntegrationCreated = {
          user: { id: integration.userId, username, name: `对接系统 ${integration.channel}`, role: 'integration' },
          channel: integration.channel,
          callbackUrl: integration.callbackUrl,
        };
        const entry = writer.append({ time: clock().toISOString(), actor: by.userId, role: by.role, type: 'integration.created', payload });
        s.putSecrets.run(integration.channel, integration.keyHash, integration.callbackSecret);
        return { summary: { channel: integration.channel, userId: integration.userId, username, callbackUrl: integration.callbackUrl, createdSeq: entry.seq }, entry };
      });
    },

    recordCapAlert(channel: Channel, reference: string, incidentId: string): void {
      s.capPut.run(channel, reference, incidentId);
    },

    /** Never moves back: a late save from an older tally must not re-send what was delivered. */
    advanceCallbackCursor(seq: number): void {
      s.cursorPut.run(seq);
    },

    addDeadLetter(letter: Omit<DeadLetter, 'id' | 'createdAt' | 'replayedAt'>): number {
      return Number(s.deadPut.run(letter.channel, letter.url, letter.body, letter.attempts, letter.lastError, clock().toISOString()).lastInsertRowid);
    },

    /** Notes a replay: delivered (replayed_at set) or failed again (the error kept). */
    noteReplay(id: number, attempts: number, error: string | null): void {
      if (error === null) s.deadReplayed.run(clock().toISOString(), attempts, '', id);
      else s.deadFailed.run(attempts, error, id);
    },
  };
}
