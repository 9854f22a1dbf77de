// @vitest-environment jsdom
import { mount, unmount } from '../../app/mount.fixture';
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { dutyError } from '../../../../shared/errors';
import { ApiError, type ApiClient } from '../../app/api';
import { createAppStore } from '../../app/store';
import { incidentSelected } from '../selection/selectionSlice';
import { loggedIn } from '../session/sessionSlice';
import { memorySessionStore } from '../session/sessionStore';
import { IncidentDetail } from './IncidentDetail';
import { actionRequested } from './detailSlice';
import { journalEntriesApplied } from '../../app/journalActions';
import type { ListenerSetup } from '../../app/store';
import { detailListeners } from './detailListeners';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const now = new Date().toISOString();
function record(overrides: Record<string, unknown> = {}) {
  return {
    id: '20261122-0007',
    state: 'triaged',
    title: '夜间施工噪声',
    category: 'noise',
    priority: 'P1',
    location: { lon: 120.08, lat: 30.33 },
    address: '三墩镇振华路 88 号',
    channels: ['hotline12345'],
    reportCount: 1,
    createdAt: now,
    updatedAt: now,
    lastSeq: 2,
    lastAction: 'incident.triaged',
    ownChannels: ['hotline12345'],
    ownReportCount: 1,
    lead: 'cityManagement',
    coHandlers: ['police'],
    gridId: 'G001',
    assignments: [],
    feedback: [],
    mergedInto: null,
    mergedFrom: [],
    stateBeforeMerge: null,
    triagedAt: now,
    dispatchedAt: null,
    acceptedAt: null,
    arrivedAt: null,
    resolvedAt: null,
    closedAt: null,
    reopenCount: 0,
    reason: null,
    resolution: null,
    rating: null,
    escalations: [],
    suspectedDuplicate: null,
    alertExpiredAt: null,
    reports: [
      {
        id: 'R20261122-0007',
        incidentId: '20261122-0007',
        channel: 'hotline12345',
        receivedAt: now,
        title: '夜间施工噪声',
        description: '工地凌晨仍在施工',
        category: 'noise',
        location: { lon: 120.08, lat: 30.33 },
        address: '三墩镇振华路 88 号',
        reporter: { name: '王女士', phone: '138****5678' },
        takenBy: 'u-op',
      },
    ],
    ...overrides,
  };
}

const journal = {
  entries: [
    { seq: 1, time: now, actor: 'u-op', role: 'operator', type: 'incident.reported', payload: { incident: { id: '20261122-0007' }, report: { channel: 'hotline12345', title: '夜间施工噪声' } }, prevHash: '', hash: '' },
    { seq: 2, time: now, actor: 'u-op', role: 'operator', type: 'incident.triaged', payload: { incidentId: '20261122-0007', category: 'noise', priority: 'P1', lead: 'cityManagement', coHandlers: ['police'] }, prevHash: '', hash: '' },
  ],
  actors: { 'u-op': '张三' },
};

function render(role: 'operator' | 'commander', answer: (name: string, options?: { body?: unknown }) => unknown, listeners: readonly ListenerSetup[] = []) {
  const sent: Array<{ name: string; body?: unknown }> = [];
  const api: ApiClient = {
    call: (async (name: string, options?: { body?: unknown }) => {
      sent.push({ name, body: options?.body });
      return answer(name, options);
    }) as ApiClient['call'],
  };
  const store = createAppStore({ api, sessionStore: memorySessionStore(), now: () => Date.now() }, undefined, listeners);
  store.dispatch(loggedIn({ token: 'token', user: { id: 'u-op', username: 'operator1', name: '张三', role } }));
  const container = mount(
    <IncidentDetail />,
    store,
  );
  return { container, sent, store };
}

const byTestId = (container: HTMLElement, id: string) => container.querySelector<HTMLElement>(`[data-testid="${id}"]`);
const settle = () => act(async () => new Promise((resolve) => setTimeout(resolve, 0)));

