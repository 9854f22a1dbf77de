// From what the operator typed to an `incident.report` payload. Checked here with the same
// schema the hub uses, so most mistakes are named before anything is sent.
import type { Channel } from '../../../../shared/domain';
import { dutyError, type DutyError } from '../../../../shared/errors';
import { IncidentReportPayloadSchema, type CommandPayload } from '../../../../shared/protocol/schemas';
import { parseWith } from '../../../../shared/protocol/validate';

export interface IntakeDraft {
  channel: Channel;
  category: string;
  title: string;
  description: string;
  address: string;
  lon: string;
  lat: string;
  reporterName: string;
  reporterPhone: string;
}

export const emptyDraft: IntakeDraft = {
  channel: 'phone',
  category: '',
  title: '',
  description: '',
  address: '',
  lon: '',
  lat: '',
  reporterName: '',
  reporterPhone: '',
};

export type PayloadResult = { ok: true; payload: CommandPayload<'incident.report'> } | { ok: false; error: DutyError };

function parseNumber(text: string): number | null {
  const trimmed = text.trim().replace('，', '.');
  if (trimmed === '') return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : Number.NaN;
}

export function buildReportPayload(draft: IntakeDraft): PayloadResult {
  const lon = parseNumber(draft.lon);
  const lat = parseNumber(draft.lat);
  if (Number.isNaN(lon)) return { ok: false, error: dutyError('invalid', 'longitude is not a number', 'payload.location.lon') };
  if (Number.isNaN(lat)) return { ok: false, error: dutyError('invalid', 'latitude is not a number', 'payload.location.lat') };
  if ((lon === null) !== (lat === null)) {
    return { ok: false, error: dutyError('invalid', 'give both longitude and latitude', `payload.location.${lon === null ? 'lon' : 'lat'}`) };
  }

  const reporter: { name?: string; phone?: string } = {};
  if (draft.reporterName.trim()) reporter.name = draft.reporterName.trim();
  if (draft.reporterPhone.trim()) reporter.phone = draft.reporterPhone.trim();

  const input: Record<string, unknown> = {
    channel: draft.channel,
    category: draft.category,
    title: draft.title,
    description: draft.description,
  };
  if (lon !== null && lat !== null) input.location = { lon, lat };
  if (draft.address.trim()) input.address = draft.address;
  if (reporter.name !== undefined || reporter.phone !== undefined) input.reporter = reporter;

  const parsed = parseWith(IncidentReportPayloadSchema, input, 'payload');
  return parsed.ok ? { ok: true, payload: parsed.value } : { ok: false, error: parsed.error };
}
