// Payload schemas of every command, by its public type name. Documented in README.md.
import { z } from 'zod';
import { CHANNELS, PRIORITIES } from '../domain';
import { CATEGORY_CODES } from '../taxonomy';
import { ConfigUpdateSchema } from '../config';
import { DEPARTMENTS } from '../town';
import { AlertSetAsideSchema, ReportFactsSchema } from '../intake/facts';

const text = (max: number) => z.string().trim().max(max);
const reason = text(500).min(2, 'give a reason');
const id = z.string().trim().min(1).max(64);

export const LonLatSchema = z.strictObject({
  lon: z.number().finite().min(-180).max(180),
  lat: z.number().finite().min(-90).max(90),
});

export const ReporterSchema = z.strictObject({
  name: text(64).optional(),
  phone: z
    .string()
    .trim()
    .max(32)
    .regex(/^[0-9+\-() ]*$/, 'a phone number has digits, spaces and + - ( ) only')
    .optional(),
});

export const CategoryCodeSchema = z.string().refine((code) => CATEGORY_CODES.has(code), { message: 'unknown category code' });
export const DepartmentSchema = z.enum(DEPARTMENTS);

export const IncidentReportPayloadSchema = z
  .strictObject({
    channel: z.enum(CHANNELS),
    category: CategoryCodeSchema,
    title: text(120).min(1, 'a title is required'),
    description: text(4000).default(''),
    location: LonLatSchema.optional(),
    address: text(200).min(1).optional(),
    reporter: ReporterSchema.optional(),
    facts: ReportFactsSchema.optional(),
  })
  .refine((p) => p.location !== undefined || p.address !== undefined, {
    message: 'a report needs a location or an address',
    path: ['location'],
  });

export const COMMAND_PAYLOADS = {
  'incident.report': IncidentReportPayloadSchema,
  'incident.triage': z.strictObject({
    incidentId: id,
    category: CategoryCodeSchema,
    priority: z.enum(PRIORITIES),
    lead: DepartmentSchema,
    coHandlers: z.array(DepartmentSchema).max(6).default([]),
  }),
  'incident.merge': z.strictObject({ incidentId: id, into: id }).refine((p) => p.incidentId !== p.into, {
    message: 'an incident cannot be merged into itself',
    path: ['into'],
  }),
  'incident.unmerge': z.strictObject({ incidentId: id }),
  /** The seat says a suspected duplicate is not the same event (merging is incident.merge). */
  'incident.dismissDuplicate': z.strictObject({ incidentId: id }),
  'incident.dispatch': z.strictObject({
    incidentId: id,
    unitIds: z.array(id).min(1, 'choose at least one unit').max(20),
  }),
  'incident.return': z.strictObject({ incidentId: id, unitId: id.optional(), reason }),
  'unit.accept': z.strictObject({ incidentId: id, unitId: id }),
  'unit.arrive': z.strictObject({ incidentId: id, unitId: id }),
  'incident.feedback': z.strictObject({
    incidentId: id,
    text: text(2000).min(1, 'feedback needs words'),
    photos: z.array(z.string().trim().min(1).max(500)).max(20).default([]),
    settledOnSpot: z.boolean().default(false),
  }),
  'incident.resolve': z.strictObject({ incidentId: id, summary: text(2000).min(1, 'say how it was resolved') }),
  'incident.acceptClosure': z.strictObject({ incidentId: id, rating: z.number().int().min(1).max(5).optional() }),
  'incident.reopen': z.strictObject({ incidentId: id, reason }),
  'incident.cancel': z.strictObject({ incidentId: id, reason }),
  // 同圈呼叫: alert every unit of the incident's region at `level`. The name predates the
  // glossary's Region; it stays with its journal entry incident.circleCalled (stored) and with
  // commands waiting in seats' outboxes.
  'incident.circleCall': z.strictObject({
    incidentId: id,
    level: z.enum(['grid', 'jointEnforcement', 'emergency']).default('jointEnforcement'),
  }),
  'personalData.reveal': z.strictObject({ incidentId: id, reportId: id }),
  'wall.focus': z.strictObject({ incidentId: id.nullable() }),
  'shift.start': z.strictObject({ handoverId: id.optional() }),
  'config.update': ConfigUpdateSchema,
  /** An early warning (a grid's unusual hour, journaled as `warning.raised`) seen and closed. */
  'warning.acknowledge': z.strictObject({ warningId: z.string().trim().min(1).max(100), note: text(500).optional() }),
  /** An alert feed's account sets an alert aside as not the town's (electron/hub/intake/cap/alert.ts). */
  'alert.setAside': AlertSetAsideSchema,
  /** The daily briefing printed to PDF: journaled, so every export is on record. */
  'briefing.export': z.strictObject({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day YYYY-MM-DD') }),
  'shift.handover': z.strictObject({
    incomingUserId: id,
    notes: text(4000).default(''),
    watchList: z.array(id).max(50).default([]),
  }),
} as const;

export type CommandType = keyof typeof COMMAND_PAYLOADS;
export const COMMAND_TYPES = Object.keys(COMMAND_PAYLOADS) as CommandType[];
export type CommandPayload<T extends CommandType> = z.output<(typeof COMMAND_PAYLOADS)[T]>;
export type CommandInput<T extends CommandType> = z.input<(typeof COMMAND_PAYLOADS)[T]>;
