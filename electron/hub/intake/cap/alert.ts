// POST /api/v1/ingest/cap: a CAP 1.2 alert. Alert reports an incident; Update adds its
// report to the incident of the alert it references (a merge through the engine); Cancel
// cancels that incident through the engine with the alert's note as the reason.
import { createHash } from 'node:crypto';
import type { Channel, LonLat, Priority } from '../../../../shared/domain';
import { DutyFailure } from '../../../../shared/errors';
import { ringCentroid } from '../../../../shared/geo/polygon';
import { capCategory, capPriority } from '../../../../shared/intake/cap';
import type { IntakeDraft } from '../compose';
import { intakeKey, type Intake, type Submitted } from '../intake';
import type { IntegrationAccount } from '../keys';
import { capReference, parseCap, type CapAlert, type CapArea, type CapInfo } from './parse';

export const CAP_MEDIA_TYPES = ['application/cap+xml', 'application/xml', 'text/xml'] as const;

export interface CapAnswer {
  /** The incident the alert now belongs to. */
  incidentId: string | null;
  status: 'created' | 'duplicate' | 'updated' | 'cancelled' | 'ignored';
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

function locate(area: CapArea, gridCentre: (id: string) => LonLat | null): LonLat | undefined {
  const ring = area.polygons[0];
  if (ring) {
    const [lon, lat] = ringCentroid(ring.map(([la, lo]) => [lo, la] as [number, number]));
    return { lon, lat };
  }
  const circle = area.circles[0];
  if (circle) return { lon: circle.lon, lat: circle.lat };
  for (const g of area.geocodes) {
    const centre = gridCentre(g.value);
    if (centre) return centre;
  }
  return undefined;
}

function draftOf(alert: CapAlert, info: CapInfo, channel: Channel, gridCentre: (id: string) => LonLat | null): { draft: IntakeDraft; priority: Priority } {
  const priority = capPriority(info.urgency, info.severity, info.certainty);
  const area = info.areas[0]!;
  const location = info.areas.map((a) => locate(a, gridCentre)).find((l) => l !== undefined);
  const notes = [
    `【来源】CAP 1.2 ${alert.msgType} ${capReference(alert)}${info.senderName ? `（${info.senderName}）` : ''}`,
    `【CAP 分级】${info.urgency}/${info.severity}/${info.certainty} → 建议优先级 ${priority}`,
    `【区域】${info.areas.map((a) => a.areaDesc).join('；')}`,
  ];
  if (info.web) notes.push(`【链接】${info.web}`);
  return {
    priority,
    draft: {
      channel,
      category: capCategory(info.categories, info.event),
      title: info.headline ?? info.event,
      text: [info.description, info.instruction, alert.note].filter(Boolean).join('\n') || info.event,
      location,
      address: area.areaDesc,
      notes,
    },
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
  const { draft, priority } = draftOf(alert, info, channel, (id) => intake.gridCentre(id));
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
