// The Electron binary cannot be downloaded here, so this runs the real bundled main process
// (out/…/main.cjs, with the real hub and its SQLite worker) under Node against a stand-in
// 'electron' module that records what main asks of Electron. It checks the glue: hub up,
// windows planned and created with the locked-down webPreferences and bootstrap, the
// security handlers in place, and a quit that closes the hub.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleElectron } from '../tools/bundle';
import { decodeBootstrapArg } from './bootstrap';

const repo = join(import.meta.dirname, '..', '..');

const FAKE_ELECTRON = String.raw`
const Module = require('node:module');
const { EventEmitter } = require('node:events');
const path = require('node:path');
const report = { sandbox: false, windows: [], blocked: [], permission: null, csp: null, quit: false };
const displays = JSON.parse(process.env.FAKE_DISPLAYS);
let loaded = 0;
let headersListener = null;
let permissionHandler = null;
let verifyProc = null;
const https = require('node:https');
const ipcListeners = {};
let nextContentsId = 1;
const ask = (channel, contents, frame) => { const event = { sender: contents, senderFrame: frame, returnValue: undefined }; ipcListeners[channel](event); return event.returnValue; };

const app = new EventEmitter();
Object.assign(app, {
  enableSandbox() { report.sandbox = true; },
  setAppUserModelId() {},
  requestSingleInstanceLock() { return true; },
  whenReady() { return Promise.resolve(); },
  getPath(name) { return name === 'userData' ? process.env.FAKE_USER_DATA : path.join(process.env.FAKE_USER_DATA, name); },
  getAppPath() { return process.env.FAKE_APP_PATH; },
  quit() {
    const event = { prevented: false, preventDefault() { this.prevented = true; } };
    app.emit('before-quit', event);
    if (!event.prevented) { report.quit = true; console.log('REPORT ' + JSON.stringify(report)); process.exit(0); }
  },
  exit(code) { console.log('EXIT ' + code); process.exit(code); },
});

class BrowserWindow extends EventEmitter {
  constructor(options) {
    super();
    this.options = options;
    this.webContents = new EventEmitter();
    this.webContents.id = nextContentsId++;
    this.webContents.setWindowOpenHandler = (h) => { this.webContents.openHandler = h; };
    this.webContents.forcefullyCrashRenderer = () => {};
    app.emit('web-contents-created', {}, this.webContents);
  }
  isDestroyed() { return false; }
  isFullScreen() { return false; }
  show() {}
  async loadURL(url) {
    // As Chromium would: the TLS handshake's certificate goes to the verify proc first.
    const res = await new Promise((resolve, reject) => {
      const req = https.get(url, { rejectUnauthorized: false, agent: false }, (response) => { response.resume(); resolve({ status: response.statusCode }); });
      req.on('socket', (socket) => socket.once('secureConnect', () => {
        const pem = socket.getPeerX509Certificate().toString();
        verifyProc({ hostname: new URL(url).hostname, certificate: { data: pem } }, (verdict) => { report.certificateVerdict = verdict; });
        verifyProc({ hostname: new URL(url).hostname, certificate: { data: 'not a certificate' } }, (verdict) => { report.foreignVerdict = verdict; });
      }));
      req.on('error', reject);
    });
    const contents = this.webContents;
    const attempt = (event, url) => { const e = { prevented: false, preventDefault() { this.prevented = true; } }; contents.emit(event, e, url); return e.prevented; };
    report.windows.push({
      options: this.options,
      url,
      status: res.status,
      blocksOffOrigin: attempt('will-navigate', 'https://evil.example/'),
      allowsHub: !attempt('will-navigate', url),
      windowOpen: contents.openHandler({ url: 'https://evil.example/' }).action,
      attachesWebview: !attempt('will-attach-webview'),
      token: ask('dutydeck:window-token', contents, { url, parent: null }),
      tokenToSubframe: ask('dutydeck:window-token', contents, { url, parent: {} }),
      tokenToOtherOrigin: ask('dutydeck:window-token', contents, { url: 'https://evil.example/', parent: null }),
    });
    if (++loaded === displays.expect) {
      permissionHandler(null, 'media', (granted) => { report.permission = granted; });
      headersListener({ responseHeaders: { 'x-a': ['1'] } }, (r) => { report.csp = r.responseHeaders['Content-Security-Policy']; });
      setTimeout(() => app.quit(), 50);
    }
  }
}

const screen = Object.assign(new EventEmitter(), {
  getAllDisplays() { return displays.list; },
  getPrimaryDisplay() { return displays.list[0]; },
  getDisplayMatching() { return displays.list[0]; },
});
const session = { defaultSession: {
  setPermissionRequestHandler(h) { permissionHandler = h; },
  setPermissionCheckHandler() {},
  setDevicePermissionHandler() {},
  setCertificateVerifyProc(proc) { verifyProc = proc; },
  webRequest: { onHeadersReceived(_filter, l) { headersListener = l; } },
} };
// utilityProcess.fork as a Node child process whose process.parentPort is emulated over IPC
// (parent-port-shim.cjs), so the real bundled hub runs in its own process as in Electron.
const childProcess = require('node:child_process');
const utilityProcess = {
  fork(modulePath, args, options) {
    report.utilityProcess = { modulePath, args, serviceName: options.serviceName, mainPid: process.pid };
    const child = childProcess.fork(modulePath, args, { env: options.env, stdio: 'inherit', execArgv: ['--require', path.join(__dirname, 'parent-port-shim.cjs')] });
    report.utilityProcess.pid = child.pid;
    const proc = new EventEmitter();
    child.on('message', (m) => proc.emit('message', m));
    child.on('exit', (code) => { report.hubExit = code; proc.emit('exit', code ?? 0); });
    proc.postMessage = (m) => child.send(m);
    proc.kill = () => child.kill();
    return proc;
  },
};
const fake = { app, BrowserWindow, screen, session, utilityProcess, ipcMain: { handle() {}, on(channel, listener) { ipcListeners[channel] = listener; } }, dialog: { showErrorBox(t, m) { console.log('ERRORBOX ' + t + ' ' + m); } } };
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) { return request === 'electron' ? 'fake-electron' : resolve.call(this, request, ...rest); };
require.cache['fake-electron'] = { id: 'fake-electron', filename: 'fake-electron', loaded: true, exports: fake };
`;

