// Every feature's listeners, registered on a window's store when main.tsx creates it (and by
// tests that need the store to act as a window's does). Here and not in store.ts: the
// listener modules import the store's types, and the store must not import them back.
import type { WindowKind } from '../../../shared/windows';
import { detailListeners } from '../features/detail/detailListeners';
import { arrivalSoundListener } from '../features/queue/arrivalSound';
import { queueListeners } from '../features/queue/queueListeners';
import { wallFlightListener } from '../features/wallFocus/wallFlight';
import { hubCacheListeners } from './hubCache';
import type { ListenerSetup } from './store';

/** The listeners every window's store runs. */
export const listenerSetups: readonly ListenerSetup[] = [queueListeners, detailListeners, hubCacheListeners, wallFlightListener];

/** The windows whose screen shows the queue (SeatScreen in App.tsx), and with it the sound switch. */
const QUEUE_WINDOWS: ReadonlySet<WindowKind> = new Set<WindowKind>(['seat', 'command']);

/** A window's listeners: the arrival sound only where the queue is shown, so one machine's walls stay silent. */
export function listenerSetupsFor(kind: WindowKind): readonly ListenerSetup[] {
  return QUEUE_WINDOWS.has(kind) ? [...listenerSetups, arrivalSoundListener()] : listenerSetups;
}
