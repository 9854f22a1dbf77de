// POST /api/v1/ingest/cap: a CAP 1.2 alert. Alert reports an incident; Update adds its
// report to the incident of the alert it references (a merge through the engine); Cancel
// cancels that incident through the engine with the alert's note as the reason.
import { createHash } from 'node:crypto';
import type { Channel, LonLat, Priority } from '../../../../shared/domain';
import { DutyFailure } from '../../../../shared/errors';
import type { AlertArea } from '../../../../shared/geo/area-distance';
import { ringCentroid } from '../../../../shared/geo/polygon';
import type { CapFacts } from '../../../../shared/intake/facts';
import type { CommandInput } from '../../../../shared/protocol/commands';
import { capCategory, capPriority } from '../../../../shared/intake/cap';
import type { IntakeDraft } from '../compose';
import { intakeKey, type Intake, type Submitted } from '../intake';
import type { IntegrationAccount } from '../keys';
import { capReference, parseCap, type CapAlert, type CapArea, type CapInfo } from './parse';

export const CAP_MEDIA_TYPES = ['application/cap+xml', 'application/xml', 'text/xml'] as const;

export interface CapAnswer {
  /** The incident the alert now belongs to. */
  incidentId: string | null;
  status: 'created' | 'duplicate' | 'updated' | 'cancelled' | 'ignored' | 'setAside';
  msgType: CapAlert['msgType'];
  /** The priority the alert's urgency, severity and certainty suggest (triage sets the real one). */
  priority?: Priority;
  /** For an Update: the incident its own report was filed under before it joined the referenced one. */
  reportIncidentId?: string;
  reason?: string;
}

/** A CAP reference has commas, @ and colons: the key holds its hash, cap_alerts the reference. */
export const capKey = (channel: Channel, reference: string) => intakeKey(channel, `cap-${createHash('sha256').update(reference).digest('hex').slice(0, 40)}`);

/** Chinese first when the alert carries it, else its first info block. */
const chosenInfo = (alert: CapAlert): CapInfo | undefined => alert.infos.find((i) => i.language.toLowerCase().startsWith('zh')) ?? alert.infos[0];

/** An area's rings and circles as [lon, lat] (CAP writes "lat,lon"). */
function shapeOf(area: CapArea): AlertArea {
  return {
    polygons: area.polygons.map((ring) => ring.map(([lat, lon]) => [lon, lat] as [number, number])),
    circles: area.circles.map((c) => ({ center: [c.lon, c.lat] as [number, number], radiusKm: c.radiusKm })),
  };
}

interface Placed {
  /** Where the incident is put; undefined when no area could be placed. */
  location: LonLat | undefined;
  /** The nearest area's gap from the town's boundary, km; null when no area could be measured. */
  gapKm: number | null;
  /** Some area is the town's: within the margin, naming the whole town, or an address in it. */
  inTown: boolean;
}

/**
 * Where the alert's areas lie. A polygon or circle is measured against the town's boundary;
 * a geocode places it at that grid; an area that is only its description (the spec allows it)
 * is the whole town when it names the town or a place holding it, else an address geocoded.
 */
function place(intake: Intake, info: CapInfo, marginKm: number): Placed {
  const edge = intake.townEdge();
  let gapKm: number | null = null;
  let located: LonLat | undefined;
  const inside = (at: LonLat | undefined) => (at ? { lon: at.lon, lat: at.lat } : undefined);
  for (const area of info.areas) {
    const shape = shapeOf(area);
    if (shape.polygons.length || shape.circles.length) {
      const gap = edge ? edge.measure.gapKm(shape) : 0;
      gapKm = Math.min(gapKm ?? Infinity, gap);
      if (gap > marginKm || located) continue;
      const ring = shape.polygons[0];
      const [lon, lat] = ring ? ringCentroid(ring) : shape.circles[0]!.center;
      // A province-wide warning's centre lies far off: the town is where the seat must look.
      located = edge && edge.measure.gapKm({ polygons: [], circles: [{ center: [lon, lat], radiusKm: 0 }] }) > marginKm ? inside(edge.inside) : { lon, lat };
      continue;
    }
    const grid = area.geocodes.map((g) => intake.gridCentre(g.value)).find((c) => c !== null);
    if (grid) {
      gapKm = 0;
      located ??= grid;
      continue;
    }
    if (intake.namesWholeTown(area.areaDesc) && edge) {
      gapKm = 0;
      located ??= inside(edge.inside);
      continue;
    }
    const found = intake.geocode(area.areaDesc);
    if (found?.match) {
      gapKm = 0;
      located ??= found.match.location;
    }
  }
  return { location: located, gapKm: gapKm === Infinity ? null : gapKm, inTown: located !== undefined };
}

