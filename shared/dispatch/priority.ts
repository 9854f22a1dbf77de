// The priority a category suggests before anyone has looked at the incident, and why. The
// seat confirms or changes it (the triage form starts from it; Alt+P takes it as it is): a
// gas leak starts as P1, never as the form's general default.
import type { Priority } from '../domain';

export const PRIORITY_REASONS = ['lifeAtRisk', 'injuryPossible', 'canEscalate', 'publicHealth', 'routine'] as const;
export type PriorityReason = (typeof PRIORITY_REASONS)[number];

export interface SuggestedPriority {
  priority: Priority;
  reason: PriorityReason;
}

const BY_CATEGORY: Readonly<Record<string, SuggestedPriority>> = {
  gasLeak: { priority: 'P1', reason: 'lifeAtRisk' },
  fire: { priority: 'P1', reason: 'lifeAtRisk' },
  trafficAccident: { priority: 'P2', reason: 'injuryPossible' },
  workSafety: { priority: 'P2', reason: 'injuryPossible' },
  fireHazard: { priority: 'P2', reason: 'canEscalate' },
  publicOrder: { priority: 'P2', reason: 'canEscalate' },
  foodSafety: { priority: 'P2', reason: 'publicHealth' },
  waterPollution: { priority: 'P3', reason: 'publicHealth' },
};

const ROUTINE: SuggestedPriority = { priority: 'P3', reason: 'routine' };

/** The category's suggestion; every category not listed is routine, P3. */
export function suggestedPriority(category: string): SuggestedPriority {
  return BY_CATEGORY[category] ?? ROUTINE;
}
