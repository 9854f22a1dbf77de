// Journal entry payloads of the incident lifecycle, as the journal catalog declares them
// (../journal/catalog.ts). Entry types are past tense: they record what happened; commands
// are the requests that produced them.
import { INCIDENT_ENTRY_PAYLOADS, type EntryPayload } from '../journal/catalog';

export type IncidentEventType = keyof typeof INCIDENT_ENTRY_PAYLOADS;

export type IncidentEvents = { [T in IncidentEventType]: EntryPayload<T> };

export const INCIDENT_EVENT_TYPES: ReadonlySet<string> = new Set(Object.keys(INCIDENT_ENTRY_PAYLOADS));

export function isIncidentEvent(type: string): type is IncidentEventType {
  return INCIDENT_EVENT_TYPES.has(type);
}