const PARENT_PORT_SHIM = String.raw`
process.parentPort = {
  on(event, listener) { if (event === 'message') process.on('message', (data) => listener({ data })); },
  postMessage(message) { process.send(message); },
};
`;

let dir: string;
beforeAll(async () => {
  // Inside the repository, so the bundle's require('better-sqlite3') finds node_modules.
  mkdirSync(join(repo, 'out'), { recursive: true });
  dir = mkdtempSync(join(repo, 'out', 'smoke-'));
  await bundleElectron(
    repo,
    [
      { source: 'electron/main/main.ts', output: join(dir, 'main.cjs') },
      { source: 'electron/hub/main.ts', output: join(dir, 'hub.cjs') },
      { source: 'electron/hub/store/thread/worker.ts', output: join(dir, 'store-worker.cjs') },
      { source: 'electron/hub/store/ops/maintenance-worker.ts', output: join(dir, 'maintenance-worker.cjs') },
    ],
    () => {},
  );
  writeFileSync(join(dir, 'fake-electron.cjs'), FAKE_ELECTRON);
  writeFileSync(join(dir, 'parent-port-shim.cjs'), PARENT_PORT_SHIM);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('bundled Electron main process (stand-in electron module)', () => {
  it('starts the hub, opens the planned windows locked down, and closes the hub on quit', () => {
    const list = [
      { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 }, workArea: { x: 0, y: 0, width: 1920, height: 1040 } },
      { id: 2, bounds: { x: 1920, y: 0, width: 1920, height: 1080 }, workArea: { x: 1920, y: 0, width: 1920, height: 1080 } },
    ];
    const userData = join(dir, 'userData');
    const run = spawnSync(process.execPath, ['--require', join(dir, 'fake-electron.cjs'), join(dir, 'main.cjs')], {
      env: { ...process.env, DUTYDECK_DEMO_HISTORY_DAYS: '0', FAKE_DISPLAYS: JSON.stringify({ list, expect: 4 }), FAKE_USER_DATA: userData, FAKE_APP_PATH: repo },
      encoding: 'utf8',
      timeout: 30_000,
    });
    const line = run.stdout.split('\n').find((l) => l.startsWith('REPORT '));
    expect(line, `${run.stdout}\n${run.stderr}`).toBeDefined();
    expect(run.status).toBe(0);
    const report = JSON.parse(line!.slice('REPORT '.length));

    expect(report.sandbox).toBe(true);
    expect(report.quit).toBe(true);
    expect(run.stdout).toContain('starting with the demo data');
    expect(report.permission).toBe(false);
    // Windows load the hub over HTTPS and trust exactly its certificate.
    expect(report.certificateVerdict).toBe(0);
    expect(report.foreignVerdict).toBe(-2);
    expect(report.csp).toEqual([expect.stringContaining("script-src 'self'")]);

    const windows = report.windows as Array<Record<string, any>>;
    const byKind = Object.fromEntries(windows.map((w) => [decodeBootstrapArg(w.options.webPreferences.additionalArguments).kind, w]));
    expect(Object.keys(byKind).sort()).toEqual(['seat', 'wall-board', 'wall-map', 'wall-video']);
    for (const [kind, w] of Object.entries(byKind)) {
      expect(w.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
      expect(w.options.webPreferences.preload).toBe(join(dir, 'preload.cjs'));
      expect(w.url).toMatch(new RegExp(`^https://127\\.0\\.0\\.1:\\d+/\\?window=${kind}$`));
      expect(w.status).toBeLessThan(500);
      expect(w.blocksOffOrigin).toBe(true);
      expect(w.allowsHub).toBe(true);
      expect(w.windowOpen).toBe('deny');
      expect(w.attachesWebview).toBe(false);
      const bootstrap = decodeBootstrapArg(w.options.webPreferences.additionalArguments);
      expect(bootstrap.hubUrl).toBe(new URL(w.url).origin);
      // Walls are signed in by the host, their token handed over IPC to the window's own top
      // frame on the hub only, never on the command line; the seat opens on the login screen.
      expect(Boolean(w.token)).toBe(kind !== 'seat');
      expect(JSON.stringify(w.options)).not.toContain(w.token ?? 'no token');
      expect(w.tokenToSubframe).toBeNull();
      expect(w.tokenToOtherOrigin).toBeNull();
    }
    expect(byKind.seat!.options).toMatchObject({ x: 0, y: 0, width: 1920, height: 1040, fullscreen: false });
    expect(byKind['wall-map']!.options.x).toBeGreaterThanOrEqual(1920);
    // The hub ran in a process of its own (a utility process in Electron), over TLS, and
    // exited when main asked it to close.
    expect(report.utilityProcess).toMatchObject({ modulePath: join(dir, 'hub.cjs'), serviceName: 'DutyDeck hub' });
    expect(report.utilityProcess.pid).not.toBe(report.utilityProcess.mainPid);
    expect(report.utilityProcess.args).toEqual(expect.arrayContaining(['--tls', '--demo', '--host', '127.0.0.1']));
    expect(report.hubExit).toBe(0);
    // The hub's database was created and closed (its WAL checkpointed away) on quit, beside
    // the certificate the hub made for itself, its checkpoint key and the demo's TOTP secrets.
    expect(spawnSync('ls', [join(userData, 'data')], { encoding: 'utf8' }).stdout.trim().split('\n')).toEqual(['demo-second-factor.json', 'dutydeck.sqlite', 'keys', 'tls']);
  });
});
