// An optional short beep when new incidents arrive. Off by default (a duty room is loud
// enough); the operator's choice is remembered per machine. Web Audio, so no sound file
// ships and nothing takes focus.
import { useCallback, useEffect, useRef, useState } from 'react';

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

function beep() {
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

/** The sound toggle; beeps once whenever `unseen` grows while it is on. */
export function useArrivalSound(unseen: number): { on: boolean; toggle: () => void } {
  const [on, setOn] = useState(readChoice);
  const previous = useRef(unseen);
  useEffect(() => {
    if (on && unseen > previous.current) beep();
    previous.current = unseen;
  }, [on, unseen]);
  const toggle = useCallback(() => {
    setOn((was) => {
      writeChoice(!was);
      return !was;
    });
  }, []);
  return { on, toggle };
}
