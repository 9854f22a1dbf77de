import { describe, expect, it } from 'vitest';
import { CHANNELS, INCIDENT_STATES, ROLES } from '../../../shared/domain';
import { ERROR_CODES } from '../../../shared/errors';
import { WINDOW_KINDS } from '../../../shared/windows';
import { en } from './en';
import { describeError, initI18n, storedLanguage } from './index';
import { phraseOf } from './usePhrase';
import { zhCN } from './zh-CN';

function keys(value: object, prefix = ''): string[] {
  return Object.entries(value).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

describe('translations', () => {
  it('have the same keys in Chinese and English', () => {
    expect(keys(en).sort()).toEqual(keys(zhCN).sort());
  });

  it('name every error code, channel, state, role and window kind', () => {
    for (const code of ERROR_CODES) expect(zhCN.error[code]).toBeTruthy();
    for (const channel of CHANNELS) expect(zhCN.channel[channel]).toBeTruthy();
    for (const state of INCIDENT_STATES) expect(zhCN.state[state]).toBeTruthy();
    for (const role of ROLES) expect(zhCN.role[role]).toBeTruthy();
    for (const kind of WINDOW_KINDS) expect(zhCN.window[kind]).toBeTruthy();
  });

  it('use the duty room names for channels', () => {
    expect(zhCN.channel.hotline12345).toBe('12345热线');
    expect(zhCN.channel.gridApp).toBe('网格员上报');
  });

  it('start in Chinese unless English was chosen', () => {
    expect(storedLanguage({ getItem: () => null })).toBe('zh-CN');
    expect(storedLanguage({ getItem: () => 'en' })).toBe('en');
  });

  it('put errors in words and name the field the hub pointed at', () => {
    const zh = initI18n('zh-CN');
    expect(describeError(zh.t, { code: 'forbidden', message: 'role may not' })).toBe('无权执行此操作');
    expect(describeError(zh.t, { code: 'badCredentials', message: 'x' })).toBe('用户名或密码错误');
    expect(describeError(zh.t, { code: 'invalid', message: 'x', path: 'payload.title' })).toBe('输入有误（字段：标题）');
    expect(describeError(zh.t, { code: 'invalid', message: 'x', path: 'payload.mystery' })).toBe('输入有误（字段：payload.mystery）');
    const english = initI18n('en');
    expect(describeError(english.t, { code: 'forbidden', message: 'x' })).toBe('You are not allowed to do this');
  });
});

describe('phrases filled without i18next', () => {
  it('read as t() reads them, in both languages', async () => {
    const i18n = initI18n('zh-CN');
    const cases: Array<[string, Record<string, string | number>]> = [
      ['queue.openCount', { count: 10_000 }],
      ['queueBar.newArrivals', { count: 3 }],
      ['queueBar.shown', { shown: 12, total: 9_876 }],
      ['queueBar.option', { label: '已派遣', count: 0 }],
    ];
    for (const language of ['zh-CN', 'en'] as const) {
      await i18n.changeLanguage(language);
      for (const [key, values] of cases) {
        const filled = phraseOf(i18n.t, key, Object.keys(values))(values);
        expect(filled).toBe(i18n.t(key, values));
        expect(filled).toContain(String(Object.values(values).at(-1)));
      }
    }
  });
});
