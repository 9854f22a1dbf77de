// `npm run bench -- crash`: kill -9 trials (e2e/support/crash-trial.ts). A hub process takes a
// burst of commands from 8 clients and is SIGKILLed at a random moment; after the restart the
// commands left unanswered are sent again with the same idempotency key, and the journal is
// checked: nothing acknowledged lost, nothing twice, the hash chain intact. Also run by the
// resilience bench, whose figures include these.
import { performance } from 'node:perf_hooks';
import { crashTrials } from '../e2e/support/crash-trial';
import type { BenchResult } from './support/result';

export const CRASH_TARGET = '≥100 trials, 0 lost, 0 duplicated';

export interface CrashFigures {
  trials: number;
  acknowledged: number;
  resent: number;
  resentLanded: number;
  lost: number;
  duplicated: number;
  changedAnswers: number;
  chainVerified: number;
  seconds: number;
}

export async function crashRuns(count: number): Promise<CrashFigures> {
  const started = performance.now();
  const trials = await crashTrials();
  const total: CrashFigures = { trials: 0, acknowledged: 0, resent: 0, resentLanded: 0, lost: 0, duplicated: 0, changedAnswers: 0, chainVerified: 0, seconds: 0 };
  try {
    for (let i = 0; i < count; i++) {
      const outcome = await trials.trial(i);
      total.trials++;
      total.acknowledged += outcome.acknowledged;
      total.resent += outcome.resent;
      total.resentLanded += outcome.resentLanded;
      total.lost += outcome.lost;
      total.duplicated += outcome.duplicated;
      total.changedAnswers += outcome.changedAnswers;
      if (outcome.chainVerified) total.chainVerified++;
      if (outcome.lost || outcome.duplicated || outcome.changedAnswers || !outcome.chainVerified) {
        process.stdout.write(`  trial ${i} (killed after ${outcome.killedAfterMs} ms): ${JSON.stringify(outcome)}\n`);
      }
      if ((i + 1) % 20 === 0) {
        const seconds = (performance.now() - started) / 1000;
        process.stdout.write(`  crash trials: ${i + 1}/${count} in ${seconds.toFixed(0)} s, ${total.acknowledged} acknowledged, ${total.resent} re-sent (${total.resentLanded} had landed), ${total.lost} lost, ${total.duplicated} duplicated\n`);
      }
    }
  } finally {
    await trials.stop();
  }
  return { ...total, seconds: (performance.now() - started) / 1000 };
}

export const crashPass = (c: CrashFigures) => c.trials >= 100 && c.lost === 0 && c.duplicated === 0 && c.changedAnswers === 0 && c.chainVerified === c.trials;

export function crashFigures(c: CrashFigures): Record<string, string | number> {
  return {
    'crash trials': c.trials,
    'crash: acknowledged commands': c.acknowledged,
    'crash: unanswered at the kill, re-sent with the same key': c.resent,
    'crash: re-sent that had landed before the kill': c.resentLanded,
    'crash: lost': c.lost,
    'crash: duplicated': c.duplicated,
    'crash: keys answering differently': c.changedAnswers,
    'crash: chain verified (trials)': `${c.chainVerified} / ${c.trials}`,
    'crash trials time (s)': c.seconds.toFixed(0),
  };
}

export async function crashBench(): Promise<BenchResult> {
  const runs = await crashRuns(Number(process.env.DUTYDECK_CRASH_TRIALS ?? 100));
  const pass = crashPass(runs);
  return {
    name: 'Crash durability: SIGKILL during a burst, unanswered commands re-sent with their keys',
    figures: { ...crashFigures(runs), [`final: ${CRASH_TARGET}`]: pass ? 'PASS' : 'FAIL' },
    target: `${CRASH_TARGET} (every re-sent command once, keys answering as before, chain verified every trial)`,
    pass,
  };
}
