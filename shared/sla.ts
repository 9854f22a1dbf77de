// SLA clocks: sign-for, dispatch, arrive and resolve deadlines per priority, with category
// overrides. Deadlines are derived from the incident's own timestamps, never from timers,
// so they survive a restart.
import type { Priority } from './domain';
import type { EscalationLevel, IncidentRecord, SlaClock } from './incident/model';

export type SlaMinutes = Record<SlaClock, number>;

export interface SlaConfig {
  byPriority: Record<Priority, SlaMinutes>;
  /** Category code → priority → clocks that differ from byPriority. */
  byCategory: Record<string, Partial<Record<Priority, Partial<SlaMinutes>>>>;
  /** Used before triage gives a priority. */
  untriaged: Priority;
}

export const DEFAULT_SLA: SlaConfig = {
  byPriority: {
    P1: { dispatch: 5, signFor: 5, arrive: 15, resolve: 4 * 60 },
    P2: { dispatch: 15, signFor: 10, arrive: 30, resolve: 24 * 60 },
    P3: { dispatch: 60, signFor: 30, arrive: 120, resolve: 3 * 24 * 60 },
    P4: { dispatch: 240, signFor: 60, arrive: 24 * 60, resolve: 7 * 24 * 60 },
  },
  byCategory: {
    fire: { P1: { dispatch: 2, signFor: 2, arrive: 10 }, P2: { dispatch: 5, signFor: 5, arrive: 15 } },
    gasLeak: { P1: { dispatch: 2, signFor: 2, arrive: 10 } },
  },
  untriaged: 'P3',
};

const MINUTE = 60_000;

export function slaMinutes(config: SlaConfig, category: string, priority: Priority | null): SlaMinutes {
  const p = priority ?? config.untriaged;
  return { ...config.byPriority[p], ...config.byCategory[category]?.[p] };
}

export interface ClockState {
  clock: SlaClock;
  /** When the clock started; null while it has not (no dispatch yet for sign-for). */
  startedAt: string | null;
  deadline: string | null;
  /** When the step was done; null while it is still due. */
  doneAt: string | null;
}

const DONE_STATES = new Set(['resolved', 'closed', 'cancelled', 'merged']);

export function slaClocks(record: IncidentRecord, config: SlaConfig = DEFAULT_SLA): ClockState[] {
  const minutes = slaMinutes(config, record.category, record.priority);
  const plus = (from: string | null, m: number) => (from === null ? null : new Date(Date.parse(from) + m * MINUTE).toISOString());
  const finished = DONE_STATES.has(record.state) ? record.updatedAt : null;
  const done = (at: string | null) => at ?? finished;
  return [
    { clock: 'dispatch', startedAt: record.createdAt, deadline: plus(record.createdAt, minutes.dispatch), doneAt: done(record.dispatchedAt) },
    { clock: 'signFor', startedAt: record.dispatchedAt, deadline: plus(record.dispatchedAt, minutes.signFor), doneAt: done(record.acceptedAt) },
    { clock: 'arrive', startedAt: record.dispatchedAt, deadline: plus(record.dispatchedAt, minutes.arrive), doneAt: done(record.arrivedAt) },
    { clock: 'resolve', startedAt: record.createdAt, deadline: plus(record.createdAt, minutes.resolve), doneAt: done(record.resolvedAt) },
  ];
}

/**
 * Escalation steps: past the deadline the operator is alerted; past half as long again, the
 * commander; past twice the allowance, the town leader.
 */
const STEPS: Array<{ level: EscalationLevel; factor: number }> = [
  { level: 'operator', factor: 1 },
  { level: 'commander', factor: 1.5 },
  { level: 'townLeader', factor: 2 },
];

/** Escalations that are due at `now` and not yet recorded on the incident. */
export function dueEscalations(record: IncidentRecord, now: Date, config: SlaConfig = DEFAULT_SLA): Array<{ clock: SlaClock; level: EscalationLevel }> {
  const due: Array<{ clock: SlaClock; level: EscalationLevel }> = [];
  for (const state of slaClocks(record, config)) {
    if (state.startedAt === null || state.deadline === null || state.doneAt !== null) continue;
    const start = Date.parse(state.startedAt);
    const allowance = Date.parse(state.deadline) - start;
    for (const step of STEPS) {
      if (now.getTime() < start + allowance * step.factor) break;
      if (!record.escalations.some((e) => e.clock === state.clock && e.level === step.level)) due.push({ clock: state.clock, level: step.level });
    }
  }
  return due;
}

/** The soonest deadline still running, for the queue's countdown. */
export function nextDeadline(record: IncidentRecord, config: SlaConfig = DEFAULT_SLA): { clock: SlaClock; deadline: string } | null {
  let best: { clock: SlaClock; deadline: string } | null = null;
  for (const state of slaClocks(record, config)) {
    if (state.startedAt === null || state.deadline === null || state.doneAt !== null) continue;
    if (!best || state.deadline < best.deadline) best = { clock: state.clock, deadline: state.deadline };
  }
  return best;
}
