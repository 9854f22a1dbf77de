// One new seat, in a process of its own (its threads cold, as on a seat PC switched on for
// the first time): a replica hub starts from an empty data directory and is timed until it
// serves the primary's last entry. Run by bench/resilience.ts; prints one JSON line.
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DATABASE_FILE, startHub } from '../../electron/hub/hub';
import { checkDatabase } from '../../electron/hub/store/ops/integrity';

export interface NewSeat {
  seconds: number;
  seeded: boolean;
  megabytes: number;
  verified: boolean;
}

// A function, not top-level await: the bench may run this bundled as CommonJS, the form
// the shipped app's threads load in.
async function main(): Promise<void> {
  const [primaryUrl, username, entriesText] = process.argv.slice(2);
  const password = process.env.DUTYDECK_PRIMARY_PASSWORD ?? '';
  const entries = Number(entriesText);
  const dataDir = mkdtempSync(join(tmpdir(), 'dutydeck-bench-seat-'));
  const lines: string[] = [];
  const started = performance.now();
  const seat = await startHub({ dataDir, port: 0, log: (line) => lines.push(line), slaCheckMs: 3_600_000, primary: { url: primaryUrl!, credentials: { username: username!, password } } });
  for (;;) {
    const health = (await (await fetch(`${seat.url}/api/v1/health`)).json()) as { journalSeq: number };
    if (health.journalSeq >= entries) break;
    await new Promise((done) => setTimeout(done, 20));
  }
  const seconds = (performance.now() - started) / 1000;
  await seat.close();
  const check = checkDatabase(join(dataDir, DATABASE_FILE));
  const result: NewSeat = {
    seconds,
    seeded: lines.some((line) => line.includes('seeded from the primary')),
    megabytes: statSync(join(dataDir, DATABASE_FILE)).size / 1e6,
    verified: check.ok && check.journalSeq >= entries,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
