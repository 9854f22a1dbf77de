// kill -9 during a burst of commands: the commands left unanswered are sent again after the
// restart with their keys, as a seat's outbox does; every acknowledged and every re-sent
// command is then in the journal exactly once, and its hash chain verifies (the bench runs a
// hundred such trials and more).
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

  it('keeps every acknowledged and every re-sent command exactly once across SIGKILL at random moments', async () => {
    let acknowledged = 0;
    let resent = 0;
    for (let i = 0; i < 3; i++) {
      const outcome = await trials.trial(i);
      expect(outcome, `trial ${i} (killed after ${outcome.killedAfterMs} ms)`).toMatchObject({ lost: 0, duplicated: 0, changedAnswers: 0, chainVerified: true });
      acknowledged += outcome.acknowledged;
      resent += outcome.resent;
    }
    expect(acknowledged).toBeGreaterThan(0);
    // Eight clients each have a command in flight when the hub dies: the re-send path ran.
    expect(resent).toBeGreaterThan(0);
  });

  it('`dutydeck verify` reports the journal OK after the crashes', async () => {
    const dataDir = trials.hub.dataDir;
    await trials.stop();
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'electron/cli/dutydeck.ts', 'verify', '--data', dataDir], { encoding: 'utf8' });
    expect(run.stdout).toMatch(/^OK: \d+ journal entries, hash chain intact/);
    expect(run.status).toBe(0);
  });
});
