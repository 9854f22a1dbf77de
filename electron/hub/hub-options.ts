// What a hub is started with and what a running one offers, apart from hub.ts so the
// replica's start (replica/replica-hub.ts), which hub.ts calls, can name them too.
import type { HubMode } from '../../shared/domain';
import type { WindowKind } from '../../shared/windows';
import type { NetworkOptions } from './api/serve';
import type { HubCertificate } from './api/tls';
import type { IntakeOptions } from './intake/start';
import type { ReplicaOptions } from './replica/replica-options';

export interface HubOptions extends NetworkOptions {
  dataDir: string;
  demo?: boolean;
  /** With demo: generate and import the demo town when none is imported (default true). */
  demoTown?: boolean;
  /** Folder of the built renderer (vite build output); defaults to out/renderer. */
  rendererDir?: string;
  /** Folder served at /media/demo/ (the demo camera clips); defaults to resources/video. */
  mediaDir?: string;
  log?: (line: string) => void;
  /** Days of generated incident history a new demo room starts with (0: none). */
  demoHistoryDays?: number;
  /** How often overdue SLA clocks are looked for. */
  slaCheckMs?: number;
  /** How often CAP alerts past their `expires` are looked for (default 60 s). */
  alertCheckMs?: number;
  /** How often the five-colour risk map is recomputed (a `risk.changed` entry per colour change); 0: never. */
  riskCheckMs?: number;
  /** How often the risk map's live scores go out on the stream (0: never); a minute by default. */
  riskScoresMs?: number;
  /** How often early warnings are checked (a `warning.raised` entry per new one); 0: never. */
  warningCheckMs?: number;
  /** Live demo traffic (electron/hub/sim): reports per minute, storm ×20, simulated seconds per real second. */
  simulate?: { rate: number; storm?: boolean; speed?: number; seed?: number };
  /** Replica mode (electron/hub/replica): a local copy of this primary, with an outbox. */
  primary?: ReplicaOptions;
  /** Online backups into DIR/backups every so many minutes (primary only; 0 or absent: none). */
  backupEveryMinutes?: number;
  /** How many scheduled backups are kept (default 24). */
  backupKeep?: number;
  /**
   * A signed checkpoint of the journal's head once this many entries follow the last one
   * (default 100); also at every handover and on a clean close. The key is DIR/keys/.
   */
  checkpointEvery?: number;
  /** Intake admission (electron/hub/intake/limiter.ts), status-callback retry settings, and Open311's jurisdiction_id. */
  intake?: Pick<IntakeOptions, 'limits' | 'callbacks' | 'open311'>;
}

export interface RunningHub {
  url: string;
  host: string;
  port: number;
  mode: HubMode;
  /** The certificate the hub serves, for clients to pin; null over plain HTTP (loopback). */
  certificate: HubCertificate | null;
  /** Opens a session for a window the host launches itself (wall windows log in as the wall). */
  issueWindowSession(kind: WindowKind): Promise<string>;
  /**
   * A one-time code (good for 60 s) a wall window the host opens trades for its session
   * (POST /sessions/pair), so no session token is put in a URL or on a command line.
   */
  issueWindowPairing(kind: WindowKind): Promise<string>;
  close(): Promise<void>;
}
