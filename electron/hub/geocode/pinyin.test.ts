import { describe, expect, it } from 'vitest';
import { isPinyinQuery, pinyinKeys, pinyinMatches } from './pinyin';

describe('pinyin keys of road names', () => {
  it('gives initials and the toneless syllables', () => {
    expect(pinyinKeys('振华路')).toEqual({ initials: 'zhl', full: 'zhenhualu' });
    expect(pinyinKeys('西湖大道')).toEqual({ initials: 'xhdd', full: 'xihudadao' });
  });

  it('reads a polyphone by its context and writes ü as v', () => {
    expect(pinyinKeys('长桥路').full).toBe('changqiaolu');
    expect(pinyinKeys('绿城路').full).toBe('lvchenglu');
  });

  it('matches initials before a run of syllables, and case does not matter', () => {
    const keys = pinyinKeys('振华路');
    expect(pinyinMatches(keys, 'ZH')).toBe('initials');
    expect(pinyinMatches(keys, 'zhenhua')).toBe('full');
    expect(pinyinMatches(keys, 'zx')).toBeNull();
  });

  it('treats only Latin letters as pinyin', () => {
    expect(isPinyinQuery('zhl')).toBe(true);
    expect(isPinyinQuery('振华')).toBe(false);
    expect(isPinyinQuery('zh华')).toBe(false);
  });
});