/** The alert's facts as data on the report (shared/intake/facts.ts CapFacts), within its bounds. */
function capFacts(alert: CapAlert, info: CapInfo): CapFacts {
  return {
    identifier: alert.identifier.slice(0, 200),
    sender: alert.sender.slice(0, 200),
    sent: alert.sent,
    msgType: alert.msgType === 'Update' ? 'Update' : 'Alert',
    event: info.event.slice(0, 200),
    urgency: info.urgency,
    severity: info.severity,
    certainty: info.certainty,
    senderName: info.senderName?.slice(0, 200) ?? null,
    onset: info.onset,
    expires: info.expires,
    instruction: info.instruction?.slice(0, 2000) ?? null,
    web: info.web && /^https?:\/\//.test(info.web) ? info.web.slice(0, 500) : null,
    areas: info.areas.slice(0, 20).map((area) => {
      const shape = shapeOf(area);
      return { desc: area.areaDesc.slice(0, 500), polygons: shape.polygons.slice(0, 20), circles: shape.circles.slice(0, 20) };
    }),
  };
}

function draftOf(alert: CapAlert, info: CapInfo, channel: Channel, location: LonLat | undefined): { draft: IntakeDraft; priority: Priority } {
  const priority = capPriority(info.urgency, info.severity, info.certainty);
  const notes = [`【来源】CAP 1.2 ${alert.msgType} ${capReference(alert)}${info.senderName ? `（${info.senderName}）` : ''}`];
  return {
    priority,
    draft: {
      channel,
      category: capCategory(info.categories, info.event),
      title: info.headline ?? info.event,
      // What the alert says; its grading, times, instruction and areas are facts of their own.
      text: [info.description, alert.note].filter(Boolean).join('\n') || info.event,
      location,
      address: info.areas[0]!.areaDesc,
      notes,
      facts: { cap: capFacts(alert, info) },
    },
  };
}

/** The notice an alert that is not the town's leaves for the admin. */
function setAsideNotice(alert: CapAlert, info: CapInfo, placed: Placed): CommandInput<'alert.setAside'> {
  return {
    reference: capReference(alert).slice(0, 700),
    event: info.event.slice(0, 200),
    sender: alert.sender.slice(0, 200),
    senderName: info.senderName?.slice(0, 200) ?? null,
    sent: alert.sent,
    urgency: info.urgency,
    severity: info.severity,
    certainty: info.certainty,
    expires: info.expires,
    areas: info.areas.slice(0, 20).map((a) => a.areaDesc.slice(0, 500)),
    gapKm: placed.gapKm === null ? null : Math.round(placed.gapKm * 10) / 10,
    reason: placed.gapKm === null ? 'notLocated' : 'outsideTown',
  };
}

async function referencedIncident(intake: Intake, channel: Channel, alert: CapAlert): Promise<string | null> {
  // The latest reference first: an update of an update still finds the incident.
  for (const ref of [...alert.references].reverse()) {
    const found = await intake.incidentOfKey(capKey(channel, capReference(ref)));
    if (found) return found;
  }
  return null;
}

