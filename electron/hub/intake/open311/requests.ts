// GET requests and GET requests/{id}: public, as the spec has them (no api_key), and so only
// the requests the public filed here: incidents an Open311 POST created, told by the source
// line it writes under the citizen's words. A 110 call or a hotline case that never came
// through Open311 is not shown, whatever its id. What is shown is the spec's public fields,
// their text cleared of anything that reaches a person (./public-text.ts).
import { INTAKE_CHANNELS } from '../../../../shared/protocol/intake';
import { OPEN_STATES, type IncidentState, type Report } from '../../../../shared/domain';
import type { IncidentRecord } from '../../../../shared/incident/model';
import { MAX_WINDOW_DAYS, type RequestsQuery } from '../../../../shared/intake/open311';
import { slaClocks } from '../../../../shared/sla';
import { categoryName } from '../../../../shared/taxonomy';
import { townIsoString } from '../../../../shared/time';
import type { StoreClient } from '../../store/thread/client';
import { fail, Open311Error } from './answer';
import { publicText } from './public-text';
import type { Open311Town } from './town';

/** The spec's ceiling on one answer. */
const MAX_RESULTS = 1000;
const DAY_MS = 86_400_000;
/** Incidents read from the store at a time while a list is assembled. */
const BATCH = 50;
/** Lists assembled at once; a public endpoint must not let a crowd of readers stall the store. */
const MAX_LISTS_IN_FLIGHT = 4;

type Detailed = IncidentRecord & { reports: Report[] };

/** ISO 8601 with the town's offset, as the spec's examples carry a local offset. */
export function townTime(iso: string | null): string | null {
  if (!iso) return null;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : townIsoString(t);
}

const STATE_NOTES: Partial<Record<IncidentState, string>> = {
  reported: '已受理',
  triaged: '已分拨',
  dispatched: '已派遣',
  accepted: '处置单位已接单',
  onScene: '处置人员已到场',
  resolved: '已处置，待验收',
  closed: '已办结',
  merged: '与其他工单合并办理',
  returned: '已退回，重新分拨中',
  cancelled: '已撤销',
  reopened: '已重新办理',
};

/**
 * The report that created the incident, when an Open311 POST did: its facts say so and hold the
 * citizen's words (facts can only be set through a command, never by a feed's or a caller's text).
 */
function open311Report(record: Detailed): { report: Report; words: string } | null {
  const first = record.reports.find((r) => r.incidentId === record.id);
  const words = first?.facts?.open311?.description;
  return first && words !== undefined ? { report: first, words } : null;
}

export function toServiceRequest(record: Detailed, town: Open311Town) {
  const source = open311Report(record);
  if (!source) return null;
  const names = source.report.reporter?.name ? [source.report.reporter.name] : [];
  const shown = (text: string | null) => (text ? publicText(text, names) : null);
  const resolveClock = slaClocks(record).find((c) => c.clock === 'resolve');
  const note = [STATE_NOTES[record.state], record.mergedInto ? `并入 ${record.mergedInto}` : null, record.resolution, record.reason].filter(Boolean).join('；');
  return {
    service_request_id: record.id,
    status: (OPEN_STATES as readonly string[]).includes(record.state) ? 'open' : 'closed',
    status_notes: shown(note),
    service_name: categoryName(record.category, 'zh'),
    service_code: record.category,
    description: shown(source.words.trim()),
    agency_responsible: record.lead ? town.agencies[record.lead] : null,
    service_notice: null,
    requested_datetime: townTime(record.createdAt),
    updated_datetime: townTime(record.updatedAt),
    expected_datetime: townTime(resolveClock?.deadline ?? null),
    address: shown(record.address),
    address_id: null,
    zipcode: null,
    lat: record.location?.lat ?? null,
    long: record.location?.lon ?? null,
    media_url: source.report.facts?.media?.[0] ?? null,
  };
}
export type ServiceRequest = NonNullable<ReturnType<typeof toServiceRequest>>;

export async function oneRequest(store: StoreClient, town: Open311Town, id: string): Promise<ServiceRequest> {
  const record = /^[A-Za-z0-9_-]{1,64}$/.test(id) ? await store.incidents.detail(id) : null;
  return (record && toServiceRequest(record, town)) ?? fail(404, `service_request_id ${id.slice(0, 64)} was not found.`);
}

/** Lists being assembled, one count per hub's Open311 routes. */
export class ListGate {
  private inFlight = 0;

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.inFlight >= MAX_LISTS_IN_FLIGHT) fail(429, 'Too many request lists being read; retry shortly.');
    this.inFlight++;
    try {
      return await work();
    } finally {
      this.inFlight--;
    }
  }
}

/** GET requests with the spec's filters: by ids (all else ignored, as the spec says), or a window of requested_datetime. */
export async function getRequests(store: StoreClient, town: Open311Town, query: RequestsQuery, gate: ListGate): Promise<ServiceRequest[]> {
  if (query.service_request_id) {
    // An id that is not a public request is left out, as the spec's list answer has no room for a per-id error.
    const found = await Promise.all(query.service_request_id.map((id) => oneRequest(store, town, id).catch((error: unknown) => (error instanceof Open311Error ? null : Promise.reject(error)))));
    return found.filter((r) => r !== null);
  }
  return gate.run(() => requestsInWindow(store, town, query));
}

async function requestsInWindow(store: StoreClient, town: Open311Town, query: RequestsQuery): Promise<ServiceRequest[]> {
  const end = query.end_date ?? (query.start_date !== undefined ? query.start_date + MAX_WINDOW_DAYS * DAY_MS : Date.now());
  const start = query.start_date ?? end - MAX_WINDOW_DAYS * DAY_MS;
  const [from, to] = [new Date(start).toISOString(), new Date(end).toISOString()];
  // Every Open311 request is a report of the channel whose key posted it, received as it was created.
  const byChannel = await Promise.all(INTAKE_CHANNELS.map((channel) => store.intake.channelIncidents(channel, from, to, MAX_RESULTS)));
  const seen = new Set<string>();
  const candidates: IncidentRecord[] = [];
  for (const record of byChannel.flat()) {
    const created = Date.parse(record.createdAt);
    if (seen.has(record.id) || created < start || created > end) continue;
    if (query.service_code && !query.service_code.includes(record.category)) continue;
    seen.add(record.id);
    candidates.push(record);
  }
  candidates.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const out: ServiceRequest[] = [];
  for (let i = 0; i < candidates.length && out.length < MAX_RESULTS; i += BATCH) {
    const details = await Promise.all(candidates.slice(i, i + BATCH).map((r) => store.incidents.detail(r.id)));
    for (const detail of details) {
      const request = detail ? toServiceRequest(detail, town) : null;
      if (request && (!query.status || query.status.includes(request.status as 'open' | 'closed'))) out.push(request);
    }
  }
  return out.slice(0, MAX_RESULTS);
}
