// What every bench answers bench/run.ts with: its figures, the target it states, and whether
// the figures meet it. Apart from run.ts, which imports every bench, so a bench need not
// import run.ts back.
export interface BenchResult {
  name: string;
  figures: Record<string, number | string>;
  target: string;
  pass: boolean;
}
