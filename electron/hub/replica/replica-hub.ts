// A hub in replica mode: a seat's local copy of a primary. Windows talk to it exactly as to
// a primary; reads come from the local SQLite copy, sign-ins and commands go to the primary,
// and commands wait in the outbox while the primary is away.
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { DutyFailure } from '../../../shared/errors';
import { isWallKind } from '../../../shared/windows';
import { handlers } from '../api/routes';
import { serve } from '../api/serve';
import { Sessions } from '../api/sessions';
import { JournalStream } from '../api/stream';
import { sendRiskScores } from '../api/risk-scores';
import { Geocoder } from '../geocode/geocoder';
import type { HubOptions, RunningHub } from '../hub-options';
import type { ReplicaOptions } from './replica-options';
import { openStoreClient } from '../store/thread/client';
import { runMaintenance, warmMaintenance } from '../store/ops/maintenance';
import { OUTBOX_FILE, OutboxStore } from '../store/outbox/outbox';
import { startLiveUnits } from '../units/live';
import { PrimaryClient } from './primary-client';
import { OutboxRelay } from './relay';
import { seatLogin } from './seat-auth';
import { seedFromSnapshot, wantsSnapshot, type CacheState } from './seed';
import { ReplicaSync } from './sync';

export type { ReplicaOptions } from './replica-options';

/**
 * A cache that fails SQLite's check or the journal's chain is put aside (kept for a look,
 * never reused) and the replica starts from nothing: the primary has it all. The outbox is
 * another file and is not touched. The check reads the whole file, in its own thread.
 */
export async function ensureSoundCache(file: string, log: (line: string) => void): Promise<CacheState> {
  if (!existsSync(file)) return { state: 'fresh' };
  const check = await runMaintenance({ kind: 'check', file });
  if (check.ok) return { state: 'sound', journalSeq: check.journalSeq };
  const aside = `${file}.corrupt-${Date.now()}`;
  for (const suffix of ['', '-wal', '-shm']) if (existsSync(file + suffix)) renameSync(file + suffix, aside + suffix);
  log(`Replica: the local cache failed its check (${check.reason}); it was moved to ${aside} and will be rebuilt from the primary. The outbox is kept.`);
  return { state: 'rebuilt' };
}

/** How long a starting seat waits to learn how far behind it is; it must open offline too. */
const PROBE_TIMEOUT_MS = 2_000;

