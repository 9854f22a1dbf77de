// Owns the duty room's BrowserWindows: opens them where the plan says, moves them when
// displays come and go, remembers where the user puts them, and brings a crashed or hung
// renderer back. The decisions themselves live in window-plan.ts and crash-policy.ts.
import { BrowserWindow, screen, type Display } from 'electron';
import { isWallKind, type WindowBootstrap, type WindowKind } from '../../shared/windows';
import { encodeBootstrapArg, WINDOW_TOKEN_CHANNEL, windowUrl } from './bootstrap';
import { CrashPolicy } from './crash-policy';
import { readLayout, writeLayout } from './layout-store';
import { answerTrustedSync, secureWebPreferences } from './security';
import { planWindows, type DisplayInfo, type PlanOptions, type PlannedWindow, type SavedLayout } from './window-plan';

export interface WindowHostOptions {
  hubUrl: string;
  preload: string;
  layoutFile: string;
  plan: PlanOptions;
  issueWindowSession(kind: WindowKind): Promise<string>;
  log(line: string): void;
}

/** Our own setBounds/setFullScreen fire move events too; those are not the user's doing. */
const OWN_MOVE_GRACE_MS = 1500;
/** Moves arrive in bursts while dragging; save once the window has settled. */
const SAVE_DEBOUNCE_MS = 800;
/** A renderer unresponsive this long is restarted (via a crash, so the backoff applies). */
const HUNG_RENDERER_MS = 30_000;

const TITLES: Record<WindowKind, string> = {
  seat: 'DutyDeck · 坐席',
  command: 'DutyDeck · 指挥',
  'wall-map': 'DutyDeck · 大屏 地图',
  'wall-video': 'DutyDeck · 大屏 视频',
  'wall-board': 'DutyDeck · 大屏 看板',
  briefing: 'DutyDeck · 每日会商',
};

export function toDisplayInfo(display: Display, primaryId: number): DisplayInfo {
  return { id: display.id, bounds: display.bounds, workArea: display.workArea, primary: display.id === primaryId };
}

export function currentDisplays(): DisplayInfo[] {
  const primaryId = screen.getPrimaryDisplay().id;
  return screen.getAllDisplays().map((d) => toDisplayInfo(d, primaryId));
}

export class WindowHost {
  private readonly windows = new Map<WindowKind, BrowserWindow>();
  /** Wall windows' sessions by webContents id, handed to each window's own preload only. */
  private readonly tokens = new Map<number, string>();
  private layout: SavedLayout = { windows: {} };
  private ownMoveUntil = 0;

  constructor(private readonly options: WindowHostOptions) {}

  async open(): Promise<void> {
    answerTrustedSync(WINDOW_TOKEN_CHANNEL, new URL(this.options.hubUrl).origin, (event) => this.tokens.get(event.sender.id) ?? null);
    this.layout = await readLayout(this.options.layoutFile, this.options.log);
    const plan = planWindows(currentDisplays(), this.layout, this.options.plan);
    for (const planned of plan) {
      const token = isWallKind(planned.kind) ? await this.options.issueWindowSession(planned.kind) : undefined;
      this.create(planned, token === undefined ? { kind: planned.kind, hubUrl: this.options.hubUrl } : { kind: planned.kind, hubUrl: this.options.hubUrl, token });
    }
  }

  /** Displays changed: plan again and move every open window, so none is left off-screen. */
  replan(): void {
    const plan = planWindows(currentDisplays(), this.layout, this.options.plan);
    for (const planned of plan) {
      const win = this.windows.get(planned.kind);
      if (win && !win.isDestroyed()) this.place(win, planned);
    }
  }

  focusConsole(): void {
    const win = this.windows.get(this.options.plan.console ?? 'seat') ?? [...this.windows.values()][0];
    if (!win || win.isDestroyed()) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  }

