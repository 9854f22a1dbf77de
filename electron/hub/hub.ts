// Starting and stopping a hub: the store on its own thread, the API and stream on this one.
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HubMode, User } from '../../shared/domain';
import { setTownTimeZone } from '../../shared/time';
import { isWallKind } from '../../shared/windows';
import { hashPassword } from './api/auth';
import { handlers } from './api/routes';
import { serve } from './api/serve';
import { Sessions } from './api/sessions';
import { sendRiskScores } from './api/risk-scores';
import { JournalStream } from './api/stream';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_SECOND_FACTOR_FILE, ensureDemoSecondFactors } from './demo';
import { ensureDemoHistory } from './town/demo-history';
import { ensureDemoTown } from './town/demo-town';
import { startSimulator, type Simulator } from './sim/simulator';
import { startLiveUnits } from './units/live';
import { openStoreClient, type StoreClient } from './store/thread/client';
import { Geocoder } from './geocode/geocoder';
import { startIntake } from './intake/start';
import { startReplicaHub } from './replica/replica-hub';
import type { HubOptions, RunningHub } from './hub-options';
import { snapshotRoute } from './replica/snapshot-route';
import { warmMaintenance } from './store/ops/maintenance';
import { scheduleBackups, type BackupSchedule } from './resilience/backups';
import { markRunning } from './resilience/lock';
import { KEY_DIR, PUBLIC_KEY_FILE, readPublicKey } from './store/ops/checkpoint-key';
import { DEFAULT_CHECKPOINT_EVERY } from './store/ops/checkpoints';

export const DATABASE_FILE = 'dutydeck.sqlite';

export type { HubOptions, RunningHub } from './hub-options';

const SYSTEM = { userId: 'system', role: 'system' } as const;

function defaultRendererDir(): string {
  // In a source checkout this file is electron/hub/hub.ts; in a bundle, out/electron/*.cjs.
  const here = dirname(fileURLToPath(import.meta.url));
  return here.endsWith(join('electron', 'hub')) ? resolve(here, '../../out/renderer') : resolve(here, '../renderer');
}

/** resources/video at the checkout's root; from a bundle (out/electron) the same two levels up. */
function defaultMediaDir(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '../../resources/video');
}

async function ensureDemoAccounts(store: StoreClient, dataDir: string, log: (line: string) => void): Promise<void> {
  const created: string[] = [];
  const [jointRegion] = await store.town.regions('jointEnforcement');
  const [unit] = await store.duty.units();
  const made: string[] = [];
  for (const { region, unit: forUnit, ...account } of DEMO_ACCOUNTS) {
    if (await store.access.credentialsOf(account.username)) {
      made.push(account.username);
      continue;
    }
    // Without a town (demoTown: false) there is no region or unit to bind them to.
    if ((region && !jointRegion) || (forUnit && !unit)) continue;
    const binding = { ...(region ? { regionId: jointRegion!.id } : {}), ...(forUnit ? { unitId: unit!.id } : {}) };
    await store.write.createUser({ id: randomUUID(), ...account, ...binding, passwordHash: await hashPassword(DEMO_PASSWORD) }, SYSTEM);
    created.push(account.username);
    made.push(account.username);
  }
  const names = made.join(', ');
  log(`Demo mode: accounts ${names} — password "${DEMO_PASSWORD}"${created.length ? ` (created ${created.length} now)` : ''}.`);
  const enrolled = await ensureDemoSecondFactors(store, dataDir, made);
  if (enrolled.length) log(`Demo mode: ${enrolled.join(', ')} sign in with a second factor; their TOTP secrets are in ${join(dataDir, DEMO_SECOND_FACTOR_FILE)}.`);
}

/** The user wall windows run as: the first wall account, else a display account made for it. */
async function wallUser(store: StoreClient): Promise<User> {
  const [existing] = await store.access.users('wall');
  if (existing) return existing;
  return (await store.write.createUser({ id: randomUUID(), username: 'wall-display', name: '大屏', role: 'wall', passwordHash: null }, SYSTEM)).user;
}

