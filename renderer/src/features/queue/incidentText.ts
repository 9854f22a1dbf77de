import type { Incident } from '../../../../shared/domain';

/** Where an incident is, in the shortest form a reader can use. */
export function placeText(incident: Pick<Incident, 'address' | 'location'>): string {
  if (incident.address) return incident.address;
  if (incident.location) return `${incident.location.lon.toFixed(5)}, ${incident.location.lat.toFixed(5)}`;
  return '—';
}
