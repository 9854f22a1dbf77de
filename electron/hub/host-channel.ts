// The hub's side of the message port to the Electron main process that hosts it in a utility
// process (electron/main/hub-process.ts). Under plain Node (a duty-room server, npm run hub)
// there is no port and nothing here runs.
import { HostToHubSchema, type HubToHost } from '../../shared/protocol/host';
import type { RunningHub } from './hub-options';

/** Electron's `process.parentPort` in a utility process, as much of it as the hub uses. */
interface ParentPort {
  on(event: 'message', listener: (message: { data: unknown }) => void): void;
  postMessage(message: HubToHost): void;
}

export function parentPortOf(proc: NodeJS.Process = process): ParentPort | null {
  return (proc as unknown as { parentPort?: ParentPort }).parentPort ?? null;
}

/**
 * Tells the host where the hub listens and answers its requests. A message that does not
 * parse is logged and dropped: the host is trusted, but a port is still a boundary.
 */
export function serveHost(port: ParentPort, hub: RunningHub, stop: () => Promise<void>, log: (line: string) => void): void {
  port.postMessage({ type: 'listening', url: hub.url, mode: hub.mode, fingerprint256: hub.certificate?.fingerprint256 ?? null });
  port.on('message', ({ data }) => {
    const parsed = HostToHubSchema.safeParse(data);
    if (!parsed.success) {
      log(`DutyDeck hub: a message from the host was not understood and was dropped: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
      return;
    }
    const message = parsed.data;
    if (message.type === 'close') {
      void stop().then(() => port.postMessage({ type: 'closed' }));
      return;
    }
    hub.issueWindowSession(message.kind).then(
      (token) => port.postMessage({ type: 'windowSession', id: message.id, token }),
      (error: unknown) => port.postMessage({ type: 'windowSessionFailed', id: message.id, message: (error as Error).message }),
    );
  });
}
