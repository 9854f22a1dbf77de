// Glossary types shared by hub and windows (see DESIGN.md). Pure data, no behaviour.
import type { ReportFacts } from './intake/facts';

/**
 * `unit`: a field account (a grid worker's or a team's app) acting for one dispatchable unit.
 * `integration`: an external system feeding one channel (12345, 110, IoT…) with an API key.
 */
export const ROLES = ['operator', 'commander', 'regionHead', 'wall', 'admin', 'unit', 'integration'] as const;
export type Role = (typeof ROLES)[number];

export const CHANNELS = [
  'hotline12345',
  'police110',
  'fire119',
  'cityManagement',
  'gridApp',
  'iot',
  'videoAi',
  'walkIn',
  'phone',
] as const;
export type Channel = (typeof CHANNELS)[number];

export const INCIDENT_STATES = [
  'reported',
  'triaged',
  'dispatched',
  'accepted',
  'onScene',
  'resolved',
  'closed',
  'merged',
  'returned',
  'cancelled',
  'reopened',
] as const;
export type IncidentState = (typeof INCIDENT_STATES)[number];

/** States in which an incident still needs the duty room's attention. */
export const OPEN_STATES: readonly IncidentState[] = [
  'reported',
  'triaged',
  'dispatched',
  'accepted',
  'onScene',
  'resolved',
  'returned',
  'reopened',
];

export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** WGS-84 longitude/latitude. Other datums are converted before they reach the domain. */
export interface LonLat {
  lon: number;
  lat: number;
}

export interface Reporter {
  name?: string | undefined;
  phone?: string | undefined;
}

export interface Report {
  id: string;
  incidentId: string;
  channel: Channel;
  receivedAt: string;
  title: string;
  description: string;
  category: string;
  location: LonLat | null;
  address: string | null;
  reporter: Reporter | null;
  takenBy: string;
  /** Media, attributes and CAP facts a source sent (intake/facts.ts); most reports have none. */
  facts?: ReportFacts | undefined;
}

export interface Incident {
  id: string;
  state: IncidentState;
  title: string;
  category: string;
  priority: Priority | null;
  location: LonLat | null;
  address: string | null;
  channels: Channel[];
  reportCount: number;
  createdAt: string;
  updatedAt: string;
  lastSeq: number;
  lastAction: string;
}

export interface IncidentDetail extends Incident {
  reports: Report[];
}

export interface User {
  id: string;
  username: string;
  name: string;
  role: Role;
  /** The region a region head commands. */
  regionId?: string | null;
  /** The unit a unit account acts for. */
  unitId?: string | null;
}

export type HubMode = 'primary' | 'replica';
