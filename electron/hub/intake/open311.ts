// Open311 GeoReport v2 at /open311/v2/: services, requests (form-encoded POST as the spec
// says), and request status. Field names and the error shape ([{code, description}]) are the
// spec's. The api_key is a channel's integration key; requests are that channel's.
import { randomUUID } from 'node:crypto';
import { OPEN_STATES, type IncidentState } from '../../../shared/domain';
import { DutyFailure } from '../../../shared/errors';
import type { IncidentRecord } from '../../../shared/incident/model';
import { maskText } from '../../../shared/privacy';
import { slaClocks } from '../../../shared/sla';
import { CATEGORIES, CATEGORY_CODES, categoryName } from '../../../shared/taxonomy';
import { townIsoString } from '../../../shared/time';
import type { Department } from '../../../shared/town';
import type { StoreClient } from '../store/thread/client';
import type { Intake } from './intake';
import type { IntegrationAccount } from './keys';

export const OPEN311_PREFIX = '/open311/v2';
export const MAX_FORM_BYTES = 64 * 1024;
const DEFAULT_WINDOW_DAYS = 90;
const MAX_RESULTS = 1000;

export class Open311Error extends Error {
  constructor(
    readonly status: number,
    readonly description: string,
  ) {
    super(description);
  }
}

const fail = (status: number, description: string): never => {
  throw new Open311Error(status, description);
};

/** The agency_responsible an Open311 client shows: the lead department's name. */
const AGENCY: Record<Department, string> = {
  police: '三墩派出所',
  trafficPolice: '交警三墩中队',
  cityManagement: '三墩综合行政执法中队',
  marketSupervision: '三墩市场监管所',
  emergencyManagement: '三墩应急管理站',
  gridService: '三墩镇网格服务中心',
  streetOffice: '三墩镇人民政府',
};

export function services() {
  return CATEGORIES.map((c) => ({
    service_code: c.code,
    service_name: c.zh,
    description: c.en,
    metadata: false,
    type: 'realtime',
    keywords: c.en.toLowerCase(),
    group: 'dutydeck',
  }));
}

/** ISO 8601 with the town's offset, as the spec's examples carry a local offset. */
export function townTime(iso: string | null): string | null {
  if (!iso) return null;
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return null;
  return townIsoString(t);
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

export function toServiceRequest(record: IncidentRecord & { reports?: Array<{ description: string }> }) {
  const resolveClock = slaClocks(record).find((c) => c.clock === 'resolve');
  const note = [STATE_NOTES[record.state], record.mergedInto ? `并入 ${record.mergedInto}` : null, record.resolution, record.reason].filter(Boolean).join('；');
  return {
    service_request_id: record.id,
    status: (OPEN_STATES as readonly string[]).includes(record.state) ? 'open' : 'closed',
    status_notes: note ? maskText(note) : null,
    service_name: categoryName(record.category, 'zh'),
    service_code: record.category,
    // Public fields only: a number the caller typed into the text is masked like any read.
    description: maskText(record.reports?.[0]?.description ?? record.title),
    agency_responsible: record.lead ? AGENCY[record.lead] : null,
    service_notice: null,
    requested_datetime: townTime(record.createdAt),
    updated_datetime: townTime(record.updatedAt),
    expected_datetime: townTime(resolveClock?.deadline ?? null),
    address: record.address === null ? null : maskText(record.address),
    address_id: null,
    zipcode: null,
    lat: record.location?.lat ?? null,
    long: record.location?.lon ?? null,
    media_url: null,
  };
}

function form(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  let count = 0;
  for (const [key, value] of new URLSearchParams(text)) {
    if (++count > 200) fail(400, 'Too many form fields.');
    if (key.startsWith('attribute[')) continue; // no service has metadata, so attributes mean nothing here
    if (fields.has(key)) fail(400, `${key} is given more than once.`);
    fields.set(key, value);
  }
  return fields;
}

const number = (value: string | undefined, name: string, min: number, max: number): number | undefined => {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < min || n > max) fail(400, `${name} must be a number from ${min} to ${max}.`);
  return n;
};

const field = (fields: Map<string, string>, name: string, max: number): string | undefined => {
  const value = fields.get(name)?.trim();
  if (value && value.length > max) fail(400, `${name} is longer than ${max} characters.`);
  return value || undefined;
};

