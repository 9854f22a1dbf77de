// Between the journaled colour changes the risk scores move too: every window following the
// stream hears them each minute (shared/protocol/risk.ts), so no wall map polls GET /risk. A
// primary and a replica seat send them alike, from their own analysis.
import type { StoreClient } from '../store/thread/client';
import type { JournalStream } from './stream';

/** Starts sending the scores every `everyMs` (0: never); the returned function stops it. */
export function sendRiskScores(store: StoreClient, stream: JournalStream, everyMs: number, log: (line: string) => void): () => void {
  if (everyMs <= 0) return () => {};
  const send = () => {
    // A message for nobody need not be made.
    if (!stream.listening) return;
    store.analysis.risk().then(
      (items) => stream.broadcast({ type: 'riskScores', items: items.map(({ gridId, score, scoreColour, reasons }) => ({ gridId, score, scoreColour, reasons })) }),
      (error: unknown) => log(`Risk scores failed: ${(error as Error).message}`),
    );
  };
  const timer = setInterval(send, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
