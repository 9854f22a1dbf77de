// The incident projection as a pure fold over journal entries. The hub's SQL projection
// and any window that follows the stream use this same function, so they cannot disagree.
import type { Channel } from '../domain';
import type { JournalEntry } from '../journal/catalog';
import type { IncidentEvents } from './events';
import { isIncidentEvent } from './events';
import type { Assignment, IncidentRecord } from './model';

export type IncidentLookup = (id: string) => IncidentRecord | null;

function union(lists: Channel[][]): Channel[] {
  return [...new Set(lists.flat())];
}

/**
 * Field by field, not `{ ...incident, more }`: V8 builds a spread followed by more literal
 * properties through a fresh chain of hidden classes per object (75 µs a record, measured).
 * This literal has one shape (see recordCopy).
 */
function newRecord(payload: IncidentEvents['incident.reported']): IncidentRecord {
  const { incident } = payload;
  return {
    id: incident.id,
    state: incident.state,
    title: incident.title,
    category: incident.category,
    priority: incident.priority,
    location: incident.location,
    address: incident.address,
    channels: incident.channels,
    reportCount: incident.reportCount,
    createdAt: incident.createdAt,
    updatedAt: incident.updatedAt,
    lastSeq: incident.lastSeq,
    lastAction: incident.lastAction,
    gridId: incident.gridId ?? null,
    ownChannels: [...incident.channels],
    ownReportCount: incident.reportCount,
    lead: null,
    coHandlers: [],
    assignments: [],
    feedback: [],
    mergedInto: null,
    mergedFrom: [],
    stateBeforeMerge: null,
    triagedAt: null,
    dispatchedAt: null,
    acceptedAt: null,
    arrivedAt: null,
    resolvedAt: null,
    closedAt: null,
    reopenCount: 0,
    reason: null,
    resolution: null,
    rating: null,
    escalations: [],
    suspectedDuplicate: null,
    alertExpiredAt: null,
  };
}

/** Recomputes what a master shows from its own reports and its current children. */
function withChildren(master: IncidentRecord, mergedFrom: string[], get: IncidentLookup, overrides: Map<string, IncidentRecord>): IncidentRecord {
  const children = mergedFrom.map((id) => overrides.get(id) ?? get(id)).filter((c): c is IncidentRecord => c !== null);
  return Object.assign(recordCopy(master), {
    mergedFrom,
    channels: union([master.ownChannels, ...children.map((c) => c.ownChannels)]),
    reportCount: master.ownReportCount + children.reduce((sum, c) => sum + c.ownReportCount, 0),
  });
}

const mapAssignment = (assignments: Assignment[], unitId: string, change: (a: Assignment) => Assignment) =>
  assignments.map((a) => (a.unitId === unitId && a.status !== 'returned' ? change(a) : a));

/** A small object's copy with `changes` (an assignment: a handful of fields). */
function copyWith<T extends object>(base: T, changes: Partial<T>): T {
  return Object.assign({}, base, changes);
}

/**
 * A record's copy as one literal of every field. Windows keep records frozen (Redux state),
 * and V8 gives each frozen copy of a large object a hidden class of its own unless the copy
 * was made by a literal: copied by spread or Object.assign, 10,000 queue records were 10,000
 * shapes, and every sort, filter and read over them megamorphic. One literal, one shape.
 */
