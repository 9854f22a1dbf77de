// @vitest-environment jsdom
import { act } from 'react';
import { mount } from '../../app/mount.fixture';
import { describe, expect, it } from 'vitest';
import type { Incident } from '../../../../shared/domain';
import type { ApiClient } from '../../app/api';
import { ApiError } from '../../app/api';
import { createAppStore } from '../../app/store';
import { openIncidentsLoaded } from '../queue/queueSlice';
import { memorySessionStore } from '../session/sessionStore';
import { CommanderDesk } from './CommanderDesk';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const me = { id: 'c2', username: 'commander2', name: '指挥长 乙', role: 'commander' as const };

function incident(id: string, state: Incident['state'], priority: Incident['priority'], title: string): Incident {
  return {
    id,
    state,
    title,
    category: 'fire',
    priority,
    location: { lon: 120.07, lat: 30.33 },
    address: null,
    channels: ['fire119'],
    reportCount: 1,
    createdAt: '2026-11-22T02:00:00Z',
    updatedAt: '2026-11-22T02:10:00Z',
    lastSeq: 3,
    lastAction: 'x',
  };
}

const SHEET = {
  id: 'H20261122-0001',
  outgoingId: 'c1',
  incomingId: 'c2',
  createdAt: '2026-11-22T08:00:00Z',
  notes: '注意文一西路夜间施工',
  watchList: ['A'],
  openByState: { triaged: 2, resolved: 1 },
  pendingApprovals: ['A', 'B'],
  overdue: ['B'],
  signedOutAt: '2026-11-22T08:00:00Z',
  signedInAt: null,
  checkpoint: { seq: 4812, headHash: `0123abcd${'5'.repeat(48)}89abcdef`, keyId: '9f3c2a1b0d4e5f67' },
};

async function render(refuse: Record<string, string> = {}) {
  const commands: Array<{ type: string; payload: unknown }> = [];
  const api: ApiClient = {
    call: (async (name: string, options?: { body?: { type: string; payload: unknown } }) => {
      if (name === 'shift') return { onDuty: { commanderId: 'c1', since: '2026-11-22T00:00:00Z', handoverId: null }, handovers: [SHEET] };
      if (name === 'roster')
        return {
          onDuty: { commanderId: 'c1', name: '指挥长 甲', since: '2026-11-22T00:00:00Z' },
          users: [
            { id: 'c1', name: '指挥长 甲', role: 'commander', online: true, lastSeenAt: '2026-11-22T08:00:00Z' },
            { id: 'c2', name: '指挥长 乙', role: 'commander', online: true, lastSeenAt: '2026-11-22T08:00:00Z' },
            { id: 'o1', name: '坐席员 王敏', role: 'operator', online: false, lastSeenAt: null },
          ],
        };
      if (name === 'recommendations') return { lead: 'police', units: [{ unitId: 'U1', unitName: '联合执法一组', score: 1, reasons: { distanceMeters: 10, etaMinutes: 1, status: 'available', openAssignments: 0, region: 'grid', departmentMatch: true } }] };
      if (name === 'command') {
        const body = options!.body!;
        if (refuse[body.type]) throw new ApiError({ code: refuse[body.type] as 'conflict', message: 'refused' }, 409);
        commands.push({ type: body.type, payload: body.payload });
        return { ok: true, seq: 10 };
      }
      throw new Error(name);
    }) as ApiClient['call'],
  };
  const store = createAppStore(
    { api, sessionStore: memorySessionStore('T'), now: () => 0 },
    { session: { status: 'authenticated', token: 'T', user: me, loginPending: false, error: null } },
  );
  store.dispatch(openIncidentsLoaded({ items: [incident('A', 'triaged', 'P1', '化工厂冒烟'), incident('B', 'resolved', 'P2', '燃气泄漏已处置'), incident('C', 'triaged', 'P3', '占道经营')], seq: 3 } as never));
  const container = mount(<CommanderDesk />, store);
  // The desk fetches the shift and roster on mount: let those answers land.
  await act(async () => {});
  return { store, commands, container };
}

