// Read model: intake channels: integration accounts and their keys, the links from channel
// reports back to their source, the status-callback cursor and dead letters, and the reads
// Open311 and the geocoder need.
import type { Channel } from '../../../../shared/domain';
import type { IncidentRecord } from '../../../../shared/incident/model';
import type { EntryPayload } from '../../../../shared/journal/catalog';
import type { AlertSetAsideNotice } from '../../../../shared/protocol/intake';
import type { AddressColumns } from '../../../../shared/town';
import type { Db } from '../sqlite';
import { SELECT_ADDRESS_COLUMNS } from './town';

export type IntakeReadModel = ReturnType<typeof intakeReadModel>;

export interface IntegrationSummary {
  channel: Channel;
  userId: string;
  username: string;
  callbackUrl: string | null;
  createdSeq: number;
}

export interface ChannelReportRef {
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

export function intakeReadModel(db: Db) {
  const s = {
    integrations: db.prepare<[], IntegrationSummary>(
      'SELECT i.channel, i.user_id AS userId, u.username, i.callback_url AS callbackUrl, i.created_seq AS createdSeq FROM integrations i JOIN users u ON u.id = i.user_id ORDER BY i.created_seq',
    ),
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
    capOf: db.prepare<[string], { channel: Channel; reference: string }>('SELECT channel, reference FROM cap_alerts WHERE incident_id = ?'),
    cursorGet: db.prepare<[], { seq: number }>('SELECT seq FROM callback_cursor WHERE id = 1'),
    deadList: db.prepare<[number], DeadLetter>(
      'SELECT id, channel, url, body, attempts, last_error AS lastError, created_at AS createdAt, replayed_at AS replayedAt FROM deadletters ORDER BY id DESC LIMIT ?',
    ),
    setAside: db.prepare<[number], { seq: number; time: string; payload: string }>(`SELECT seq, time, payload FROM journal WHERE type = 'alert.setAside' ORDER BY seq DESC LIMIT ?`),
    deadGet: db.prepare<[number], DeadLetter>(
      'SELECT id, channel, url, body, attempts, last_error AS lastError, created_at AS createdAt, replayed_at AS replayedAt FROM deadletters WHERE id = ?',
    ),
    channelReports: db.prepare<[string, string, string, number], { incident_id: string }>(
      'SELECT incident_id FROM reports WHERE channel = ? AND received_at >= ? AND received_at <= ? ORDER BY received_at DESC LIMIT ?',
    ),
    incidentDoc: db.prepare<[string], { doc: string }>('SELECT doc FROM incidents WHERE id = ?'),
    reportChannels: db.prepare<[string], { channel: Channel }>('SELECT DISTINCT channel FROM reports WHERE incident_id = ?'),
    addresses: db.prepare<[], AddressRow>(SELECT_ADDRESS_COLUMNS),
  };
  return {
    integrations(): IntegrationSummary[] {
      return s.integrations.all();
    },

    integrationByKeyHash(keyHash: string): { userId: string; channel: Channel } | null {
      return s.byKey.get(keyHash) ?? null;
    },

    integrationCallback(channel: Channel): { url: string; secret: string | null } | null {
      const row = s.callback.get(channel);
      return row?.url ? { url: row.url, secret: row.secret } : null;
    },

    /** The incident a command key produced (an channel report's, or a CAP alert's). */
    incidentOfKey(key: string): string | null {
      return s.keyResult.get(key)?.incidentId ?? null;
    },

    /** Where each of these incidents came from: channel and the source's own id. */
    channelReportRefs(incidentIds: readonly string[]): ChannelReportRef[] {
      const refs: ChannelReportRef[] = [];
      for (const incidentId of incidentIds) {
        for (const { key } of s.keysOf.all(incidentId)) {
          // ingest:CHANNEL:EXTERNALID — a CAP key holds a hash; its reference is in cap_alerts.
          const [, channel, ...rest] = key.split(':');
          const externalId = rest.join(':');
          if (!externalId.startsWith('cap-')) refs.push({ incidentId, channel: channel as Channel, externalId });
        }
        for (const cap of s.capOf.all(incidentId)) refs.push({ incidentId, channel: cap.channel, externalId: cap.reference });
      }
      return refs;
    },

    /** The last journal seq whose status callbacks were all delivered or kept as dead letters; null before the first start. */
    callbackCursor(): number | null {
      return s.cursorGet.get()?.seq ?? null;
    },

    /** Newest first. */
    deadLetters(limit: number): DeadLetter[] {
      return s.deadList.all(limit);
    },

    /** CAP alerts set aside as not the town's, newest first (the journal's entries, by their partial index). */
    alertsSetAside(limit: number): AlertSetAsideNotice[] {
      return s.setAside.all(limit).map((row) => ({ seq: row.seq, time: row.time, ...(JSON.parse(row.payload) as EntryPayload<'alert.setAside'>) }));
    },

    deadLetter(id: number): DeadLetter | null {
      return s.deadGet.get(id) ?? null;
    },

    /** A channel's incidents with a report received in [from, to], newest first. */
    channelIncidents(channel: Channel, from: string, to: string, limit: number): IncidentRecord[] {
      const seen = new Set<string>();
      const out: IncidentRecord[] = [];
      for (const { incident_id } of s.channelReports.all(channel, from, to, limit * 2)) {
        if (seen.has(incident_id)) continue;
        seen.add(incident_id);
        const row = s.incidentDoc.get(incident_id);
        if (row) out.push(JSON.parse(row.doc) as IncidentRecord);
        if (out.length >= limit) break;
      }
      return out;
    },

    /** Whether a channel has a report of its own in the incident. */
    reportedBy(incidentId: string, channel: Channel): boolean {
      return s.reportChannels.all(incidentId).some((r) => r.channel === channel);
    },

    /** Every standard address with its parts, for the geocoder's index. */
    addressRows(): AddressRow[] {
      return s.addresses.all();
    },
  };
}
