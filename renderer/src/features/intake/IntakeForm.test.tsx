// @vitest-environment jsdom
import { mount } from '../../app/mount.fixture';
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import type { ApiClient } from '../../app/api';
import { createAppStore } from '../../app/store';
import { memorySessionStore } from '../session/sessionStore';
import { IntakeForm } from './IntakeForm';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

function render() {
  const sent: unknown[] = [];
  const api: ApiClient = {
    call: (async (_name: string, options?: { body?: unknown }) => {
      sent.push(options?.body);
      return { ok: true, seq: 9, incidentId: '20250301-0009' };
    }) as ApiClient['call'],
  };
  const store = createAppStore({ api, sessionStore: memorySessionStore(), now: () => 0 });
  const container = mount(
    <IntakeForm />,
    store,
  );
  return { container, sent };
}

function type(element: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement, value: string) {
  const proto = Object.getPrototypeOf(element) as object;
  Object.getOwnPropertyDescriptor(proto, 'value')!.set!.call(element, value);
  element.dispatchEvent(new Event(element instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
}

const byTestId = <T extends HTMLElement>(container: HTMLElement, id: string) => container.querySelector<T>(`[data-testid="${id}"]`)!;

describe('intake form', () => {
  it('labels every field', () => {
    const { container } = render();
    for (const field of container.querySelectorAll('input, select, textarea')) {
      const label = container.querySelector(`label[for="${field.id}"]`);
      expect(label?.textContent, field.getAttribute('data-testid') ?? '').toBeTruthy();
    }
    expect(byTestId<HTMLSelectElement>(container, 'intake-channel').textContent).toContain('12345热线');
  });

  it('submits with Ctrl+Enter and reports the new incident id', async () => {
    const { container, sent } = render();
    act(() => {
      type(byTestId(container, 'intake-category'), 'noise');
      type(byTestId(container, 'intake-title'), '广场舞噪声');
      type(byTestId(container, 'intake-address'), '三墩镇文化广场');
    });
    await act(async () => {
      byTestId(container, 'intake-title').dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true, bubbles: true }));
    });
    expect(sent).toHaveLength(1);
    expect(byTestId(container, 'intake-result').textContent).toBe('受理成功：20250301-0009');
    expect(document.activeElement).toBe(byTestId(container, 'intake-title'));
  });

  it('shows what is missing in words before sending', async () => {
    const { container, sent } = render();
    act(() => {
      type(byTestId(container, 'intake-category'), 'noise');
      type(byTestId(container, 'intake-title'), '无地址');
    });
    await act(async () => byTestId(container, 'intake-submit').click());
    expect(sent).toHaveLength(0);
    expect(byTestId(container, 'intake-error').textContent).toContain('地址与坐标至少填写一项');
  });
});
