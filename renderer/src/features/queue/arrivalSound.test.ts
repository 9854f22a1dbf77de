// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../../../shared/journal/catalog';
import type { ApiClient } from '../../app/api';
import { journalEntriesApplied } from '../../app/journalActions';
import { listenerSetups, listenerSetupsFor } from '../../app/listenerSetups';
import { createAppStore } from '../../app/store';
import { sessionStateWithToken } from '../session/sessionSlice';
import { memorySessionStore } from '../session/sessionStore';
import { arrivalSoundListener } from './arrivalSound';
import { arrivalsSeen } from './queueSlice';

const T0 = '2025-03-01T08:00:00.000Z';

const reported = (seq: number, id: string): JournalEntry => ({
  seq,
  time: T0,
  actor: 'u1',
  role: 'operator',
  type: 'incident.reported',
  payload: {
    incident: {
      id,
      state: 'reported',
      title: `标题 ${id}`,
      category: 'noise',
      priority: null,
      location: { lon: 120.08, lat: 30.33 },
      address: null,
      channels: ['phone'],
      reportCount: 1,
      createdAt: T0,
      updatedAt: T0,
      lastSeq: seq,
      lastAction: 'incident.reported',
    },
    report: { id: `R-${id}`, incidentId: id, channel: 'phone', receivedAt: T0, title: 't', description: '', category: 'noise', location: null, address: '三墩镇', reporter: null, takenBy: 'u1' },
  },
  prevHash: '',
  hash: '',
});
const triaged = (seq: number, id: string): JournalEntry => ({
  seq,
  time: T0,
  actor: 'u1',
  role: 'operator',
  type: 'incident.triaged',
  payload: { incidentId: id, category: 'noise', priority: 'P3', lead: 'cityManagement', coHandlers: [] },
  prevHash: '',
  hash: '',
});

const api: ApiClient = { call: (async (name: string) => Promise.reject(new Error(`no ${name} here`))) as ApiClient['call'] };

function seat() {
  let beeps = 0;
  const store = createAppStore({ api, sessionStore: memorySessionStore('T'), now: () => 0 }, { session: sessionStateWithToken('T') }, [
    ...listenerSetups,
    arrivalSoundListener({ play: () => (beeps += 1) }),
  ]);
  return { store, beeps: () => beeps };
}

afterEach(() => localStorage.clear());

describe('the arrival sound', () => {
  it('beeps once for a batch that brings new incidents, while the machine has it on', () => {
    localStorage.setItem('dutydeck.queue.sound', 'on');
    const { store, beeps } = seat();
    store.dispatch(journalEntriesApplied([reported(1, 'A'), reported(2, 'B'), reported(3, 'C')], 1_000));
    expect(beeps()).toBe(1);
    // Nothing new in the batch, or the operator looking at the queue: silence.
    store.dispatch(journalEntriesApplied([triaged(4, 'A')], 1_100));
    store.dispatch(arrivalsSeen());
    expect(beeps()).toBe(1);
    store.dispatch(journalEntriesApplied([reported(5, 'D')], 1_200));
    expect(beeps()).toBe(2);
  });

  it('stays silent while the machine has it off', () => {
    localStorage.setItem('dutydeck.queue.sound', 'off');
    const { store, beeps } = seat();
    store.dispatch(journalEntriesApplied([reported(1, 'A')], 1_000));
    expect(beeps()).toBe(0);
  });

  it('belongs to the windows that show the queue only', () => {
    expect(listenerSetupsFor('seat')).toHaveLength(listenerSetups.length + 1);
    expect(listenerSetupsFor('command')).toHaveLength(listenerSetups.length + 1);
    expect(listenerSetupsFor('wall-board')).toBe(listenerSetups);
    expect(listenerSetupsFor('wall-map')).toBe(listenerSetups);
  });
});
