// Electron's security checklist, applied once for the whole app: every window is
// sandboxed, stays on the hub's origin, opens no other windows, gets no permissions, and
// carries a strict CSP; IPC is answered only for frames of the hub.
import { app, ipcMain, session, type IpcMainEvent, type IpcMainInvokeEvent, type WebPreferences } from 'electron';
import { X509Certificate } from 'node:crypto';
import { contentSecurityPolicy, hubCertificateVerdict, isHubUrl, withCsp } from './security-policy';

/** Call before `app.ready`: forces the sandbox on every renderer, whatever a window asks. */
export function enableSandboxEverywhere(): void {
  app.enableSandbox();
}

/** The webPreferences every DutyDeck window gets; only the preload and its args vary. */
export function secureWebPreferences(preload: string, additionalArguments: string[]): WebPreferences {
  return {
    preload,
    additionalArguments,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  };
}

export function applySecurityPolicy(hubOrigin: string, log: (line: string) => void): void {
  const ses = session.defaultSession;
  // Camera, microphone, notifications, geolocation, clipboard, USB…: the duty room's pages
  // need none, so no page may ask and no check passes.
  ses.setPermissionRequestHandler((_contents, permission, callback) => {
    log(`Denied permission request: ${permission}`);
    callback(false);
  });
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);

  const csp = contentSecurityPolicy(hubOrigin);
  ses.webRequest.onHeadersReceived({ urls: [`${hubOrigin}/*`] }, (details, callback) => {
    callback({ responseHeaders: withCsp(details.responseHeaders, csp) });
  });

  app.on('web-contents-created', (_event, contents) => {
    const refuse = (what: string) => (event: { preventDefault(): void }, url: string) => {
      if (isHubUrl(url, hubOrigin)) return;
      event.preventDefault();
      log(`Blocked ${what} to ${url}`);
    };
    contents.on('will-navigate', refuse('navigation'));
    contents.on('will-redirect', refuse('redirect'));
    contents.on('will-frame-navigate', (details) => {
      if (isHubUrl(details.url, hubOrigin)) return;
      details.preventDefault();
      log(`Blocked frame navigation to ${details.url}`);
    });
    contents.on('will-attach-webview', (event) => {
      event.preventDefault();
      log('Blocked a <webview>');
    });
    contents.setWindowOpenHandler(({ url }) => {
      log(`Blocked window.open of ${url}`);
      return { action: 'deny' };
    });
  });
}

/**
 * Windows load the hub over HTTPS and trust its self-signed certificate by fingerprint only
 * (the fingerprint the hub itself reports at start), for pages, media and the WebSocket.
 */
export function pinHubCertificate(hubOrigin: string, fingerprint256: string, log: (line: string) => void): void {
  const hub = { hostname: new URL(hubOrigin).hostname, fingerprint256 };
  session.defaultSession.setCertificateVerifyProc((request, callback) => {
    let seen: string | null = null;
    try {
      seen = new X509Certificate(request.certificate.data).fingerprint256;
    } catch {
      // An unreadable certificate is refused below.
    }
    const verdict = hubCertificateVerdict(request.hostname, seen, hub);
    if (verdict < 0 && request.hostname === hub.hostname) log(`Refused a certificate for ${request.hostname} that is not the hub's (${seen ?? 'unreadable'})`);
    callback(verdict);
  });
}

/** True when an IPC message comes from a frame showing the hub's own pages. */
export function isTrustedSender(event: IpcMainEvent | IpcMainInvokeEvent, hubOrigin: string): boolean {
  return isHubUrl(event.senderFrame?.url, hubOrigin);
}

/**
 * The only way to add an IPC handler: it answers frames of the hub and throws for anyone
 * else (a navigated-away or injected frame), so no handler can forget the check.
 */
export function handleTrusted<T>(
  channel: string,
  hubOrigin: string,
  handler: (event: IpcMainInvokeEvent, ...args: unknown[]) => T | Promise<T>,
): void {
  ipcMain.handle(channel, (event, ...args: unknown[]) => {
    if (!isTrustedSender(event, hubOrigin)) {
      throw new Error(`IPC ${channel} refused: sender is not a DutyDeck page`);
    }
    return handler(event, ...args);
  });
}

/**
 * A synchronous IPC answer (ipcRenderer.sendSync), for what a sandboxed preload needs before
 * the page runs. Only a window's top frame on the hub's origin gets `answer`; anyone else
 * gets null.
 */
export function answerTrustedSync(channel: string, hubOrigin: string, answer: (event: IpcMainEvent) => unknown): void {
  ipcMain.on(channel, (event) => {
    event.returnValue = isTrustedSender(event, hubOrigin) && event.senderFrame?.parent === null ? answer(event) : null;
  });
}
