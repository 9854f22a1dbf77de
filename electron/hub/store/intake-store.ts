// Intake channels in SQLite: integration accounts (journaled, keys kept aside), the links
// from ingested reports back to their source, CAP alert references, dead letters, and the
// reads Open311 and the geocoder need.
import type { Channel } from '../../../shared/domain';
import type { JournalEntry } from '../../../shared/journal/catalog';
import { DutyFailure } from '../../../shared/errors';
import type { IncidentRecord } from '../../../shared/incident/model';
import type { Actor } from '../engine/actor';
import type { AddressColumns } from '../../../shared/town';
import type { Db } from './sqlite';
import type { IntegrationCreated } from './intake-projection';
import type { Journal } from './journal';
import type { Projections } from './projections';

export interface NewIntegration {
  userId: string;
  channel: Channel;
  /** SHA-256 (hex) of the API key; the key itself is shown once and never stored. */
  keyHash: string;
  callbackUrl: string | null;
  callbackSecret: string | null;
}

export interface IntegrationSummary {
  channel: Channel;
  userId: string;
  username: string;
  callbackUrl: string | null;
  createdSeq: number;
}

export interface IngestedRef {
  incidentId: string;
  channel: Channel;
  externalId: string;
}

export interface DeadLetter {
  id: number;
  channel: Channel;
  url: string;
  body: string;
  attempts: number;
  lastError: string;
  createdAt: string;
  replayedAt: string | null;
}

/** One row of the address database, as the geocoder indexes it. */
export type AddressRow = AddressColumns;

export const integrationUsername = (channel: Channel) => `integration-${channel}`;

export class IntakeStore {
  private readonly s;

  constructor(
    private readonly db: Db,
    private readonly journal: Journal,
    private readonly projections: Projections,
    private readonly clock: () => Date,
  ) {
    this.s = {
      integration: db.prepare<[string], { channel: string }>('SELECT channel FROM integrations WHERE channel = ?'),
      integrations: db.prepare<[], IntegrationSummary>(
        'SELECT i.channel, i.user_id AS userId, u.username, i.callback_url AS callbackUrl, i.created_seq AS createdSeq FROM integrations i JOIN users u ON u.id = i.user_id ORDER BY i.created_seq',
      ),
      putSecrets: db.prepare('INSERT INTO integration_secrets (channel, key_hash, callback_secret) VALUES (?, ?, ?)'),
      byKey: db.prepare<[string], { userId: string; channel: Channel }>(
        'SELECT i.user_id AS userId, i.channel FROM integration_secrets s JOIN integrations i ON i.channel = s.channel WHERE s.key_hash = ?',
      ),
      callback: db.prepare<[string], { url: string | null; secret: string | null }>(
        'SELECT i.callback_url AS url, s.callback_secret AS secret FROM integrations i LEFT JOIN integration_secrets s ON s.channel = i.channel WHERE i.channel = ?',
      ),
      keysOf: db.prepare<[string], { key: string }>(
        "SELECT key FROM command_keys WHERE json_extract(result, '$.incidentId') = ? AND substr(key, 1, 7) = 'ingest:'",
      ),
      keyResult: db.prepare<[string], { incidentId: string | null }>("SELECT json_extract(result, '$.incidentId') AS incidentId FROM command_keys WHERE key = ?"),
      capPut: db.prepare('INSERT OR IGNORE INTO cap_alerts (channel, reference, incident_id) VALUES (?, ?, ?)'),
      capOf: db.prepare<[string], { channel: Channel; reference: string }>('SELECT channel, reference FROM cap_alerts WHERE incident_id = ?'),
      cursorGet: db.prepare<[], { seq: number }>('SELECT seq FROM callback_cursor WHERE id = 1'),
      cursorPut: db.prepare('INSERT INTO callback_cursor (id, seq) VALUES (1, ?) ON CONFLICT(id) DO UPDATE SET seq = max(seq, excluded.seq)'),
      deadPut: db.prepare('INSERT INTO deadletters (channel, url, body, attempts, last_error, created_at) VALUES (?, ?, ?, ?, ?, ?)'),
      deadList: db.prepare<[number], DeadLetter>(
        'SELECT id, channel, url, body, attempts, last_error AS lastError, created_at AS createdAt, replayed_at AS replayedAt FROM deadletters ORDER BY id DESC LIMIT ?',
      ),
      deadGet: db.prepare<[number], DeadLetter>(
        'SELECT id, channel, url, body, attempts, last_error AS lastError, created_at AS createdAt, replayed_at AS replayedAt FROM deadletters WHERE id = ?',
      ),
      deadReplayed: db.prepare('UPDATE deadletters SET replayed_at = ?, attempts = attempts + ?, last_error = ? WHERE id = ?'),
      deadFailed: db.prepare('UPDATE deadletters SET attempts = attempts + ?, last_error = ? WHERE id = ?'),
      channelReports: db.prepare<[string, string, string, number], { incident_id: string }>(
        'SELECT incident_id FROM reports WHERE channel = ? AND received_at >= ? AND received_at <= ? ORDER BY received_at DESC LIMIT ?',
      ),
      incidentDoc: db.prepare<[string], { doc: string }>('SELECT doc FROM incidents WHERE id = ?'),
      reportChannels: db.prepare<[string], { channel: Channel }>('SELECT DISTINCT channel FROM reports WHERE incident_id = ?'),
      addresses: db.prepare<[], AddressRow>('SELECT id, text, road, number, building, unit, lon, lat, grid_id AS gridId FROM addresses ORDER BY rowid'),
    };
  }

