// `--simulate RATE [--storm] [--sim-speed N] [--sim-seed N]` on the hub's command line.
export const SIMULATE_USAGE = '[--simulate RATE [--storm] [--sim-speed N] [--sim-seed N]]';

export const SIMULATE_ARGS = {
  simulate: { type: 'string' },
  storm: { type: 'boolean', default: false },
  'sim-speed': { type: 'string', default: '1' },
  'sim-seed': { type: 'string', default: '1' },
} as const;

export interface SimulateArgs {
  simulate?: string | undefined;
  storm?: boolean | undefined;
  'sim-speed'?: string | undefined;
  'sim-seed'?: string | undefined;
}

/** The hub's `simulate` option, undefined when not asked for, or a message saying what is wrong. */
export function parseSimulate(values: SimulateArgs): { rate: number; storm: boolean; speed: number; seed: number } | undefined | string {
  if (values.simulate === undefined) return values.storm ? '--storm goes with --simulate RATE.' : undefined;
  const rate = Number(values.simulate);
  if (!Number.isFinite(rate) || rate <= 0 || rate > 10_000) return `--simulate takes new reports per minute (e.g. 30), not ${values.simulate}.`;
  const speed = Number(values['sim-speed'] ?? '1');
  if (!Number.isFinite(speed) || speed <= 0 || speed > 1_000) return `--sim-speed takes simulated seconds per real second (e.g. 10), not ${values['sim-speed']}.`;
  const seed = Number(values['sim-seed'] ?? '1');
  if (!Number.isInteger(seed)) return `--sim-seed takes a whole number, not ${values['sim-seed']}.`;
  return { rate, storm: values.storm ?? false, speed, seed };
}