/** DUTYDECK_DEMO_HISTORY_DAYS sets the demo room's history for hosts that start the hub themselves. */
function demoHistoryDaysFromEnv(): number {
  const days = Number(process.env.DUTYDECK_DEMO_HISTORY_DAYS ?? 365);
  return Number.isInteger(days) && days >= 0 ? days : 365;
}

export async function startHub(options: HubOptions): Promise<RunningHub> {
  const log = options.log ?? ((line: string) => console.log(line));
  const host = options.host ?? '127.0.0.1';
  mkdirSync(options.dataDir, { recursive: true });
  if (options.primary) {
    const release = markRunning(options.dataDir);
    const replica = await startReplicaHub({ ...options, primary: options.primary }, DATABASE_FILE, options.rendererDir ?? defaultRendererDir(), options.mediaDir ?? defaultMediaDir()).catch((error: unknown) => {
      release();
      throw error;
    });
    return { ...replica, close: () => replica.close().finally(release) };
  }
  const releaseDataDir = markRunning(options.dataDir);
  const checkpoints = { keyDir: join(options.dataDir, KEY_DIR), every: options.checkpointEvery ?? DEFAULT_CHECKPOINT_EVERY };
  // A primary checks every new incident for a likely duplicate (store/thread/worker.ts).
  const store = await openStoreClient(join(options.dataDir, DATABASE_FILE), { checkpoints, suspectDuplicates: true }).catch((error: unknown) => {
    releaseDataDir();
    throw error;
  });
  try {
    if (options.demo && options.demoTown !== false) await ensureDemoTown(store, log);
    // This thread's clock (demo history, Open311 times) keeps the town's zone; the store worker sets its own.
    setTownTimeZone((await store.town.meta())?.timeZone);
    // After the town: the region head and the unit account are bound to its first joint-enforcement region and unit.
    if (options.demo) await ensureDemoAccounts(store, options.dataDir, log);
    if (options.demo && options.demoTown !== false) await ensureDemoHistory(store, options.demoHistoryDays ?? demoHistoryDaysFromEnv(), log);
  } catch (error) {
    await store.close();
    releaseDataDir();
    throw error;
  }
  // Backups and replicas' snapshots run there; started now, the first does not wait for it.
  warmMaintenance();
  let journalSeq = await store.journal.seq();
  let seatIdleMinutes = (await store.duty.config()).sessions.seatIdleMinutes;
  const sessions = new Sessions(store, { seatIdleMinutes: () => seatIdleMinutes });
  const live = await startLiveUnits(store);
  const stream = new JournalStream(store, sessions, () => journalSeq, () => ({ type: 'positions', ...live.positions() }));
  store.onAppended((entries) => {
    journalSeq = entries[entries.length - 1]?.seq ?? journalSeq;
    stream.publish(entries);
    // An admin's new idle limit holds for every seat's session from the next request on.
    if (entries.some((e) => e.type === 'config.updated' && e.payload.key === 'sessions')) {
      void store.duty.config().then((config) => (seatIdleMinutes = config.sessions.seatIdleMinutes));
    }
  });
  const mode: HubMode = 'primary';
  const geocoder = await Geocoder.start(store, log);
  store.onAppended((entries) => geocoder.onEntries(entries));
  const intake = await startIntake(store, geocoder, { demo: options.demo ?? false, log, ...options.intake });
  const serving = await serve(options, options.dataDir, {
    handlers: handlers(store, sessions, { mode, journalSeq: () => journalSeq, unitPositions: () => live.positions(), intake: intake.services, geocoder }),
    sessions,
    stream,
    rendererDir: options.rendererDir ?? defaultRendererDir(),
    mediaDir: options.mediaDir ?? defaultMediaDir(),
    routes: [...intake.routes, snapshotRoute(join(options.dataDir, DATABASE_FILE), options.dataDir, sessions, log)],
    log,
  }).catch(async (error: unknown) => {
    stream.close();
    live.stop();
    await intake.close();
    await store.close();
    releaseDataDir();
    throw error;
  });
  if (serving.certificate) log(`TLS certificate SHA-256 fingerprint: ${serving.certificate.fingerprint256} (replicas pin it with --primary-fingerprint).`);
  // Written down elsewhere, the key id shows later whether the key in the data folder was replaced.
  log(`Journal checkpoints are signed with key ${readPublicKey(join(checkpoints.keyDir, PUBLIC_KEY_FILE)).keyId} (${join(checkpoints.keyDir, PUBLIC_KEY_FILE)}).`);
  // SLA clocks are derived from the journal; this only looks at them regularly, so an
  // escalation due while the hub was down is issued as soon as it is back.
  const escalate = () => void store.write.escalateDue().catch((error: unknown) => log(`SLA check failed: ${(error as Error).message}`));
  escalate();
  const slaTimer = setInterval(escalate, options.slaCheckMs ?? 15_000);
  slaTimer.unref();
  // CAP alerts that passed their `expires`, once a minute: marked, and cancelled when nobody acted.
  const expireAlerts = () => void store.write.expireAlerts().catch((error: unknown) => log(`Alert expiry check failed: ${(error as Error).message}`));
  expireAlerts();
  const alertTimer = setInterval(expireAlerts, options.alertCheckMs ?? 60_000);
  alertTimer.unref();
  // The risk map likewise: only a change of a grid's colour is journaled. Primary only.
  const updateRisk = () => void store.write.updateRisk().catch((error: unknown) => log(`Risk map update failed: ${(error as Error).message}`));
  const riskEvery = options.riskCheckMs ?? 5 * 60_000;
  const riskTimer = mode === 'primary' && riskEvery > 0 ? setInterval(updateRisk, riskEvery) : null;
  riskTimer?.unref();
  const stopRiskScores = sendRiskScores(store, stream, options.riskScoresMs ?? 60_000, log);
  // Early warnings likewise, each raised once as a `warning.raised` entry. Primary only.
  const raiseWarnings = () => void store.write.raiseWarnings().catch((error: unknown) => log(`Early warning check failed: ${(error as Error).message}`));
  const warningEvery = options.warningCheckMs ?? 60_000;
  const warningTimer = mode === 'primary' && warningEvery > 0 ? setInterval(raiseWarnings, warningEvery) : null;
  warningTimer?.unref();
  live.start((message) => stream.broadcast(message));
  const backups: BackupSchedule | null = options.backupEveryMinutes
    ? scheduleBackups(join(options.dataDir, DATABASE_FILE), options.dataDir, options.backupEveryMinutes, options.backupKeep ?? 24, log)
    : null;
  let simulator: Simulator | null = null;
  if (options.simulate) {
    simulator = await startSimulator(store, { ...options.simulate, tracker: live.tracker });
    log(simulator ? simulator.describe() : 'Simulator: no town is imported, so there is nothing to simulate.');
  }
  let closing: Promise<void> | undefined;
  return {
    url: serving.url,
    host,
    port: serving.port,
    mode,
    certificate: serving.certificate,
    issueWindowSession: async (kind) => {
      if (!isWallKind(kind)) throw new Error(`A ${kind} window signs in with its operator's own account.`);
      return sessions.open(await wallUser(store), { method: 'host' });
    },
    issueWindowPairing: async (kind) => {
      if (!isWallKind(kind)) throw new Error(`A ${kind} window signs in with its operator's own account.`);
      return sessions.pairingCode(await wallUser(store));
    },
    close: () =>
      (closing ??= (async () => {
        clearInterval(slaTimer);
        clearInterval(alertTimer);
        if (riskTimer) clearInterval(riskTimer);
        stopRiskScores();
        if (warningTimer) clearInterval(warningTimer);
        await backups?.stop();
        if (simulator) {
          await simulator.stop();
          log(simulator.summary());
        }
        live.stop();
        await intake.close();
        stream.close();
        await serving.server.close();
        await store.close();
        releaseDataDir();
      })()),
  };
}