function recordCopy(r: IncidentRecord): IncidentRecord {
  return {
    id: r.id,
    state: r.state,
    title: r.title,
    category: r.category,
    priority: r.priority,
    location: r.location,
    address: r.address,
    channels: r.channels,
    reportCount: r.reportCount,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    lastSeq: r.lastSeq,
    lastAction: r.lastAction,
    gridId: r.gridId,
    ownChannels: r.ownChannels,
    ownReportCount: r.ownReportCount,
    lead: r.lead,
    coHandlers: r.coHandlers,
    assignments: r.assignments,
    feedback: r.feedback,
    mergedInto: r.mergedInto,
    mergedFrom: r.mergedFrom,
    stateBeforeMerge: r.stateBeforeMerge,
    triagedAt: r.triagedAt,
    dispatchedAt: r.dispatchedAt,
    acceptedAt: r.acceptedAt,
    arrivedAt: r.arrivedAt,
    resolvedAt: r.resolvedAt,
    closedAt: r.closedAt,
    reopenCount: r.reopenCount,
    reason: r.reason,
    resolution: r.resolution,
    rating: r.rating,
    escalations: r.escalations,
    // Records stored before suspicions existed lack the field.
    suspectedDuplicate: r.suspectedDuplicate ?? null,
    alertExpiredAt: r.alertExpiredAt ?? null,
  };
}

/** The record as this entry leaves it. One copy: replaying a year of journal runs this ~500k times. */
function stamp(entry: JournalEntry, record: IncidentRecord, changes?: Partial<IncidentRecord>): IncidentRecord {
  // Assigned onto the literal's fields, which all exist: the copy keeps the literal's shape.
  const next = changes ? Object.assign(recordCopy(record), changes) : recordCopy(record);
  next.updatedAt = entry.time;
  next.lastSeq = entry.seq;
  next.lastAction = entry.type;
  return next;
}

function existing(entry: JournalEntry, get: IncidentLookup, id: string): IncidentRecord {
  const found = get(id);
  if (!found) throw new Error(`journal entry ${entry.seq} (${entry.type}) names unknown incident ${id}`);
  return found;
}

/**
 * Applies one entry; returns every incident it changed, in their new form. Entries that are
 * not about incidents, or that change none (a reveal of personal data), return [].
 */
