// @vitest-environment jsdom
import { mount } from '../../app/mount.fixture';
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import type { ApiClient } from '../../app/api';
import { createAppStore } from '../../app/store';
import { memorySessionStore } from '../session/sessionStore';
import { IntakeForm } from './IntakeForm';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const place = { addressId: 'A1', text: '振华路 88 号', location: { lon: 120.071, lat: 30.327 }, gridId: 'G-012', score: 1 };
const duplicate = {
  incidentId: 'INC-1',
  title: '振华路工地夜间施工噪声',
  state: 'reported',
  category: 'noise',
  createdAt: '2025-03-01T10:00:00Z',
  channels: ['hotline12345'],
  likely: true,
  score: { total: 0.81, distanceMeters: 35, minutesApart: 8, parts: { distance: 0.85, time: 0.98, category: 1, text: 0.62, samePhone: 0, samePlace: 0 } },
};

function render() {
  const commands: Array<{ type: string; payload: unknown }> = [];
  const api: ApiClient = {
    call: (async (name: string, options?: { body?: { type: string; payload: unknown } }) => {
      if (name === 'geocode') return { status: 'unresolved', match: null, candidates: [], suggestions: [place] };
      if (name === 'townLocate') return { grid: { id: 'G-012', name: '振华 3 号网格', level: 'grid', regionHead: null }, ancestors: [{ id: 'J-02', name: '振华', level: 'jointEnforcement', regionHead: '李强' }] };
      if (name === 'duplicates') return { candidates: [duplicate] };
      if (name === 'command') {
        commands.push(options!.body!);
        return options!.body!.type === 'incident.report' ? { ok: true, seq: 5, incidentId: 'INC-9' } : { ok: true, seq: 6, incidentId: 'INC-1' };
      }
      throw new Error(name);
    }) as ApiClient['call'],
  };
  const store = createAppStore({ api, sessionStore: memorySessionStore(), now: () => 0 });
  const container = mount(
    <IntakeForm />,
    store,
  );
  return { container, commands, store };
}

function type(element: HTMLInputElement | HTMLSelectElement, value: string) {
  const proto = Object.getPrototypeOf(element) as object;
  Object.getOwnPropertyDescriptor(proto, 'value')!.set!.call(element, value);
  element.dispatchEvent(new Event(element instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
}
const wait = (ms: number) => act(() => new Promise((r) => setTimeout(r, ms)));
const q = <T extends HTMLElement>(c: HTMLElement, id: string) => c.querySelector<T>(`[data-testid="${id}"]`);
const key = (target: HTMLElement, k: string, mods: KeyboardEventInit = {}) =>
  act(() => void target.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true, ...mods })));

describe('intake helpers', () => {
  it('suggests addresses as the operator types, picks with Enter and shows the grid and region', async () => {
    const { container } = render();
    const address = q<HTMLInputElement>(container, 'intake-address')!;
    act(() => address.focus());
    act(() => type(address, 'zhl88'));
    await wait(200);
    expect([...container.querySelectorAll('[data-testid="address-suggestion"]')].map((e) => e.textContent)).toEqual(['振华路 88 号G-012']);
    await key(address, 'Enter');
    await wait(350);
    expect(address.value).toBe('振华路 88 号');
    expect(q<HTMLInputElement>(container, 'intake-lon')!.value).toBe('120.071000');
    const info = q(container, 'locate-info')!;
    expect(info.textContent).toContain('振华 3 号网格');
    expect(info.textContent).toContain('联勤圈 振华');
    expect(container.querySelector('[data-testid="address-suggestion"]')).toBeNull();
  });

  it('shows likely duplicates with their reasons and merges with Alt+M', async () => {
    const { container, commands, store } = render();
    act(() => {
      type(q<HTMLSelectElement>(container, 'intake-category')!, 'noise');
      type(q<HTMLInputElement>(container, 'intake-title')!, '工地夜间施工噪声');
      type(q<HTMLInputElement>(container, 'intake-lon')!, '120.071');
      type(q<HTMLInputElement>(container, 'intake-lat')!, '30.327');
    });
    await wait(500);
    const row = q(container, 'duplicate-candidate')!;
    expect(row.textContent).toContain('相距 35 米');
    expect(row.textContent).toContain('相隔 8 分钟');
    expect(row.textContent).toContain('同一类别');
    expect(row.textContent).toContain('文字相似 62%');
    expect(q(container, 'merge-button')!.textContent).toContain('Alt+M');

    const title = q<HTMLInputElement>(container, 'intake-title')!;
    await key(title, 'm', { altKey: true });
    await wait(0);
    expect(commands.map((c) => c.type)).toEqual(['incident.report', 'incident.merge']);
    expect(commands[1]!.payload).toEqual({ incidentId: 'INC-9', into: 'INC-1' });
    expect(q(container, 'merge-result')!.textContent).toBe('已并入 #INC-1（新报告 #INC-9）');
    expect(store.getState().selection.incidentId).toBe('INC-1');
  });
});
