// What an admin may change without a release: which department leads each category, and
// the SLA clocks. Each change is a `config.update` command, so the journal says who and when.
import { z } from 'zod';
import { DEFAULT_LEAD, type LeadTable } from './dispatch/lead';
import { PRIORITIES } from './domain';
import { DEFAULT_SLA, type SlaConfig } from './sla';
import { CATEGORY_CODES } from './taxonomy';
import { DEPARTMENTS } from './town';

const minutes = z.number().int().min(1).max(60 * 24 * 60);
const SlaMinutesSchema = z.strictObject({ signFor: minutes, dispatch: minutes, arrive: minutes, resolve: minutes });
const category = z.string().refine((code) => CATEGORY_CODES.has(code), { message: 'unknown category code' });

export const SlaConfigSchema = z.strictObject({
  byPriority: z.strictObject(Object.fromEntries(PRIORITIES.map((p) => [p, SlaMinutesSchema])) as Record<(typeof PRIORITIES)[number], typeof SlaMinutesSchema>),
  byCategory: z.record(category, z.partialRecord(z.enum(PRIORITIES), SlaMinutesSchema.partial())),
  untriaged: z.enum(PRIORITIES),
});

export const LeadTableSchema = z.record(category, z.enum(DEPARTMENTS));

/**
 * How long a seat's session may sit unused before it ends (the wall's sessions have no idle
 * limit). A shift's absolute lifetime is fixed in electron/hub/api/session-policy.ts.
 */
export const SessionConfigSchema = z.strictObject({ seatIdleMinutes: z.number().int().min(1).max(12 * 60) });
export type SessionConfig = z.infer<typeof SessionConfigSchema>;
export const DEFAULT_SESSION_CONFIG: SessionConfig = { seatIdleMinutes: 30 };

/**
 * Alerts from feeds (CAP): an alert none of whose areas comes within `outsideMarginKm` of the
 * town's boundary is kept as an out-of-town notice for the admin, not queued as an incident.
 */
export const AlertConfigSchema = z.strictObject({ outsideMarginKm: z.number().min(0).max(500) });
export type AlertConfig = z.infer<typeof AlertConfigSchema>;
export const DEFAULT_ALERT_CONFIG: AlertConfig = { outsideMarginKm: 5 };

export const ConfigUpdateSchema = z.discriminatedUnion('key', [
  z.strictObject({ key: z.literal('leadDepartments'), value: LeadTableSchema }),
  z.strictObject({ key: z.literal('sla'), value: SlaConfigSchema }),
  z.strictObject({ key: z.literal('sessions'), value: SessionConfigSchema }),
  z.strictObject({ key: z.literal('alerts'), value: AlertConfigSchema }),
]);

export const DutyConfigSchema = z.object({ leadDepartments: LeadTableSchema, sla: SlaConfigSchema, sessions: SessionConfigSchema, alerts: AlertConfigSchema.default(DEFAULT_ALERT_CONFIG) });

export interface DutyConfig {
  leadDepartments: LeadTable;
  sla: SlaConfig;
  sessions: SessionConfig;
  alerts: AlertConfig;
}

export const DEFAULT_CONFIG: DutyConfig = { leadDepartments: DEFAULT_LEAD, sla: DEFAULT_SLA, sessions: DEFAULT_SESSION_CONFIG, alerts: DEFAULT_ALERT_CONFIG };
