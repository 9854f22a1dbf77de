// The hub in an Electron utility process: HTTP, the JSON of long lists, the simulator and
// geocoding run there, not on the main process's thread, which drives every window. The same
// bundle (out/electron/hub.cjs) is what a duty-room server runs with plain `node`.
import { utilityProcess } from 'electron';
import { HubToHostSchema, type HostToHub, type HubToHost } from '../../shared/protocol/host';
import type { WindowKind } from '../../shared/windows';

export interface HostedHub {
  url: string;
  mode: 'primary' | 'replica';
  fingerprint256: string | null;
  issueWindowSession(kind: WindowKind): Promise<string>;
  /** Asks the hub to close its database and exit; kills it if it has not within `graceMs`. */
  close(graceMs?: number): Promise<void>;
}

/** How long the hub may take to start: a first run generates the demo town. */
const START_TIMEOUT_MS = 120_000;

export function startHostedHub(modulePath: string, args: string[], log: (line: string) => void): Promise<HostedHub> {
  const child = utilityProcess.fork(modulePath, args, { serviceName: 'DutyDeck hub', stdio: 'inherit', env: process.env });
  const waiting = new Map<number, { resolve: (token: string) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  let exited = false;
  const closedWaiters: Array<() => void> = [];

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`The hub did not start within ${START_TIMEOUT_MS / 1000} s.`));
    }, START_TIMEOUT_MS);

    child.on('exit', (code) => {
      exited = true;
      clearTimeout(timer);
      for (const w of waiting.values()) w.reject(new Error('The hub stopped.'));
      waiting.clear();
      for (const done of closedWaiters.splice(0)) done();
      reject(new Error(`The hub exited (code ${code}) before it was listening.`));
    });

    child.on('message', (raw: unknown) => {
      const parsed = HubToHostSchema.safeParse(raw);
      if (!parsed.success) {
        log(`A message from the hub was not understood and was dropped: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
        return;
      }
      const message: HubToHost = parsed.data;
      switch (message.type) {
        case 'failed':
          clearTimeout(timer);
          reject(new Error(message.message));
          return;
        case 'listening':
          clearTimeout(timer);
          resolve({
            url: message.url,
            mode: message.mode,
            fingerprint256: message.fingerprint256,
            issueWindowSession: (kind) =>
              new Promise((done, fail) => {
                if (exited) return fail(new Error('The hub stopped.'));
                const id = nextId++;
                waiting.set(id, { resolve: done, reject: fail });
                send({ type: 'issueWindowSession', id, kind });
              }),
            close: (graceMs = 15_000) =>
              new Promise<void>((done) => {
                if (exited) return done();
                closedWaiters.push(done);
                send({ type: 'close' });
                setTimeout(() => {
                  if (exited) return;
                  log(`The hub did not close within ${graceMs / 1000} s; stopping it.`);
                  child.kill();
                }, graceMs).unref();
              }),
          });
          return;
        case 'windowSession':
        case 'windowSessionFailed': {
          const w = waiting.get(message.id);
          waiting.delete(message.id);
          if (message.type === 'windowSession') w?.resolve(message.token);
          else w?.reject(new Error(message.message));
          return;
        }
        case 'closed':
          // The exit follows; close() resolves on it.
          return;
      }
    });

    function send(message: HostToHub): void {
      child.postMessage(message);
    }
  });
}
