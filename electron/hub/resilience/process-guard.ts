// A duty room's hub must outlive its own bugs. An exception no code caught (a timer's callback,
// a library's event) or a promise nobody awaited would, by Node's default, end the process and
// with it every seat, the wall and the SLA clocks. Errors inside a request are already answered
// 500 by the server; these two are logged with their stack and the hub goes on. The journal is
// safe either way: a command is acknowledged only after its transaction committed.

let installed = false;

/** Installs the process-wide handlers once; later calls are ignored. */
export function installProcessGuards(log: (line: string) => void): void {
  if (installed) return;
  installed = true;
  process.on('uncaughtException', (error, origin) => {
    log(`DutyDeck hub: an error nobody caught (${origin}) was logged and the hub keeps serving: ${error?.stack ?? String(error)}`);
  });
  process.on('unhandledRejection', (reason) => {
    log(`DutyDeck hub: a promise failed with nobody waiting for it; logged, the hub keeps serving: ${(reason as Error)?.stack ?? String(reason)}`);
  });
}