export function reduceIncidents(entry: JournalEntry, get: IncidentLookup): IncidentRecord[] {
  if (!isIncidentEvent(entry.type)) return [];
  const at = entry.time;

  switch (entry.type) {
    case 'incident.reported': {
      const payload = entry.payload;
      return [stamp(entry, newRecord(payload))];
    }
    case 'incident.triaged': {
      const p = entry.payload;
      const record = existing(entry, get, p.incidentId);
      return [stamp(entry, record, { state: 'triaged', category: p.category, priority: p.priority, lead: p.lead, coHandlers: p.coHandlers, triagedAt: record.triagedAt ?? at })];
    }
    case 'incident.merged': {
      const p = entry.payload;
      const child = existing(entry, get, p.incidentId);
      const master = existing(entry, get, p.into);
      // Merged, a suspicion is answered: the child's, and the master's if it was of the child.
      const mergedChild = stamp(entry, child, { state: 'merged', stateBeforeMerge: child.state, mergedInto: master.id, suspectedDuplicate: null });
      const overrides = new Map([[mergedChild.id, mergedChild]]);
      const mergedMaster = stamp(entry, withChildren(master, [...master.mergedFrom, child.id], get, overrides));
      if (mergedMaster.suspectedDuplicate?.of === child.id) mergedMaster.suspectedDuplicate = null;
      return [mergedChild, mergedMaster];
    }
    case 'incident.unmerged': {
      const p = entry.payload;
      const child = existing(entry, get, p.incidentId);
      const master = existing(entry, get, p.from);
      const restored = stamp(entry, child, { state: child.stateBeforeMerge ?? 'reported', stateBeforeMerge: null, mergedInto: null });
      const overrides = new Map([[restored.id, restored]]);
      return [restored, stamp(entry, withChildren(master, master.mergedFrom.filter((id) => id !== child.id), get, overrides))];
    }
    case 'incident.dispatched': {
      const p = entry.payload;
      const record = existing(entry, get, p.incidentId);
      const fresh: Assignment[] = p.units.map((u) => ({ unitId: u.unitId, unitName: u.unitName, status: 'dispatched', dispatchedAt: at, acceptedAt: null, arrivedAt: null }));
      const working = record.state === 'accepted' || record.state === 'onScene';
      return [stamp(entry, record, { state: working ? record.state : 'dispatched', assignments: [...record.assignments, ...fresh], dispatchedAt: record.dispatchedAt ?? at, reason: null })];
    }
    case 'incident.returned': {
      const p = entry.payload;
      const record = existing(entry, get, p.incidentId);
      const assignments = record.assignments.map((a) => (a.status !== 'returned' && (p.unitId === null || a.unitId === p.unitId) ? copyWith(a, { status: 'returned' as const }) : a));
      const anyActive = assignments.some((a) => a.status !== 'returned');
      return [stamp(entry, record, { assignments, state: anyActive ? record.state : 'returned', reason: p.reason })];
    }
    case 'unit.accepted': {
      const p = entry.payload;
      const record = existing(entry, get, p.incidentId);
      const assignments = mapAssignment(record.assignments, p.unitId, (a) => copyWith(a, { status: a.status === 'onScene' ? 'onScene' : 'accepted', acceptedAt: a.acceptedAt ?? at }));
      return [stamp(entry, record, { assignments, state: record.state === 'dispatched' ? 'accepted' : record.state, acceptedAt: record.acceptedAt ?? at })];
    }
    case 'unit.arrived': {
      const p = entry.payload;
      const record = existing(entry, get, p.incidentId);
      const assignments = mapAssignment(record.assignments, p.unitId, (a) => copyWith(a, { status: 'onScene', acceptedAt: a.acceptedAt ?? at, arrivedAt: a.arrivedAt ?? at }));
      return [stamp(entry, record, { assignments, state: 'onScene', acceptedAt: record.acceptedAt ?? at, arrivedAt: record.arrivedAt ?? at })];
    }
    case 'incident.feedbackGiven': {
      const p = entry.payload;
      const record = existing(entry, get, p.incidentId);
      return [stamp(entry, record, { feedback: [...record.feedback, { at, by: entry.actor, text: p.text, photos: p.photos, settledOnSpot: p.settledOnSpot }] })];
    }
    case 'incident.resolved': {
      const p = entry.payload;
      const record = existing(entry, get, p.incidentId);
      return [stamp(entry, record, { state: 'resolved', resolvedAt: at, resolution: p.summary })];
    }
    case 'incident.closed': {
      const p = entry.payload;
      const record = existing(entry, get, p.incidentId);
      return [stamp(entry, record, { state: 'closed', closedAt: at, rating: p.rating })];
    }
    case 'incident.reopened': {
      const p = entry.payload;
      const record = existing(entry, get, p.incidentId);
      return [stamp(entry, record, { state: 'reopened', reason: p.reason, reopenCount: record.reopenCount + 1, resolvedAt: null, closedAt: null, rating: null })];
    }
    case 'incident.cancelled': {
      const p = entry.payload;
      const record = existing(entry, get, p.incidentId);
      return [stamp(entry, record, { state: 'cancelled', reason: p.reason })];
    }
    case 'incident.circleCalled': {
      const p = entry.payload;
      return [stamp(entry, existing(entry, get, p.incidentId))];
    }
    case 'sla.escalated': {
      const p = entry.payload;
      const record = existing(entry, get, p.incidentId);
      return [stamp(entry, record, { escalations: [...record.escalations, { clock: p.clock, level: p.level, at }] })];
    }
    case 'incident.duplicateSuspected': {
      const p = entry.payload;
      const record = existing(entry, get, p.incidentId);
      const suspected = { of: p.of, score: p.score.total, distanceMeters: p.score.distanceMeters, minutesApart: p.score.minutesApart, reasons: p.reasons, at };
      return [stamp(entry, record, { suspectedDuplicate: suspected })];
    }
    case 'incident.duplicateDismissed': {
      const p = entry.payload;
      return [stamp(entry, existing(entry, get, p.incidentId), { suspectedDuplicate: null })];
    }
    case 'incident.alertExpired': {
      const p = entry.payload;
      return [stamp(entry, existing(entry, get, p.incidentId), { alertExpiredAt: p.expires })];
    }
    case 'personalData.revealed':
      return [];
  }
  return [];
}