/** `xml` is the body as the router read it (one of CAP_MEDIA_TYPES, at most MAX_CAP_BYTES). */
export async function takeCapAlert(intake: Intake, account: IntegrationAccount, xml: string): Promise<{ status: number; answer: CapAnswer }> {
  const alert = parseCap(xml);
  const { channel } = account;
  const reference = capReference(alert);
  const key = capKey(channel, reference);
  const ignored = (reason: string) => ({ status: 202, answer: { incidentId: null, status: 'ignored' as const, msgType: alert.msgType, reason } });
  if (alert.status !== 'Actual') return ignored(`status ${alert.status} is not an actual alert; nothing was reported.`);
  if (alert.msgType === 'Ack' || alert.msgType === 'Error') return ignored(`a ${alert.msgType} message reports nothing.`);

  if (alert.msgType === 'Cancel') {
    // Sent again after it was done: the first answer. Recomputing the target now would find the
    // cancelled update rather than the incident it had joined, another command under this key.
    const done = await intake.incidentOfKey(key);
    if (done) return { status: 200, answer: { incidentId: done, status: 'cancelled', msgType: 'Cancel' } };
    const referenced = await referencedIncident(intake, channel, alert);
    if (!referenced) throw new DutyFailure('notFound', 'CAP: the alert this Cancel references was never received on this channel.', 'alert.references');
    // An update merged into the alert's incident: the cancel is for the incident it joined.
    let record = await intake.incident(referenced);
    if (record?.state === 'merged' && record.mergedInto) record = await intake.incident(record.mergedInto);
    const target = record?.id ?? referenced;
    const reason = `CAP 撤销 ${reference}${alert.note ? `：${alert.note}` : ''}`.slice(0, 500);
    // The engine cancels no incident holding merged reports: the updates come out and are cancelled first.
    // Each step has its own key, so a resent Cancel finishes what a failed one began.
    for (const child of record?.mergedFrom ?? []) {
      await intake.execute(account, 'incident.unmerge', { incidentId: child }, `capunmerge:${key.slice(7)}:${child}`);
      await intake.execute(account, 'incident.cancel', { incidentId: child, reason }, `capcancel:${key.slice(7)}:${child}`);
    }
    await intake.execute(account, 'incident.cancel', { incidentId: target, reason }, key);
    await intake.recordCapAlert(channel, reference, target);
    return { status: 200, answer: { incidentId: target, status: 'cancelled', msgType: 'Cancel' } };
  }

  const info = chosenInfo(alert)!;
  const marginKm = await intake.alertMarginKm();
  const placed = place(intake, info, marginKm);
  if (!placed.inTown) {
    // Not the town's: a notice for the admin, never an incident in the seat's queue.
    await intake.setAside(account, setAsideNotice(alert, info, placed), key);
    const reason =
      placed.gapKm === null
        ? 'no area of the alert names a place in the town; it was set aside for the admin, not queued as an incident.'
        : `every area of the alert lies ${placed.gapKm.toFixed(1)} km or more outside the town's boundary (margin ${marginKm} km); it was set aside for the admin, not queued as an incident.`;
    return { status: 202, answer: { incidentId: null, status: 'setAside', msgType: alert.msgType, reason } };
  }
  const { draft, priority } = draftOf(alert, info, channel, placed.location);
  const target = alert.msgType === 'Update' ? await referencedIncident(intake, channel, alert) : null;
  if (alert.msgType === 'Update' && !target) draft.notes.push('【CAP】所更新的原告警未收到，按新告警受理。');
  const submitted: Submitted = await intake.submit(account, draft, key);
  await intake.recordCapAlert(channel, reference, submitted.incidentId);
  if (!target || target === submitted.incidentId) {
    return { status: submitted.status === 'created' ? 201 : 200, answer: { incidentId: submitted.incidentId, status: submitted.status, msgType: alert.msgType, priority } };
  }
  // Update: the new report joins the incident of the alert it updates.
  try {
    await intake.execute(account, 'incident.merge', { incidentId: submitted.incidentId, into: target }, `capmerge:${key.slice(7)}`);
  } catch (error) {
    if (!(error instanceof DutyFailure) || error.error.code === 'internal' || error.error.code === 'unavailable') throw error;
    // The referenced incident is closed or otherwise cannot take reports: the update stands alone.
    return { status: 201, answer: { incidentId: submitted.incidentId, status: submitted.status, msgType: 'Update', priority, reason: `not merged into ${target}: ${error.error.message}` } };
  }
  return { status: 200, answer: { incidentId: target, status: 'updated', msgType: 'Update', priority, reportIncidentId: submitted.incidentId } };
}
