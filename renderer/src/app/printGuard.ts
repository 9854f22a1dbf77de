// 输出限制: a window prints only what was released through a journaled command (the briefing
// through `briefing.export`, the handover sheet through the handover it records). Ctrl+P or
// the browser's menu otherwise prints a refusal page (PrintRefusal): a seat console or a wall
// full of callers' reports must not leave the room on paper by a keystroke nobody sees.

/** On <html> while a print is released; the print stylesheet shows the refusal without it. */
const PRINT_RELEASED_CLASS = 'print-released';
/** A release lasts until the print dialog closes, and at most this long. */
const RELEASE_MS = 60_000;

let withdraw: (() => void) | null = null;

/** Releases the window for one print (an `afterprint` or the time limit ends it). */
export function releasePrint(): void {
  withdraw?.();
  const root = document.documentElement;
  root.classList.add(PRINT_RELEASED_CLASS);
  const done = () => {
    root.classList.remove(PRINT_RELEASED_CLASS);
    window.removeEventListener('afterprint', done);
    clearTimeout(timer);
    if (withdraw === done) withdraw = null;
  };
  const timer = setTimeout(done, RELEASE_MS);
  window.addEventListener('afterprint', done);
  withdraw = done;
}

/** Prints now, released: for the callers whose command has just been journaled. */
export function printReleased(): void {
  releasePrint();
  window.print();
}
