// What a journal entry means for the queue. Entry types this window does not know yet are
// not errors: newer hubs add types, and an entry naming an incident is answered by
// fetching that incident's row.
import { z } from 'zod';
import type { JournalEntry } from '../../../../shared/domain';
import { IncidentSchema, ReportSchema } from '../../../../shared/protocol/schemas';
import { incidentReported } from './queueSlice';

const IncidentReportedSchema = z.object({ incident: IncidentSchema, report: ReportSchema });
const NamesIncidentSchema = z.object({ incidentId: z.string().min(1) });

export type QueueEffect =
  | { kind: 'apply'; action: ReturnType<typeof incidentReported> }
  | { kind: 'refetch'; incidentId: string; seq: number }
  | { kind: 'ignore' };

/** Entry types that never touch the queue. */
const UNRELATED = new Set(['user.created']);

export function queueEffectOf(entry: JournalEntry, receivedAt: number): QueueEffect {
  if (entry.type === 'incident.reported') {
    const parsed = IncidentReportedSchema.safeParse(entry.payload);
    if (parsed.success) {
      return { kind: 'apply', action: incidentReported({ incident: parsed.data.incident, report: parsed.data.report, receivedAt }) };
    }
  }
  if (UNRELATED.has(entry.type)) return { kind: 'ignore' };
  const names = NamesIncidentSchema.safeParse(entry.payload);
  if (names.success) return { kind: 'refetch', incidentId: names.data.incidentId, seq: entry.seq };
  return { kind: 'ignore' };
}
