// Crash trials: a real hub process takes a burst of commands from several clients and is
// killed with SIGKILL at a random moment; after a restart every command it acknowledged
// (2xx with a seq) must be in the journal exactly once, its idempotency key must still
// answer with the same result, and the hash chain must verify. Used by e2e/crash.test.ts
// (a few trials) and the bench (a hundred and more).
import { startHubProcess, type HubProcess } from './hub-process';

export interface TrialOutcome {
  acknowledged: number;
  /** Acknowledged commands missing after the restart, or present more than once. */
  lost: number;
  duplicated: number;
  /** Acknowledged keys that answered differently after the restart. */
  changedAnswers: number;
  killedAfterMs: number;
}

interface Ack {
  key: string;
  title: string;
  seq: number;
  incidentId: string;
}

async function post(url: string, path: string, body: unknown, token?: string): Promise<{ status: number; body: any }> {
  const response = await fetch(`${url}/api/v1${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

async function get(url: string, path: string, token: string): Promise<any> {
  const response = await fetch(`${url}/api/v1${path}`, { headers: { authorization: `Bearer ${token}` } });
  return response.json();
}

export async function signIn(url: string): Promise<string> {
  return (await post(url, '/sessions', { username: 'operator1', password: 'dutydeck-demo' })).body.token as string;
}

const reportOf = (key: string, title: string) => ({
  type: 'incident.report',
  idempotencyKey: key,
  payload: { channel: 'hotline12345', category: 'streetVending', title, location: { lon: 120.08, lat: 30.33 } },
});

/** `clients` loops sending reports until the hub stops answering; returns what was acknowledged. */
async function burst(url: string, token: string, trial: string, clients: number): Promise<Ack[]> {
  const acks: Ack[] = [];
  let n = 0;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (;;) {
        const i = n++;
        const key = `crash-${trial}-${i}`;
        const title = `压测 ${trial} #${i}`;
        try {
          const answer = await post(url, '/commands', reportOf(key, title), token);
          if (answer.status >= 200 && answer.status < 300) acks.push({ key, title, seq: answer.body.seq, incidentId: answer.body.incidentId });
          else if (answer.status !== 503) throw new Error(`unexpected refusal ${answer.status}: ${JSON.stringify(answer.body)}`);
        } catch (error) {
          if ((error as Error).message.startsWith('unexpected')) throw error;
          return; // the hub is gone
        }
      }
    }),
  );
  return acks;
}

async function check(hub: HubProcess, token: string, acks: Ack[], trial: string, fromSeq: number): Promise<Omit<TrialOutcome, 'acknowledged' | 'killedAfterMs'>> {
  const titles = new Map<string, number>();
  const bySeq = new Map<number, { type: string; payload: any }>();
  for (let after = fromSeq; ; ) {
    const page = await get(hub.url, `/journal?after=${after}&limit=5000`, token);
    for (const e of page.entries) {
      bySeq.set(e.seq, e);
      if (e.type === 'incident.reported' && String(e.payload.report.title).startsWith(`压测 ${trial} `)) titles.set(e.payload.report.title, (titles.get(e.payload.report.title) ?? 0) + 1);
    }
    if (!page.entries.length || page.entries[page.entries.length - 1].seq >= page.last) break;
    after = page.entries[page.entries.length - 1].seq;
  }
  let lost = 0;
  let duplicated = 0;
  let changedAnswers = 0;
  for (const ack of acks) {
    const count = titles.get(ack.title) ?? 0;
    const entry = bySeq.get(ack.seq);
    if (count === 0 || entry?.type !== 'incident.reported' || entry.payload.incident.id !== ack.incidentId) lost++;
    if (count > 1) duplicated++;
  }
  // A client whose answer was lost retries with its key; the hub must answer as before.
  for (const ack of acks.slice(-5)) {
    const again = await post(hub.url, '/commands', reportOf(ack.key, ack.title), token);
    if (again.body?.seq !== ack.seq || again.body?.incidentId !== ack.incidentId) changedAnswers++;
  }
  // Unacknowledged commands may or may not have landed, but never twice.
  for (const count of titles.values()) if (count > 1) duplicated++;
  return { lost, duplicated, changedAnswers };
}

export interface CrashTrials {
  hub: HubProcess;
  /** One trial: burst, SIGKILL at a random moment, restart, check. */
  trial(index: number): Promise<TrialOutcome>;
  stop(): Promise<void>;
}

/** Starts a hub on `dataDir` (a fresh demo room) ready for trials. */
export async function crashTrials(options: { dataDir?: string; clients?: number; maxKillMs?: number; random?: () => number } = {}): Promise<CrashTrials> {
  const random = options.random ?? Math.random;
  let hub = await startHubProcess({ ...(options.dataDir ? { dataDir: options.dataDir } : {}), historyDays: 0 });
  const dataDir = hub.dataDir;
  // Sessions are stored: one sign-in lasts across the restarts.
  const token = await signIn(hub.url);
  return {
    get hub() {
      return hub;
    },
    async trial(index) {
      const trial = `${process.pid}-${index}`;
      const fromSeq = (await (await fetch(`${hub.url}/api/v1/health`)).json()).journalSeq as number;
      const killedAfterMs = Math.round(20 + random() * (options.maxKillMs ?? 400));
      const running = burst(hub.url, token, trial, options.clients ?? 8);
      await new Promise((done) => setTimeout(done, killedAfterMs));
      await hub.stop('SIGKILL');
      const acks = await running;
      hub = await startHubProcess({ dataDir, historyDays: 0 });
      const result = await check(hub, token, acks, trial, fromSeq);
      return { acknowledged: acks.length, killedAfterMs, ...result };
    },
    stop: async () => {
      await hub.stop();
    },
  };
}
