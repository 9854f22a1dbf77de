// Crash trials: a real hub process takes a burst of commands from several clients and is
// killed with SIGKILL at a random moment. After a restart each client sends its unanswered
// command again with the same idempotency key, as a seat's outbox does. Then every command the
// hub acknowledged (2xx with a seq) must be in the journal exactly once, every re-sent command
// exactly once too (also one that had been committed before the kill and only its answer was
// lost), acknowledged keys must still answer as they did, and the hash chain must verify. Used
// by e2e/crash.test.ts (a few trials) and `npm run bench -- crash` (a hundred and more).
import { join } from 'node:path';
import { openDatabase } from '../../electron/hub/store/database';
import { Journal } from '../../electron/hub/store/write/journal';
import { startHubProcess, type HubProcess } from './hub-process';

export interface TrialOutcome {
  acknowledged: number;
  /** Commands in flight when the hub died, sent again after the restart with the same key. */
  resent: number;
  /** …of which the journal already held before they were sent again (committed, answer lost). */
  resentLanded: number;
  /** Acknowledged commands missing after the restart, and re-sent ones that did not land. */
  lost: number;
  /** This trial's commands present more than once. */
  duplicated: number;
  /** Keys that answered differently after the restart (an acknowledged one, or a re-sent one that had landed). */
  changedAnswers: number;
  /** The journal's hash chain verifies after the trial (as `dutydeck verify` checks it). */
  chainVerified: boolean;
  killedAfterMs: number;
}

interface Command {
  key: string;
  title: string;
}

interface Ack extends Command {
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

const reportOf = ({ key, title }: Command) => ({
  type: 'incident.report',
  idempotencyKey: key,
  payload: { channel: 'hotline12345', category: 'streetVending', title, location: { lon: 120.08, lat: 30.33 } },
});

/**
 * `clients` loops sending reports until the hub stops answering. Returns what was acknowledged,
 * and each client's command that was in flight when the hub went away (sent, never answered).
 */
async function burst(url: string, token: string, trial: string, clients: number): Promise<{ acks: Ack[]; unanswered: Command[] }> {
  const acks: Ack[] = [];
  const unanswered: Command[] = [];
  let n = 0;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (;;) {
        const i = n++;
        const command = { key: `crash-${trial}-${i}`, title: `压测 ${trial} #${i}` };
        let answer;
        try {
          answer = await post(url, '/commands', reportOf(command), token);
        } catch {
          unanswered.push(command);
          return; // the hub is gone
        }
        if (answer.status >= 200 && answer.status < 300) acks.push({ ...command, seq: answer.body.seq, incidentId: answer.body.incidentId });
        else if (answer.status === 503) unanswered.push(command); // a hub closing: sent again later, like the rest
        else throw new Error(`unexpected refusal ${answer.status}: ${JSON.stringify(answer.body)}`);
      }
    }),
  );
  return { acks, unanswered };
}

interface Seen {
  /** This trial's titles → the seqs of the `incident.reported` entries that carry them. */
  titles: Map<string, number[]>;
  bySeq: Map<number, { type: string; payload: any }>;
}

async function readJournal(hub: HubProcess, token: string, trial: string, fromSeq: number): Promise<Seen> {
  const titles = new Map<string, number[]>();
  const bySeq = new Map<number, { type: string; payload: any }>();
  for (let after = fromSeq; ; ) {
    const page = await get(hub.url, `/journal?after=${after}&limit=5000`, token);
    for (const e of page.entries) {
      bySeq.set(e.seq, e);
      const title = e.type === 'incident.reported' ? String(e.payload.report.title) : '';
      if (title.startsWith(`压测 ${trial} `)) titles.set(title, [...(titles.get(title) ?? []), e.seq]);
    }
    if (!page.entries.length || page.entries[page.entries.length - 1].seq >= page.last) break;
    after = page.entries[page.entries.length - 1].seq;
  }
  return { titles, bySeq };
}

/** Whether the entry at `seq` is the report of `incidentId`. */
const reports = (seen: Seen, seq: number, incidentId: string) => {
  const entry = seen.bySeq.get(seq);
  return entry?.type === 'incident.reported' && entry.payload.incident.id === incidentId;
};

/** The hash chain of the data directory's journal, read beside the running hub (WAL): null when it verifies. */
export function brokenChain(dataDir: string): string | null {
  const db = openDatabase(join(dataDir, 'dutydeck.sqlite'), { readonly: true });
  try {
    const broken = new Journal(db).verify();
    return broken ? `entry ${broken.seq}: ${broken.reason}` : null;
  } finally {
    db.close();
  }
}

async function check(hub: HubProcess, token: string, trial: string, fromSeq: number, acks: Ack[], unanswered: Command[]): Promise<Omit<TrialOutcome, 'acknowledged' | 'killedAfterMs'>> {
  // What the restarted hub holds before anything is sent again: a command in flight may have
  // been committed with its answer lost on the way.
  const landed = (await readJournal(hub, token, trial, fromSeq)).titles;
  let lost = 0;
  let changedAnswers = 0;
  const resentAnswers: Array<{ command: Command; seq: number; incidentId: string } | null> = [];
  for (const command of unanswered) {
    const answer = await post(hub.url, '/commands', reportOf(command), token);
    const ok = answer.status >= 200 && answer.status < 300 && typeof answer.body?.seq === 'number';
    resentAnswers.push(ok ? { command, seq: answer.body.seq, incidentId: answer.body.incidentId } : null);
    if (!ok) lost++;
  }
  const seen = await readJournal(hub, token, trial, fromSeq);
  const count = (title: string) => seen.titles.get(title)?.length ?? 0;
  for (const ack of acks) if (count(ack.title) === 0 || !reports(seen, ack.seq, ack.incidentId)) lost++;
  let resentLanded = 0;
  for (const resent of resentAnswers) {
    if (!resent) continue;
    if (count(resent.command.title) === 0 || !reports(seen, resent.seq, resent.incidentId)) lost++;
    const before = landed.get(resent.command.title);
    if (before?.length) {
      resentLanded++;
      // Committed before the kill: the key answers with that entry, it does not apply again.
      if (!before.includes(resent.seq)) changedAnswers++;
    }
  }
  // A client whose answer was lost retries with its key; the hub must answer as before.
  for (const ack of acks.slice(-5)) {
    const again = await post(hub.url, '/commands', reportOf(ack), token);
    if (again.body?.seq !== ack.seq || again.body?.incidentId !== ack.incidentId) changedAnswers++;
  }
  // Acknowledged, re-sent or neither: none of this trial's commands twice.
  const duplicated = [...seen.titles.values()].filter((seqs) => seqs.length > 1).length;
  const broken = brokenChain(hub.dataDir);
  if (broken) process.stderr.write(`crash trial ${trial}: the journal does not verify at ${broken}\n`);
  return { resent: unanswered.length, resentLanded, lost, duplicated, changedAnswers, chainVerified: broken === null };
}

export interface CrashTrials {
  hub: HubProcess;
  /** One trial: burst, SIGKILL at a random moment, restart, re-send the unanswered, check. */
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
      const { acks, unanswered } = await running;
      hub = await startHubProcess({ dataDir, historyDays: 0 });
      const result = await check(hub, token, trial, fromSeq, acks, unanswered);
      return { acknowledged: acks.length, killedAfterMs, ...result };
    },
    stop: async () => {
      await hub.stop();
    },
  };
}