const flush = () => act(async () => new Promise((r) => setTimeout(r, 0)));
const key = (target: Element, init: KeyboardEventInit) => act(() => void target.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init })));
const items = (c: HTMLElement) => [...c.querySelectorAll('[data-testid="approval-item"]')] as HTMLElement[];

describe('the commander desk', () => {
  it('lists only what waits for a commander, and approves the chosen item with Enter', async () => {
    const { container, commands, store } = await render();
    expect(items(container).map((i) => i.dataset.incidentId)).toEqual(['A', 'B']);
    expect(items(container)[0]!.textContent).toContain('派遣审批');
    expect(items(container)[1]!.textContent).toContain('闭环验收');
    act(() => items(container)[0]!.focus());
    expect(store.getState().selection.incidentId).toBe('A');
    await key(items(container)[0]!, { key: 'Enter' });
    await flush();
    expect(commands).toEqual([{ type: 'incident.dispatch', payload: { incidentId: 'A', unitIds: ['U1'] } }]);
    await key(items(container)[0]!, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(items(container)[1]);
    expect(store.getState().selection.incidentId).toBe('B');
  });

  it('sends the chosen item back with a reason after Alt+N', async () => {
    const { container, commands } = await render();
    act(() => items(container)[1]!.focus());
    await key(document.body, { key: 'n', altKey: true });
    const input = container.querySelector('[data-testid="return-reason"]') as HTMLInputElement;
    expect(document.activeElement).toBe(input);
    act(() => {
      const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
      setter.call(input, '现场仍有积水');
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(async () => (container.querySelector('[data-testid="return-submit"]') as HTMLButtonElement).click());
    await flush();
    expect(commands).toEqual([{ type: 'incident.reopen', payload: { incidentId: 'B', reason: '现场仍有积水' } }]);
  });

  it('shows a refusal in the reader’s words beside the action', async () => {
    const { container } = await render({ 'incident.acceptClosure': 'feedbackRequired' });
    await act(async () => (items(container)[1]!.querySelector('[data-testid="approve-button"]') as HTMLButtonElement).click());
    await flush();
    expect(container.querySelector('[data-testid="action-error"]')?.textContent).toBe('办结前需先提交处置反馈');
  });

  it('shows the sheet addressed to me and signs it', async () => {
    const { container, commands } = await render();
    await key(document.body, { key: '8', altKey: true });
    await flush();
    const sheet = container.querySelector('[data-testid="handover-sheet"]')!;
    expect(sheet.textContent).toContain('指挥长 甲');
    expect(container.querySelector('[data-testid="sheet-open-total"]')?.textContent).toBe('3 件');
    expect(container.querySelector('[data-testid="sheet-urgent"]')?.textContent).toBe('B');
    expect(sheet.textContent).toContain('注意文一西路夜间施工');
    expect(container.querySelector('[data-testid="sheet-head-digest"]')?.textContent).toBe('第 4812 条 · 0123abcd…89abcdef · 密钥 9f3c2a1b0d4e5f67');
    await act(async () => (container.querySelector('[data-testid="sign-handover"]') as HTMLButtonElement).click());
    await flush();
    expect(commands).toEqual([{ type: 'shift.start', payload: { handoverId: 'H20261122-0001' } }]);
  });

  it('lists the room with who is online', async () => {
    const { container } = await render();
    await key(document.body, { key: '9', altKey: true });
    await flush();
    const users = [...container.querySelectorAll('[data-testid="roster-user"]')] as HTMLElement[];
    expect(users.map((u) => [u.querySelector('.roster-name')?.textContent, u.dataset.online])).toEqual([
      ['指挥长 甲', 'true'],
      ['指挥长 乙', 'true'],
      ['坐席员 王敏', 'false'],
    ]);
  });
});
