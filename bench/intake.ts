// Intake under load: channels' systems POST reports to a real hub process at a fixed rate
// (open loop: the sources do not slow down because the hub does), a wall client on the
// stream times intake → visible, 429s are counted and resent after Retry-After as a source
// would, and after the burst the hub is killed (-9) and restarted to check that every
// acknowledged report is in the journal. Also: geocoding top-1 accuracy and rate.
import { performance } from 'node:perf_hooks';
import { startHubProcess } from '../e2e/support/hub-process';
import { measureAccuracy } from '../electron/hub/geocode/accuracy';
import { AddressIndex } from '../electron/hub/geocode/address-index';
import { geocodeCases } from '../electron/hub/geocode/perturb';
import { generateTown } from '../electron/hub/town/generate';
import { Random } from '../electron/hub/town/random';
import type { JournalEntry } from '../shared/journal/catalog';
import { adminPrefixes } from '../shared/geo/address';
import { addressColumns, type AddressColumns, type TownAdmin } from '../shared/town';
import { INTAKE_CHANNELS } from '../shared/protocol/intake';
import { login, subscribe } from './support/clients';
import { fmt, percentile } from './support/stats';
import type { BenchResult } from './support/result';

const RATE = Number(process.env.INTAKE_RATE ?? 500);
const SECONDS = Number(process.env.INTAKE_SECONDS ?? 10);
/** The sources' connection pool: reports beyond it wait at the source (counted as backlog). */
const MAX_OUTSTANDING = Number(process.env.INTAKE_CLIENTS ?? 128);

const CODES: Record<string, string> = { hotline12345: '0302', police110: '02', fire119: 'FIRE', cityManagement: 'SJ0101', gridApp: 'noise', iot: 'smoke', videoAi: 'vendor' };

function geocoding(rows: AddressColumns[], admin: TownAdmin | undefined) {
  const index = new AddressIndex(rows, adminPrefixes(admin));
  const report = measureAccuracy(index, geocodeCases(rows, admin, 5_000, 2026));
  return report;
}