function hub(overrides: Record<string, unknown> = {}) {
  return (name: string) => {
    if (name in overrides) {
      const value = overrides[name];
      if (value instanceof Error) throw value;
      return value;
    }
    if (name === 'incident') return record();
    if (name === 'incidentJournal') return journal;
    if (name === 'recommendations') {
      return {
        lead: 'cityManagement',
        units: [{ unitId: 'T2', unitName: '城管中队 2', score: 0.91, reasons: { distanceMeters: 420, etaMinutes: 2, status: 'available', openAssignments: 0, region: 'grid', departmentMatch: true } }],
      };
    }
    if (name === 'townCameras') return { items: [{ id: 'C1', name: '振华路口', kind: 'street', location: { lon: 120.0802, lat: 30.3301 }, heading: null, gridId: 'G001', streamUrl: '/media/c1.m3u8' }] };
    throw new ApiError(dutyError('notFound', 'no town'), 404);
  };
}

describe('the incident detail', () => {
  it('asks for a selection until there is one', () => {
    const { container } = render('operator', hub());
    expect(container.textContent).toContain('在左侧队列选择一个事件');
  });

  it('shows the incident, its reports, its timeline in words and the nearest camera', async () => {
    const { container, store } = render('operator', hub());
    act(() => void store.dispatch(incidentSelected('20261122-0007')));
    await settle();
    expect(byTestId(container, 'detail-title')?.textContent).toBe('夜间施工噪声');
    expect(byTestId(container, 'detail-state')?.textContent).toBe('已研判');
    expect(byTestId(container, 'reporter-phone')?.textContent).toBe('138****5678');
    const timeline = [...container.querySelectorAll('[data-testid="timeline-entry"]')].map((li) => li.textContent);
    expect(timeline).toHaveLength(2);
    expect(timeline[1]).toContain('坐席员 张三 研判为 噪声扰民 P1，主办 城管，协办 公安');
    expect(byTestId(container, 'camera-row')?.textContent).toContain('振华路口');
  });

  it('tells an operator that a P1 dispatch needs the commander; the commander gets the button and the recommendations', async () => {
    const operator = render('operator', hub());
    act(() => void operator.store.dispatch(incidentSelected('20261122-0007')));
    await settle();
    const hint = byTestId(operator.container, 'action-incident.dispatch');
    expect(hint?.tagName).toBe('SPAN');
    expect(hint?.dataset.status).toBe('needsCommander');
    expect(hint?.textContent).toContain('需指挥长');
    unmount();

    const commander = render('commander', hub());
    act(() => void commander.store.dispatch(incidentSelected('20261122-0007')));
    await settle();
    expect(byTestId(commander.container, 'recommendation-row')?.textContent).toContain('距离 420 米');
    act(() => window.dispatchEvent(new KeyboardEvent('keydown', { key: '1', bubbles: true })));
    await act(async () => {
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'd', altKey: true, bubbles: true }));
    });
    const command = commander.sent.find((s) => s.name === 'command')?.body as { type: string; payload: unknown };
    expect(command).toMatchObject({ type: 'incident.dispatch', payload: { incidentId: '20261122-0007', unitIds: ['T2'] } });
  });

  it('shows a suspected duplicate with its reasons; Alt+H merges it into the older incident, Alt+I says it is not one', async () => {
    const suspicion = { of: '20261122-0003', score: 0.78, distanceMeters: 15, minutesApart: 8, reasons: ['near', 'soon', 'sameCategory'], at: now };
    const suspected = record({ state: 'reported', priority: null, suspectedDuplicate: suspicion });
    const { container, store, sent } = render('operator', hub({ incident: suspected, command: { ok: true, seq: 9 } }));
    act(() => void store.dispatch(incidentSelected('20261122-0007')));
    await settle();
    const banner = byTestId(container, 'detail-duplicate')!;
    expect(banner.textContent).toContain('疑似重复');
    expect(banner.textContent).toContain('20261122-0003');
    expect(banner.textContent).toContain('相似度 0.78');
    expect(banner.textContent).toContain('相距 15 米 · 相隔 8 分钟 · 同一类别');
    await act(async () => {
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'h', altKey: true, bubbles: true }));
    });
    expect(sent.filter((s) => s.name === 'command').map((s) => s.body)).toMatchObject([{ type: 'incident.merge', payload: { incidentId: '20261122-0007', into: '20261122-0003' } }]);
    await settle();
    await act(async () => {
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'i', altKey: true, bubbles: true }));
    });
    expect(sent.filter((s) => s.name === 'command').map((s) => s.body)).toMatchObject([{ type: 'incident.merge' }, { type: 'incident.dismissDuplicate', payload: { incidentId: '20261122-0007' } }]);
  });

  it('merges an incident with no suspicion into the one the seat names, asked for from the queue', async () => {
    const { container, store, sent } = render('operator', hub({ incident: record({ state: 'reported', priority: null }), command: { ok: true, seq: 9 } }));
    act(() => {
      store.dispatch(incidentSelected('20261122-0007'));
      store.dispatch(actionRequested({ incidentId: '20261122-0007', command: 'incident.merge' }));
    });
    await settle();
    expect(byTestId(container, 'detail-duplicate')).toBeNull();
    const into = container.querySelector<HTMLInputElement>('[data-testid="action-form-incident.merge"] input')!;
    act(() => {
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(into, '20261122-0001');
      into.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(async () => byTestId(container, 'action-submit')!.click());
    expect(sent.find((s) => s.name === 'command')?.body).toMatchObject({ type: 'incident.merge', payload: { incidentId: '20261122-0007', into: '20261122-0001' } });
  });

  it('shows a CAP alert’s facts and its area on the map; Alt+P triages with the grading it suggests', async () => {
    const cap = {
      identifier: 'IOT-7', sender: 'iot@hz.gov.cn', sent: now, msgType: 'Alert', event: '烟感报警', urgency: 'Immediate', severity: 'Severe', certainty: 'Observed',
      senderName: '三墩镇物联感知平台', onset: null, expires: '2026-05-01T10:30:00+08:00', instruction: '疏散二楼人员', web: 'https://iot.example.cn/a/7',
      areas: [{ desc: '振华路沿线厂房', polygons: [], circles: [{ center: [120.08, 30.33], radiusKm: 0.05 }] }],
    };
    const base = record({ state: 'reported', priority: null, category: 'fire', lead: null });
    const alerted = { ...base, reports: [{ ...base.reports[0], channel: 'iot', facts: { cap } }] };
    const { container, store, sent } = render('operator', hub({ incident: alerted, command: { ok: true, seq: 9 }, townBasemap: { boundary: [], roads: [], water: [], blocks: [], landmarks: [] } }));
    act(() => void store.dispatch(incidentSelected('20261122-0007')));
    await settle();
    const facts = byTestId(container, 'report-cap')!;
    expect(facts.textContent).toContain('三墩镇物联感知平台');
    expect(facts.textContent).toContain('严重 · 立即 · 已观测 → P1');
    expect(facts.textContent).toContain('疏散二楼人员');
    expect(byTestId(container, 'action-suggested-triage')?.textContent).toContain('按告警建议研判 P1');
    // The alert's 50 m circle, drawn on the detail map in metres around the incident.
    expect(byTestId(container, 'detail-map-alert-area')?.getAttribute('r')).toBe('50');
    await act(async () => {
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'p', altKey: true, bubbles: true }));
    });
    expect(sent.find((s) => s.name === 'command')?.body).toMatchObject({ type: 'incident.triage', payload: { incidentId: '20261122-0007', category: 'fire', priority: 'P1', coHandlers: [] } });
  });

  it('keeps the numbers beside the recommended units while the commander looks, and reads them again, saying why, when one is sent elsewhere', async () => {
    let answers = 0;
    const base = hub();
    const commander = render('commander', (name) => {
      if (name !== 'recommendations') return base(name);
      answers++;
      return answers === 1
        ? base(name)
        : { lead: 'cityManagement', units: [{ unitId: 'T3', unitName: '城管中队 3', score: 0.8, reasons: { distanceMeters: 900, etaMinutes: 3, status: 'available', openAssignments: 0, region: 'grid', departmentMatch: true } }] };
    }, [detailListeners]);
    act(() => void commander.store.dispatch(incidentSelected('20261122-0007')));
    await settle();
    expect(byTestId(commander.container, 'recommendation-row')?.dataset.unitId).toBe('T2');
    // Another incident's entries that leave the list's units alone: nothing is read.
    act(() => void commander.store.dispatch(journalEntriesApplied([{ seq: 40, time: now, actor: 'u-op', role: 'operator', type: 'incident.dispatched', payload: { incidentId: 'other', units: [{ unitId: 'T9', unitName: '九' }] }, prevHash: '', hash: '' }], Date.now())));
    await settle();
    expect(answers).toBe(1);
    act(() => void commander.store.dispatch(journalEntriesApplied([{ seq: 41, time: now, actor: 'u-op', role: 'operator', type: 'incident.dispatched', payload: { incidentId: 'other', units: [{ unitId: 'T2', unitName: '城管中队 2' }] }, prevHash: '', hash: '' }], Date.now())));
    await settle();
    await settle();
    expect(answers).toBe(2);
    expect(byTestId(commander.container, 'recommendation-row')?.dataset.unitId).toBe('T3');
    expect(byTestId(commander.container, 'recommendations-refreshed')?.textContent).toBe('推荐已更新：城管中队 2 已派往其他事件');
  });

  it('suggests P1 for a gas leak with the reason, one key to take it, and starts the triage form there', async () => {
    const gas = record({ state: 'reported', priority: null, category: 'gasLeak', lead: null });
    const { container, store, sent } = render('operator', hub({ incident: gas, command: { ok: true, seq: 9 } }));
    act(() => void store.dispatch(incidentSelected('20261122-0007')));
    await settle();
    expect(byTestId(container, 'action-suggested-triage')?.textContent).toContain('按建议研判 P1（可能危及生命）');
    act(() => byTestId(container, 'action-incident.triage')!.click());
    expect(container.querySelector<HTMLSelectElement>('#detail-incident-triage-priority')!.value).toBe('P1');
    act(() => window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true })));
    await act(async () => {
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'p', altKey: true, bubbles: true }));
    });
    expect(sent.find((s) => s.name === 'command')?.body).toMatchObject({ type: 'incident.triage', payload: { category: 'gasLeak', priority: 'P1' } });
  });

  it("shows the engine's refusal in words beside the action", async () => {
    const { container, store, sent } = render(
      'operator',
      hub({ command: new ApiError(dutyError('illegalState', 'incident.cancel is not possible now', 'type'), 409) }),
    );
    act(() => void store.dispatch(incidentSelected('20261122-0007')));
    await settle();
    act(() => byTestId(container, 'action-incident.cancel')!.click());
    const reason = container.querySelector<HTMLTextAreaElement>('[data-testid="action-form-incident.cancel"] textarea')!;
    act(() => {
      Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!.call(reason, '重复上报');
      reason.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(async () => byTestId(container, 'action-submit')!.click());
    await settle();
    expect(sent.find((s) => s.name === 'command')?.body).toMatchObject({ type: 'incident.cancel', payload: { incidentId: '20261122-0007', reason: '重复上报' } });
    expect(byTestId(container, 'action-error')?.textContent).toBe('事件当前状态不允许此操作');
    // The form stays open with what was typed, to correct or retry.
    expect(reason.value).toBe('重复上报');
  });
});
