// Pinyin keys of place names, so a seat can type 振华路 as "zhl" or "zhenhua" on a keyboard
// without an input method switched on (the usual state mid-call). pinyin-pro carries the
// dictionary and the context rules for polyphones (长桥 → changqiao); a hand-made table would
// only cover the demo town's characters and fail on an imported address database.
import { pinyin } from 'pinyin-pro';

export interface PinyinKeys {
  /** First letters of every syllable: 振华路 → zhl. */
  initials: string;
  /** Every syllable without tones, run together: 振华路 → zhenhualu (ü written v). */
  full: string;
}

export function pinyinKeys(name: string): PinyinKeys {
  const syllables = pinyin(name, { toneType: 'none', type: 'array', v: true, nonZh: 'removed' }).map((s) => s.toLowerCase().replace(/[^a-z]/g, '')).filter(Boolean);
  return { initials: syllables.map((s) => s[0]).join(''), full: syllables.join('') };
}

/** Typed text that can only be pinyin: Latin letters, nothing Chinese. */
export function isPinyinQuery(text: string): boolean {
  return /^[a-z]+$/i.test(text);
}

/** Initials match first (what operators type), a run of full syllables second. */
export function pinyinMatches(keys: PinyinKeys, typed: string): 'initials' | 'full' | null {
  const q = typed.toLowerCase();
  if (keys.initials.startsWith(q)) return 'initials';
  if (keys.full.startsWith(q)) return 'full';
  return null;
}
