// Top-1 accuracy of the geocoder on a town's perturbed addresses, by perturbation, and how
// often it locates a report on its own (and how often that was wrong: it must be ~never).
import { performance } from 'node:perf_hooks';
import type { GeocodeResult } from './address-index';
import { isCorrect, type GeocodeCase, type Perturbation } from './perturb';

export interface AccuracyReport {
  cases: number;
  top1: number;
  /** Share of cases located without an operator (status 'matched'). */
  matched: number;
  /** Of those, the share that were wrong: a silent wrong location. */
  wrongMatches: number;
  byKind: Record<string, number>;
  perSecond: number;
}

/** `index`: an AddressIndex, or the hub's Geocoder (null before a town is imported: nothing found). */
export function measureAccuracy(index: { geocode(text: string): GeocodeResult | null }, cases: readonly GeocodeCase[]): AccuracyReport {
  const hits = new Map<Perturbation, [number, number]>();
  let top1 = 0;
  let matched = 0;
  let wrong = 0;
  const started = performance.now();
  for (const c of cases) {
    const result = index.geocode(c.text);
    const ok = isCorrect(c, result?.candidates[0]);
    if (ok) top1++;
    if (result?.status === 'matched') {
      matched++;
      if (!isCorrect(c, result.match ?? undefined)) wrong++;
    }
    const [n, h] = hits.get(c.kind) ?? [0, 0];
    hits.set(c.kind, [n + 1, h + (ok ? 1 : 0)]);
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    cases: cases.length,
    top1: top1 / cases.length,
    matched: matched / cases.length,
    wrongMatches: matched ? wrong / matched : 0,
    byKind: Object.fromEntries([...hits].map(([kind, [n, h]]) => [kind, h / n])),
    perSecond: cases.length / seconds,
  };
}
