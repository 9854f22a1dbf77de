// Report → visible on another client: one seat posts, a wall client on the stream sees it.
import { performance } from 'node:perf_hooks';
import { startHubProcess } from '../e2e/support/hub-process';
import { login, postReport, reportBody, subscribe } from './support/clients';
import { fmt, percentile } from './support/stats';
import type { BenchResult } from './support/result';

const WARM_UP = 20;

export async function reportLatency(count = 1000): Promise<BenchResult> {
  const hub = await startHubProcess();
  try {
    const seat = await login(hub.url, 'operator1');
    const wall = await login(hub.url, 'wall1');
    const health = (await (await fetch(`${hub.url}/api/v1/health`)).json()) as { journalSeq: number };
    // The entry can reach the wall before the seat has its answer: keep both sides' times.
    const arrived = new Map<string, number>();
    const waiting = new Map<string, (at: number) => void>();
    const stream = await subscribe(hub.url, wall, health.journalSeq, (entry) => {
      const id = (entry.payload as { incident?: { id: string } }).incident?.id;
      if (!id) return;
      const now = performance.now();
      const waiter = waiting.get(id);
      if (waiter) waiter(now);
      else arrived.set(id, now);
    });
    const latencies: number[] = [];
    let notSeen = 0;
    for (let i = 0; i < WARM_UP + count; i++) {
      const started = performance.now();
      const { incidentId } = await postReport(hub.url, seat, reportBody(i, 'latency'));
      const seenAt = await new Promise<number>((resolve) => {
        const early = arrived.get(incidentId);
        if (early !== undefined) return resolve(early);
        const timer = setTimeout(() => resolve(NaN), 5_000);
        waiting.set(incidentId, (at) => {
          clearTimeout(timer);
          resolve(at);
        });
      });
      if (i < WARM_UP) continue;
      if (Number.isNaN(seenAt)) notSeen++;
      else latencies.push(seenAt - started);
    }
    stream.close();
    const p99 = percentile(latencies, 99);
    return {
      name: 'report → visible on another client (HTTP POST by a seat → WebSocket entry at a wall, loopback, hub in its own process)',
      figures: {
        reports: count,
        p50_ms: Number(fmt(percentile(latencies, 50))),
        p99_ms: Number(fmt(p99)),
        max_ms: Number(fmt(Math.max(...latencies))),
        not_seen_within_5s: notSeen,
      },
      target: 'p99 ≤ 100 ms, none lost',
      pass: notSeen === 0 && p99 <= 100,
    };
  } finally {
    await hub.stop();
  }
}