  private create(planned: PlannedWindow, bootstrap: WindowBootstrap): void {
    const { kind } = planned;
    this.ownMoveUntil = Date.now() + OWN_MOVE_GRACE_MS;
    const win = new BrowserWindow({
      ...planned.bounds,
      fullscreen: planned.fullscreen,
      show: false,
      title: TITLES[kind],
      backgroundColor: '#0b1320',
      autoHideMenuBar: true,
      webPreferences: secureWebPreferences(this.options.preload, [encodeBootstrapArg(bootstrap)]),
    });
    this.windows.set(kind, win);
    const contentsId = win.webContents.id;
    if (bootstrap.token !== undefined) this.tokens.set(contentsId, bootstrap.token);
    const url = windowUrl(this.options.hubUrl, kind);
    win.once('ready-to-show', () => win.show());
    win.on('closed', () => {
      this.windows.delete(kind);
      this.tokens.delete(contentsId);
    });
    this.watchUserMoves(kind, win);
    this.recoverCrashes(kind, win, url);
    win.loadURL(url).catch((err: unknown) => this.options.log(`${kind} window failed to load ${url}: ${String(err)}`));
  }

  private place(win: BrowserWindow, planned: PlannedWindow): void {
    this.ownMoveUntil = Date.now() + OWN_MOVE_GRACE_MS;
    const apply = () => {
      this.ownMoveUntil = Date.now() + OWN_MOVE_GRACE_MS;
      win.setBounds(planned.bounds);
      if (planned.fullscreen) win.setFullScreen(true);
    };
    // A fullscreen window must leave fullscreen before it can move to another display;
    // on macOS that is animated, so wait for it.
    if (win.isFullScreen()) {
      // Some Linux window managers never confirm leaving fullscreen; move on after a second.
      let done = false;
      const once = () => {
        if (done || win.isDestroyed()) return;
        done = true;
        apply();
      };
      win.once('leave-full-screen', once);
      setTimeout(once, 1000);
      win.setFullScreen(false);
    } else {
      apply();
    }
  }

  private watchUserMoves(kind: WindowKind, win: BrowserWindow): void {
    let timer: NodeJS.Timeout | undefined;
    const changed = () => {
      if (Date.now() < this.ownMoveUntil) return;
      clearTimeout(timer);
      timer = setTimeout(() => this.remember(kind, win), SAVE_DEBOUNCE_MS);
    };
    // 'move'/'resize' fire on every platform ('moved' only on macOS and Windows).
    win.on('move', changed);
    win.on('resize', changed);
    win.on('closed', () => clearTimeout(timer));
  }

  private remember(kind: WindowKind, win: BrowserWindow): void {
    if (win.isDestroyed()) return;
    const bounds = win.getNormalBounds();
    const display = screen.getDisplayMatching(bounds);
    const placement = win.isFullScreen() ? { displayId: display.id } : { displayId: display.id, bounds };
    this.layout = { windows: { ...this.layout.windows, [kind]: placement } };
    writeLayout(this.options.layoutFile, this.layout).catch((err: unknown) =>
      this.options.log(`Could not save the window layout: ${String(err)}`),
    );
  }

  private recoverCrashes(kind: WindowKind, win: BrowserWindow, url: string): void {
    const policy = new CrashPolicy();
    let hung: NodeJS.Timeout | undefined;
    win.webContents.on('render-process-gone', (_event, details) => {
      const delay = policy.onRendererGone(details.reason, Date.now());
      if (delay === null) return;
      this.options.log(`${kind} window renderer gone (${details.reason}); reloading in ${delay} ms`);
      setTimeout(() => {
        if (win.isDestroyed()) return;
        // The original URL, not "reload": the page is always the hub's, never wherever it was.
        win.loadURL(url).catch((err: unknown) => this.options.log(`${kind} window reload failed: ${String(err)}`));
      }, delay);
    });
    win.on('unresponsive', () => {
      this.options.log(`${kind} window is not responding`);
      clearTimeout(hung);
      hung = setTimeout(() => {
        if (!win.isDestroyed()) win.webContents.forcefullyCrashRenderer();
      }, HUNG_RENDERER_MS);
    });
    win.on('responsive', () => clearTimeout(hung));
    win.on('closed', () => clearTimeout(hung));
  }
}