export async function intakeBench(): Promise<BenchResult> {
  const town = generateTown(1);
  const rows = town.addresses.map(addressColumns);
  const heapBefore = process.memoryUsage().heapUsed;
  const geo = geocoding(rows, town.admin);
  const indexMb = (process.memoryUsage().heapUsed - heapBefore) / 1048576;
  const writtenAddresses = geocodeCases(rows, town.admin, 2_000, 99).map((c) => c.text);

  let hub = await startHubProcess();
  const dataDir = hub.dataDir;
  try {
    const wall = await login(hub.url, 'wall1');
    const health = (await (await fetch(`${hub.url}/api/v1/health`)).json()) as { journalSeq: number };
    const sentAt = new Map<string, number>();
    const seenAt = new Map<string, number>();
    const stream = await subscribe(hub.url, wall, health.journalSeq, (entry: JournalEntry) => {
      if (entry.type !== 'incident.reported') return;
      seenAt.set((entry.payload as { incident: { id: string } }).incident.id, performance.now());
    });

    const acknowledged = new Set<string>();
    let tooMany = 0;
    let otherErrors = 0;
    let backlog = 0;
    let outstanding = 0;
    const latencies: number[] = [];
    const rng = new Random(5);
    const runId = Date.now().toString(36);

    const sendOne = async (i: number): Promise<void> => {
      const channel = INTAKE_CHANNELS[i % INTAKE_CHANNELS.length]!;
      const byAddress = i % 3 === 0;
      const body = JSON.stringify({
        externalId: `bench-${runId}-${i}`,
        time: new Date().toISOString(),
        categoryCode: CODES[channel],
        text: `压测上报 ${i}：占道经营，请核实处理。`,
        ...(byAddress ? { address: writtenAddresses[i % writtenAddresses.length] } : { location: { lon: 120.04 + rng.next() * 0.08, lat: 30.3 + rng.next() * 0.06 } }),
      });
      const started = performance.now();
      for (let attempt = 0; attempt < 20; attempt++) {
        const response = await fetch(`${hub.url}/api/v1/ingest/${channel}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer dutydeck-demo-${channel}` },
          body,
        }).catch(() => null);
        if (response && (response.status === 201 || response.status === 200)) {
          const { incidentId } = (await response.json()) as { incidentId: string };
          acknowledged.add(incidentId);
          sentAt.set(incidentId, started);
          return;
        }
        if (response?.status === 429) {
          tooMany++;
          await response.arrayBuffer();
          await new Promise((r) => setTimeout(r, Number(response.headers.get('retry-after') ?? 1) * 1000));
          continue;
        }
        otherErrors++;
        await response?.arrayBuffer();
        return;
      }
    };

    // Open loop at RATE per second for SECONDS.
    const total = RATE * SECONDS;
    const t0 = performance.now();
    const inFlight: Array<Promise<void>> = [];
    let firstAckedWithin = 0;
    for (let i = 0; i < total; i++) {
      const due = t0 + (i * 1000) / RATE;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      while (outstanding >= MAX_OUTSTANDING) {
        backlog++;
        await Promise.race(inFlight);
      }
      outstanding++;
      const p = sendOne(i).finally(() => {
        outstanding--;
        inFlight.splice(inFlight.indexOf(p), 1);
      });
      inFlight.push(p);
    }
    const sendSeconds = (performance.now() - t0) / 1000;
    firstAckedWithin = acknowledged.size;
    await Promise.all(inFlight);
    const drainSeconds = (performance.now() - t0) / 1000;
    await new Promise((r) => setTimeout(r, 1500));
    stream.close();
    for (const [id, start] of sentAt) {
      const seen = seenAt.get(id);
      if (seen !== undefined) latencies.push(seen - start);
    }
    const notSeen = [...acknowledged].filter((id) => !seenAt.has(id)).length;

    // Kill -9 and restart on the same data: every acknowledged report must be in the journal.
    await hub.stop('SIGKILL');
    hub = await startHubProcess({ dataDir });
    const admin = await login(hub.url, 'admin', { dataDir });
    const inJournal = new Set<string>();
    for (let after = health.journalSeq; ; ) {
      const page = (await (await fetch(`${hub.url}/api/v1/journal?after=${after}&limit=5000`, { headers: { authorization: `Bearer ${admin}` } })).json()) as { entries: JournalEntry[] };
      if (!page.entries.length) break;
      for (const e of page.entries) if (e.type === 'incident.reported') inJournal.add((e.payload as { incident: { id: string } }).incident.id);
      after = page.entries[page.entries.length - 1]!.seq;
    }
    const lost = [...acknowledged].filter((id) => !inJournal.has(id)).length;
    const rate = acknowledged.size / drainSeconds;
    const p99 = percentile(latencies, 99);
    return {
      name: `intake: ${RATE} reports/s offered for ${SECONDS} s over HTTP (7 channels, 1/3 by address text), hub in its own process; geocoder in-process`,
      figures: {
        offered_per_s: RATE,
        offered: total,
        acknowledged: acknowledged.size,
        acknowledged_while_sending: firstAckedWithin,
        sustained_ack_per_s: Number(fmt(rate, 1)),
        send_seconds: Number(fmt(sendSeconds, 1)),
        drain_seconds: Number(fmt(drainSeconds, 1)),
        responses_429: tooMany,
        other_errors: otherErrors,
        source_backlog_waits: backlog,
        intake_to_visible_p50_ms: Number(fmt(percentile(latencies, 50))),
        intake_to_visible_p99_ms: Number(fmt(p99)),
        acknowledged_not_seen_on_stream: notSeen,
        lost_acknowledgements_after_kill9: lost,
        geocode_top1: Number(fmt(geo.top1, 4)),
        geocode_auto_located: Number(fmt(geo.matched, 4)),
        geocode_wrong_auto_locations: Number(fmt(geo.wrongMatches, 4)),
        geocode_typo_top1: Number(fmt(geo.byKind.typo ?? NaN, 3)),
        geocode_per_s: Math.round(geo.perSecond),
        geocode_index_heap_mb: Number(fmt(indexMb, 1)),
      },
      target: `${RATE}/s sustained, 0 lost, 429 not errors beyond capacity; geocoding top-1 ≥ 0.95`,
      pass: lost === 0 && otherErrors === 0 && rate >= RATE * 0.95 && geo.top1 >= 0.95,
    };
  } finally {
    await hub.stop();
  }
}
