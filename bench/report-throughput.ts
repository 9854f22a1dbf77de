// incident.report durable throughput through the whole hub (HTTP, validation, engine, hash
// chain, projections, group commit) against raw better-sqlite3 inserts of the same rows,
// each acknowledged durably on its own — what a seat would need without the hub.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { startHubProcess } from '../e2e/support/hub-process';
import { login, postReport, reportBody } from './support/clients';
import { fmt, median } from './support/stats';
import type { BenchResult } from './support/result';

function rawRows(i: number) {
  const body = JSON.parse(reportBody(i, 'raw')) as {
    payload: { title: string; category: string; channel: string; description: string; address: string; location: { lon: number; lat: number }; reporter: unknown };
  };
  const p = body.payload;
  const at = new Date().toISOString();
  const id = `raw-${i}`;
  return {
    incident: [id, 'reported', 1, p.title, p.category, null, p.location.lon, p.location.lat, p.address, JSON.stringify([p.channel]), 1, at, at, i, 'incident.reported'],
    report: [`R${id}`, id, p.channel, at, p.title, p.description, p.category, p.location.lon, p.location.lat, p.address, JSON.stringify(p.reporter), 'bench'],
  };
}

/** Raw inserts: the same two rows per report, one durable transaction each (WAL, synchronous=FULL). */
function rawInsertsPerSecond(count: number, perTransaction: number): number {
  const db = new Database(join(mkdtempSync(join(tmpdir(), 'dutydeck-raw-')), 'raw.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(`CREATE TABLE incidents (id TEXT PRIMARY KEY, state TEXT, open INTEGER, title TEXT, category TEXT, priority TEXT, lon REAL, lat REAL, address TEXT, channels TEXT, report_count INTEGER, created_at TEXT, updated_at TEXT, last_seq INTEGER, last_action TEXT);
           CREATE TABLE reports (id TEXT PRIMARY KEY, incident_id TEXT, channel TEXT, received_at TEXT, title TEXT, description TEXT, category TEXT, lon REAL, lat REAL, address TEXT, reporter TEXT, taken_by TEXT);`);
  const insertIncident = db.prepare('INSERT INTO incidents VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)');
  const insertReport = db.prepare('INSERT INTO reports VALUES (?,?,?,?,?,?,?,?,?,?,?,?)');
  const insertMany = db.transaction((rows: ReturnType<typeof rawRows>[]) => {
    for (const row of rows) {
      insertIncident.run(...row.incident);
      insertReport.run(...row.report);
    }
  });
  const rows = Array.from({ length: count }, (_, i) => rawRows(i));
  const started = performance.now();
  for (let i = 0; i < rows.length; i += perTransaction) insertMany(rows.slice(i, i + perTransaction));
  const seconds = (performance.now() - started) / 1000;
  db.close();
  return count / seconds;
}

async function hubReportsPerSecond(url: string, token: string, count: number, concurrency: number, round: number): Promise<number> {
  const bodies = Array.from({ length: count }, (_, i) => reportBody(i, `tp${round}`));
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < bodies.length) await postReport(url, token, bodies[next++]!);
    }),
  );
  return count / ((performance.now() - started) / 1000);
}

export async function reportThroughput(count = 2000, rounds = 3, concurrency = 32): Promise<BenchResult> {
  const hub = await startHubProcess();
  try {
    const token = await login(hub.url, 'operator1');
    await hubReportsPerSecond(hub.url, token, 200, concurrency, -1); // warm-up
    const hub_rps: number[] = [];
    const raw_rps: number[] = [];
    const rawBatched_rps: number[] = [];
    for (let round = 0; round < rounds; round++) {
      raw_rps.push(rawInsertsPerSecond(count, 1));
      hub_rps.push(await hubReportsPerSecond(hub.url, token, count, concurrency, round));
      rawBatched_rps.push(rawInsertsPerSecond(count, count));
    }
    const ratio = median(hub_rps) / median(raw_rps);
    return {
      name: `incident.report durable throughput: hub over HTTP (${concurrency} clients in flight) vs raw better-sqlite3 inserts of the same rows`,
      figures: {
        reports_per_round: count,
        rounds,
        hub_reports_per_s_median: Number(fmt(median(hub_rps), 0)),
        raw_one_txn_per_report_per_s_median: Number(fmt(median(raw_rps), 0)),
        ratio_hub_to_raw: Number(fmt(ratio)),
        raw_all_in_one_txn_per_s_median: Number(fmt(median(rawBatched_rps), 0)),
        ratio_hub_to_raw_single_txn: Number(fmt(median(hub_rps) / median(rawBatched_rps), 3)),
      },
      target: 'ratio_hub_to_raw ≥ 0.3',
      pass: ratio >= 0.3,
    };
  } finally {
    await hub.stop();
  }
}