  /** Creates a channel's account through the journal (`integration.created`, no secrets in it). */
  create(integration: NewIntegration, by: Actor): { summary: IntegrationSummary; entry: JournalEntry } {
    try {
      return this.db.transaction(() => {
        if (this.s.integration.get(integration.channel)) {
          throw new DutyFailure('conflict', `The ${integration.channel} channel has an integration account already.`, 'channel');
        }
        const username = integrationUsername(integration.channel);
        const payload: IntegrationCreated = {
          user: { id: integration.userId, username, name: `对接系统 ${integration.channel}`, role: 'integration' },
          channel: integration.channel,
          callbackUrl: integration.callbackUrl,
        };
        const entry = this.journal.append({ time: this.clock().toISOString(), actor: by.userId, role: by.role, type: 'integration.created', payload });
        this.projections.apply(entry);
        this.s.putSecrets.run(integration.channel, integration.keyHash, integration.callbackSecret);
        return { summary: { channel: integration.channel, userId: integration.userId, username, callbackUrl: integration.callbackUrl, createdSeq: entry.seq }, entry };
      })();
    } finally {
      this.journal.forgetHead();
    }
  }

  list(): IntegrationSummary[] {
    return this.s.integrations.all();
  }

  byKeyHash(keyHash: string): { userId: string; channel: Channel } | null {
    return this.s.byKey.get(keyHash) ?? null;
  }

  callback(channel: Channel): { url: string; secret: string | null } | null {
    const row = this.s.callback.get(channel);
    return row?.url ? { url: row.url, secret: row.secret } : null;
  }

  /** The incident a command key produced (an ingested report's, or a CAP alert's). */
  incidentOfKey(key: string): string | null {
    return this.s.keyResult.get(key)?.incidentId ?? null;
  }

  /** Where each of these incidents came from: channel and the source's own id. */
  refsOf(incidentIds: readonly string[]): IngestedRef[] {
    const refs: IngestedRef[] = [];
    for (const incidentId of incidentIds) {
      for (const { key } of this.s.keysOf.all(incidentId)) {
        // ingest:CHANNEL:EXTERNALID — a CAP key holds a hash; its reference is in cap_alerts.
        const [, channel, ...rest] = key.split(':');
        const externalId = rest.join(':');
        if (!externalId.startsWith('cap-')) refs.push({ incidentId, channel: channel as Channel, externalId });
      }
      for (const cap of this.s.capOf.all(incidentId)) refs.push({ incidentId, channel: cap.channel, externalId: cap.reference });
    }
    return refs;
  }

  recordCapAlert(channel: Channel, reference: string, incidentId: string): void {
    this.s.capPut.run(channel, reference, incidentId);
  }

  /** The last journal seq whose status callbacks were all delivered or kept as dead letters; null before the first start. */
  callbackCursor(): number | null {
    return this.s.cursorGet.get()?.seq ?? null;
  }

  /** Never moves back: a late save from an older tally must not re-send what was delivered. */
  advanceCallbackCursor(seq: number): void {
    this.s.cursorPut.run(seq);
  }

  addDeadLetter(letter: Omit<DeadLetter, 'id' | 'createdAt' | 'replayedAt'>): number {
    return Number(this.s.deadPut.run(letter.channel, letter.url, letter.body, letter.attempts, letter.lastError, this.clock().toISOString()).lastInsertRowid);
  }

  deadLetters(limit: number): DeadLetter[] {
    return this.s.deadList.all(limit);
  }

  deadLetter(id: number): DeadLetter | null {
    return this.s.deadGet.get(id) ?? null;
  }

  /** Notes a replay: delivered (replayed_at set) or failed again (the error kept). */
  noteReplay(id: number, attempts: number, error: string | null): void {
    if (error === null) this.s.deadReplayed.run(this.clock().toISOString(), attempts, '', id);
    else this.s.deadFailed.run(attempts, error, id);
  }

  /** A channel's incidents with a report received in [from, to], newest first. */
  channelIncidents(channel: Channel, from: string, to: string, limit: number): IncidentRecord[] {
    const seen = new Set<string>();
    const out: IncidentRecord[] = [];
    for (const { incident_id } of this.s.channelReports.all(channel, from, to, limit * 2)) {
      if (seen.has(incident_id)) continue;
      seen.add(incident_id);
      const row = this.s.incidentDoc.get(incident_id);
      if (row) out.push(JSON.parse(row.doc) as IncidentRecord);
      if (out.length >= limit) break;
    }
    return out;
  }

  /** Whether a channel has a report of its own in the incident. */
  reportedBy(incidentId: string, channel: Channel): boolean {
    return this.s.reportChannels.all(incidentId).some((r) => r.channel === channel);
  }

  addresses(): AddressRow[] {
    return this.s.addresses.all();
  }
}
