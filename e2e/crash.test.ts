// kill -9 during a burst of commands: every acknowledged command survives exactly once, and
// the journal's hash chain verifies (the bench runs a hundred such trials and more).
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crashTrials, type CrashTrials } from './support/crash-trial';

describe('crash safety of a hub', () => {
  let trials: CrashTrials;

  beforeAll(async () => {
    trials = await crashTrials();
  });

  afterAll(async () => {
    await trials?.stop();
  });

  it('keeps every acknowledged command exactly once across SIGKILL at random moments', async () => {
    let acknowledged = 0;
    for (let i = 0; i < 3; i++) {
      const outcome = await trials.trial(i);
      expect(outcome, `trial ${i} (killed after ${outcome.killedAfterMs} ms)`).toMatchObject({ lost: 0, duplicated: 0, changedAnswers: 0 });
      acknowledged += outcome.acknowledged;
    }
    expect(acknowledged).toBeGreaterThan(0);
  });

  it('`dutydeck verify` reports the journal OK after the crashes', async () => {
    const dataDir = trials.hub.dataDir;
    await trials.stop();
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'electron/cli/dutydeck.ts', 'verify', '--data', dataDir], { encoding: 'utf8' });
    expect(run.stdout).toMatch(/^OK: \d+ journal entries, hash chain intact/);
    expect(run.status).toBe(0);
  });
});