export async function startReplicaHub(options: HubOptions & { primary: ReplicaOptions }, databaseFile: string, rendererDir: string, mediaDir: string): Promise<RunningHub> {
  const log = options.log ?? ((line: string) => console.log(line));
  const host = options.host ?? '127.0.0.1';
  mkdirSync(options.dataDir, { recursive: true });
  const file = join(options.dataDir, databaseFile);
  const primary = new PrimaryClient(options.primary.url, undefined, options.primary.fingerprint);
  // The cache is checked, and perhaps seeded, while the store's thread loads: the two
  // threads' start-up is a good part of a new seat's wait.
  warmMaintenance();
  const cacheReady = (async () => {
    const cache = await ensureSoundCache(file, log);
    const probe = new PrimaryClient(options.primary.url, PROBE_TIMEOUT_MS, options.primary.fingerprint);
    const primarySeq = cache.state === 'sound' ? await probe.health().then((h) => h.journalSeq, () => null) : null;
    if (wantsSnapshot(cache, primarySeq)) await seedFromSnapshot(file, probe, options.primary.credentials, log);
    return file;
  })();
  const outbox = new OutboxStore(join(options.dataDir, OUTBOX_FILE));
  const store = await openStoreClient(cacheReady).catch((error: unknown) => {
    outbox.close();
    throw error;
  });
  await store.write.replicaDurability();
  let journalSeq = await store.journal.seq();
  const sync = new ReplicaSync(store, primary, options.primary.credentials, journalSeq, { log, foldWal: () => runMaintenance({ kind: 'checkpoint', file }) });
  const relay = new OutboxRelay(outbox, primary, log);
  sync.onLinkUp(() => void relay.replay());

  // The primary journals sign-ins; this copy's journal is the primary's, so nothing is appended here.
  const sessions = new Sessions(store, { journal: false });
  const live = await startLiveUnits(store);
  const stream = new JournalStream(store, sessions, () => journalSeq, () => ({ type: 'positions', ...live.positions() }));
  store.onAppended((entries) => {
    journalSeq = entries[entries.length - 1]?.seq ?? journalSeq;
    // An admin took a second factor away at the primary (a lost phone): this seat's copy goes too.
    for (const entry of entries) if (entry.type === 'secondFactor.reset') outbox.forgetSecondFactorsOf((entry.payload as { userId: string }).userId);
    stream.publish(entries);
  });
  // Its own address index from the town it copied: autocomplete and pinyin on this seat do not need the primary.
  const geocoder = await Geocoder.start(store, log);
  sync.onTownCopied(() => geocoder.reload());
  const stopRiskScores = sendRiskScores(store, stream, options.riskScoresMs ?? 60_000, log);
  const base = handlers(store, sessions, { mode: 'replica', journalSeq: () => journalSeq, unitPositions: () => live.positions(), geocoder });
  const signedIn = (user: Parameters<typeof base.command>[0]['user']) => {
    if (!user) throw new DutyFailure('unauthenticated', 'Sign in first.');
    return user;
  };
  const closeAll = async () => {
    await sync.stop();
    await relay.stop();
    live.stop();
    stopRiskScores();
    stream.close();
    await store.close();
    outbox.close();
  };
  const serving = await serve(options, options.dataDir, {
    handlers: {
      ...base,
      health: async () => {
        const status = sync.status();
        const open = outbox.open();
        return {
          ok: true,
          mode: 'replica' as const,
          journalSeq,
          primarySeq: status.primarySeq ?? 0,
          lastContact: status.lastContact,
          stale: !status.connected,
          pending: open.filter((i) => i.state === 'pending').length,
          conflicts: open.filter((i) => i.state === 'conflict').length,
          syncError: status.error,
        };
      },
      login: async ({ body, client }) => {
        const { token, user } = await seatLogin(body.username, body.password, { primary, outbox, store, sessions }, { code: body.code, address: client.address });
        return { token, user: { id: user.id, username: user.username, name: user.name, role: user.role } };
      },
      command: async ({ user, body }) => relay.submit(signedIn(user), body),
      outbox: async () => ({
        items: outbox.open().map((i) => ({ id: i.id, userId: i.userId, envelope: i.envelope, createdAt: i.createdAt, state: i.state as 'pending' | 'conflict', error: i.error })),
      }),
      commandBatch: async () => {
        throw new DutyFailure('forbidden', 'A replica takes commands one at a time (POST /commands); batches are for replaying an outbox at the primary.');
      },
      dismissOutbox: async ({ params, user }) => {
        if (signedIn(user).role === 'wall') throw new DutyFailure('forbidden', 'The wall cannot dismiss outbox items.');
        const id = Number(params.id);
        if (!Number.isInteger(id) || !outbox.dismiss(id)) throw new DutyFailure('notFound', `No conflict ${params.id} in this seat's outbox.`, 'id');
        return { ok: true as const };
      },
    },
    sessions,
    stream,
    rendererDir,
    mediaDir,
    log,
  }).catch(async (error: unknown) => {
    await closeAll();
    throw error;
  });
  sync.start();
  relay.startRetrying(options.primary.retryMs ?? 2_000);
  live.start((message) => stream.broadcast(message));
  log(`Replica of ${options.primary.url}: ${journalSeq} journal entries here, ${outbox.pendingCount()} commands waiting in the outbox.`);

  let closing: Promise<void> | undefined;
  return {
    url: serving.url,
    host,
    port: serving.port,
    mode: 'replica',
    certificate: serving.certificate,
    issueWindowSession: async (kind) => {
      if (!isWallKind(kind)) throw new Error(`A ${kind} window signs in with its operator's own account.`);
      // A replica never writes its own journal entries, so it cannot create a wall account.
      const [wall] = await store.access.users('wall');
      if (!wall) throw new Error('The primary has no wall account yet; create one there (npm run dutydeck -- users add --role wall).');
      return sessions.open(wall);
    },
    issueWindowPairing: async (kind) => {
      if (!isWallKind(kind)) throw new Error(`A ${kind} window signs in with its operator's own account.`);
      const [wall] = await store.access.users('wall');
      if (!wall) throw new Error('The primary has no wall account yet; create one there (npm run dutydeck -- users add --role wall).');
      return sessions.pairingCode(wall);
    },
    close: () =>
      (closing ??= (async () => {
        // Stream sockets first: an upgraded connection would keep server.close() waiting.
        stream.close();
        await serving.server.close();
        await closeAll();
      })()),
  };
}
