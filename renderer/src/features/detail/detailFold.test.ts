import { describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../../../shared/journal/catalog';
import { reduceIncidents } from '../../../../shared/incident/reduce';
import { foldIncidentDetail, foldIncidentJournal, namesAny, type IncidentDetailAnswer, type IncidentJournalAnswer } from './detailFold';

const T0 = Date.parse('2025-03-01T08:00:00.000Z');
let seq = 0;
const entry = (type: string, payload: unknown, actor = 'u-op') =>
  ({ seq: ++seq, time: new Date(T0 + seq * 60_000).toISOString(), actor, role: actor === 'system' ? 'system' : 'operator', type, payload, prevHash: '', hash: '' }) as JournalEntry;

function reported(id: string): JournalEntry {
  const at = new Date(T0).toISOString();
  return entry('incident.reported', {
    incident: { id, state: 'reported', title: id, category: 'noise', priority: null, location: { lon: 120.1, lat: 30.2 }, address: null, channels: ['hotline12345'], reportCount: 1, createdAt: at, updatedAt: at, lastSeq: seq + 1, lastAction: 'incident.reported' },
    report: { id: `R${id}`, incidentId: id, channel: 'hotline12345', receivedAt: at, title: id, description: '', category: 'noise', location: null, address: null, reporter: null, takenBy: 'u-op' },
  });
}

function detailOf(id: string): { detail: IncidentDetailAnswer; first: JournalEntry } {
  const first = reported(id);
  const [record] = reduceIncidents(first, () => null);
  return { detail: { ...record!, reports: [(first.payload as { report: IncidentDetailAnswer['reports'][number] }).report] }, first };
}

const none = () => null;

describe('the detail folds the stream', () => {
  it('takes a triage and a feedback about the incident without a read, and keeps its reports', () => {
    const { detail } = detailOf('I-1');
    const triaged = entry('incident.triaged', { incidentId: 'I-1', category: 'fire', priority: 'P2', lead: 'police', coHandlers: [] });
    const feedback = entry('incident.feedbackGiven', { incidentId: 'I-1', text: '已到场', photos: [], settledOnSpot: false });
    const other = entry('incident.triaged', { incidentId: 'I-2', category: 'noise', priority: 'P3', lead: 'police', coHandlers: [] });
    const folded = foldIncidentDetail(detail, [triaged, other, feedback], none);
    expect(folded).toMatchObject({ id: 'I-1', state: 'triaged', priority: 'P2', category: 'fire', lastSeq: feedback.seq, reports: detail.reports });
    expect(folded!.feedback.map((f) => f.text)).toEqual(['已到场']);
    // Entries it already reflects, and entries about others, leave the very same answer.
    expect(foldIncidentDetail(folded!, [triaged, other], none)).toBe(folded);
  });

  it('asks again when a report is merged into it, or a partner is not held', () => {
    const { detail } = detailOf('I-1');
    expect(foldIncidentDetail(detail, [entry('incident.merged', { incidentId: 'I-9', into: 'I-1' })], none)).toBeNull();
    // Merged into an incident this window does not hold: the reducer cannot say; read again.
    expect(foldIncidentDetail(detail, [entry('incident.merged', { incidentId: 'I-1', into: 'I-7' })], none)).toBeNull();
    const { detail: master } = detailOf('I-7');
    expect(foldIncidentDetail(detail, [entry('incident.merged', { incidentId: 'I-1', into: 'I-7' })], (id) => (id === 'I-7' ? master : null))).toMatchObject({ state: 'merged', mergedInto: 'I-7' });
  });

  it('appends the entries about the incident and its merged reports to the timeline, once', () => {
    const { first } = detailOf('I-1');
    const journal: IncidentJournalAnswer = { entries: [first], actors: { 'u-op': '张三' } };
    const triaged = entry('incident.triaged', { incidentId: 'I-1', category: 'fire', priority: 'P2', lead: 'police', coHandlers: [] });
    const child = entry('incident.feedbackGiven', { incidentId: 'C-1', text: 'x', photos: [], settledOnSpot: false });
    const escalated = entry('sla.escalated', { incidentId: 'I-1', clock: 'dispatch', level: 'commander' }, 'system');
    const folded = foldIncidentJournal(journal, [triaged, child, escalated], new Set(['I-1', 'C-1']));
    expect(folded!.entries.map((e) => e.seq)).toEqual([first.seq, triaged.seq, child.seq, escalated.seq]);
    expect(foldIncidentJournal(folded!, [triaged], new Set(['I-1']))).toBe(folded);
    // Someone the answer has no name for: the hub's answer names them.
    expect(foldIncidentJournal(journal, [entry('incident.cancelled', { incidentId: 'I-1', reason: '重复' }, 'u-new')], new Set(['I-1']))).toBeNull();
  });

  it('knows which entries name an incident', () => {
    const ids = new Set(['I-1']);
    expect(namesAny(reported('I-1'), ids)).toBe(true);
    expect(namesAny(entry('incident.unmerged', { incidentId: 'I-2', from: 'I-1' }), ids)).toBe(true);
    expect(namesAny(entry('wall.focused', { incidentId: null }), ids)).toBe(false);
  });
});
