// @vitest-environment jsdom
import { mount } from '../../app/mount.fixture';
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import type { ApiClient } from '../../app/api';
import { createAppStore } from '../../app/store';
import { replicaHealthSeen } from '../outbox/outboxSlice';
import { memorySessionStore } from '../session/sessionStore';
import { LinkPill } from './LinkPill';
import { linkStateChanged } from './linkSlice';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

function render() {
  const api: ApiClient = { call: (async () => ({})) as ApiClient['call'] };
  const store = createAppStore({ api, sessionStore: memorySessionStore(), now: () => 0 });
  const container = mount(
    <LinkPill />,
    store,
  );
  const pill = () => container.querySelector<HTMLElement>('[data-testid="link-state"]')!;
  return { store, pill, container };
}

describe('link pill', () => {
  it('shows online, degraded with the waiting count, and offline', () => {
    const { store, pill, container } = render();
    act(() => void store.dispatch(linkStateChanged('online')));
    expect(pill().dataset.state).toBe('online');
    expect(pill().textContent).toContain('在线');
    expect(container.querySelector('[data-testid="link-pending"]')).toBeNull();

    act(() => void store.dispatch(replicaHealthSeen({ stale: true, lastContact: null, pending: 3, conflicts: 1, syncError: null })));
    expect(pill().dataset.state).toBe('degraded');
    expect(pill().textContent).toContain('主站离线');
    expect(container.querySelector('[data-testid="link-pending"]')!.textContent).toBe('待发 3');
    expect(container.querySelector('[data-testid="link-conflicts"]')!.textContent).toBe('冲突 1');

    act(() => void store.dispatch(linkStateChanged('offline')));
    expect(pill().dataset.state).toBe('offline');
    expect(pill().textContent).toContain('离线');
    expect(container.querySelector('[data-testid="link-pending"]')!.textContent).toBe('待发 3');
  });
});