/** POST requests.json (`text`: the form body, at most MAX_FORM_BYTES) → [{service_request_id, service_notice, account_id}]. */
export async function postRequest(intake: Intake, resolveKey: (key: string | null) => Promise<IntegrationAccount>, text: string) {
  const fields = form(text);
  const account = await resolveKey(fields.get('api_key') ?? null).catch((error: unknown) => {
    if (error instanceof DutyFailure) fail(403, fields.get('api_key') ? 'Invalid api_key' : 'api_key is required');
    throw error;
  });
  const release = intake.limiter.acquire(account.channel);
  if (!release) throw new Open311Error(429, 'Too many requests in flight; retry shortly.');
  try {
    const code = field(fields, 'service_code', 64) ?? fail(400, 'service_code is required.');
    if (!CATEGORY_CODES.has(code)) fail(404, `service_code ${code} was not found.`);
    const lat = number(fields.get('lat'), 'lat', -90, 90);
    const lon = number(fields.get('long'), 'long', -180, 180);
    if ((lat === undefined) !== (lon === undefined)) fail(400, 'lat and long come together.');
    const address = field(fields, 'address_string', 200);
    if (lat === undefined && !address && !fields.get('address_id')) fail(400, 'A location is required: lat & long, address_string or address_id.');
    if (lat === undefined && !address) fail(400, 'address_id is not known here; send lat & long or address_string.');
    const description = field(fields, 'description', 4000) ?? categoryName(code, 'zh');
    const name = [field(fields, 'first_name', 32), field(fields, 'last_name', 32)].filter(Boolean).join(' ') || field(fields, 'name', 64);
    const phone = field(fields, 'phone', 32)?.replace(/[^0-9+\-() ]/g, '');
    const email = field(fields, 'email', 200);
    const media = field(fields, 'media_url', 500);
    if (media && !/^https?:\/\//.test(media)) fail(400, 'media_url must be an http(s) URL.');
    const notes = ['【来源】Open311 GeoReport v2'];
    if (email) notes.push(`【邮箱】${email}`);
    if (media) notes.push(`【附件】${media}`);
    const submitted = await intake.submit(
      account,
      {
        channel: account.channel,
        category: code,
        text: description,
        location: lat !== undefined && lon !== undefined ? { lon, lat } : undefined,
        address,
        reporter: name || phone ? { ...(name ? { name } : {}), ...(phone ? { phone } : {}) } : undefined,
        notes,
      },
      // Open311 has no client-side id to deduplicate on: every POST is a new request.
      `open311:${account.channel}:${randomUUID()}`,
    );
    return [{ service_request_id: submitted.incidentId, service_notice: '已受理，可凭 service_request_id 查询办理进度。', account_id: null }];
  } finally {
    release();
  }
}

function dateParam(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const t = Date.parse(value);
  if (!/^\d{4}-\d\d-\d\dT/.test(value) || Number.isNaN(t)) fail(400, `${name} must be a w3 date-time, e.g. 2010-01-01T00:00:00Z.`);
  return t;
}

/** GET requests.json with the spec's filters; this channel's requests only. */
export async function getRequests(store: StoreClient, account: IntegrationAccount, query: URLSearchParams) {
  const ids = query.get('service_request_id');
  if (ids) {
    const found = await Promise.all(ids.split(',').slice(0, 100).map((id) => oneRequest(store, account, id.trim()).catch(() => null)));
    return found.filter((r) => r !== null);
  }
  const end = dateParam(query.get('end_date') ?? undefined, 'end_date') ?? Date.now();
  const start = dateParam(query.get('start_date') ?? undefined, 'start_date') ?? end - DEFAULT_WINDOW_DAYS * 86_400_000;
  if (start > end) fail(400, 'start_date is after end_date.');
  const codes = query.get('service_code')?.split(',').map((c) => c.trim()).filter(Boolean);
  const status = query.get('status')?.split(',').map((s) => s.trim());
  if (status?.some((s) => s !== 'open' && s !== 'closed')) fail(400, 'status is open, closed or both (open,closed).');
  const records = await store.intake.channelIncidents(account.channel, new Date(start).toISOString(), new Date(end).toISOString(), MAX_RESULTS);
  return records
    .map(toServiceRequest)
    .filter((r) => (!codes || codes.includes(r.service_code)) && (!status || status.includes(r.status)));
}

export async function oneRequest(store: StoreClient, account: IntegrationAccount, id: string) {
  const record = await store.incidents.detail(id);
  if (!record || !(await store.intake.reportedBy(id, account.channel))) fail(404, `service_request_id ${id} was not found.`);
  return toServiceRequest(record!);
}

export const open311Error = (status: number, description: string) => [{ code: status, description }];
