// An optional short beep when new incidents arrive. Off by default (a duty room is loud
// enough); the operator's choice is remembered per machine. Web Audio, so no sound file
// ships and nothing takes focus. The beep is a listener on the store, not an effect of the
// queue's render: it sounds as the batch lands, also in a minimized window that draws nothing.
import { useCallback, useState } from 'react';
import type { ListenerSetup } from '../../app/store';

const STORAGE_KEY = 'dutydeck.queue.sound';

function readChoice(): boolean {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) === 'on';
  } catch {
    return false; // storage refused (privacy mode): stay silent
  }
}

function writeChoice(on: boolean) {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, on ? 'on' : 'off');
  } catch {
    // Not remembered; the toggle still works for this window.
  }
}

let context: AudioContext | null = null;

/** The beep itself: 0.2 s of 880 Hz. */
export function beep(): void {
  const Ctor = globalThis.AudioContext as typeof AudioContext | undefined;
  if (!Ctor) return;
  context ??= new Ctor();
  const at = context.currentTime;
  const osc = context.createOscillator();
  const gain = context.createGain();
  osc.type = 'sine';
  osc.frequency.setValueAtTime(880, at);
  gain.gain.setValueAtTime(0.0001, at);
  gain.gain.exponentialRampToValueAtTime(0.15, at + 0.01);
  gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.18);
  osc.connect(gain).connect(context.destination);
  osc.start(at);
  osc.stop(at + 0.2);
}

/**
 * Plays the beep once for every action that adds to the queue's unseen arrivals (one batch of
 * the stream, or a report this window took in) while the machine's choice is on. The choice
 * is read as the batch lands, so a switch in this window or another of the machine holds at
 * once. `play` and `isOn` are the Web Audio beep and the stored choice unless a test hears instead.
 */
export function arrivalSoundListener({ play = beep, isOn = readChoice }: { play?: () => void; isOn?: () => boolean } = {}): ListenerSetup {
  return (startListening) => {
    startListening({
      predicate: (_action, current, previous) => current.queue.unseen > previous.queue.unseen,
      effect: () => {
        if (isOn()) play();
      },
    });
  };
}

/** The sound switch (on or off, remembered per machine); arrivalSoundListener does the beeping. */
export function useArrivalSound(): { on: boolean; toggle: () => void } {
  const [on, setOn] = useState(readChoice);
  const toggle = useCallback(() => {
    setOn((was) => {
      writeChoice(!was);
      return !was;
    });
  }, []);
  return { on, toggle };
}
