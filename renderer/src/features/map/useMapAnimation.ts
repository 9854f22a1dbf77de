import { useEffect, useState } from 'react';
import { pulsePhase } from './incidentLayers';

/** About 10 frames a second are enough for a soft pulse, and cost a tenth of 60. */
export const PULSE_FRAME_MS = 100;

/** The pulse phase, ticking only while something pulses; 0 otherwise. */
export function usePulsePhase(active: boolean): number {
  const [phase, setPhase] = useState(0);
  useEffect(() => {
    if (!active) {
      setPhase(0);
      return;
    }
    const timer = setInterval(() => setPhase(pulsePhase(Date.now())), PULSE_FRAME_MS);
    return () => clearInterval(timer);
  }, [active]);
  return phase;
}
