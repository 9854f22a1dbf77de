// CAP 1.2 (OASIS Common Alerting Protocol) terms and how the duty room reads them: the
// info block's urgency, severity and certainty give a priority; its category a taxonomy code.
import type { Priority } from '../domain';
import type { CAP_CERTAINTY, CAP_SEVERITY, CAP_URGENCY } from './facts';

export const CAP_NAMESPACE = 'urn:oasis:names:tc:emergency:cap:1.2';
export const CAP_STATUS = ['Actual', 'Exercise', 'System', 'Test', 'Draft'] as const;
export const CAP_MSG_TYPES = ['Alert', 'Update', 'Cancel', 'Ack', 'Error'] as const;
export const CAP_SCOPES = ['Public', 'Restricted', 'Private'] as const;
export const CAP_CATEGORIES = ['Geo', 'Met', 'Safety', 'Security', 'Rescue', 'Fire', 'Health', 'Env', 'Transport', 'Infra', 'CBRNE', 'Other'] as const;
// The three scales live with the report's facts (./facts.ts), which the glossary's types name.
export { CAP_CERTAINTY, CAP_SEVERITY, CAP_URGENCY } from './facts';

export type CapUrgency = (typeof CAP_URGENCY)[number];
export type CapSeverity = (typeof CAP_SEVERITY)[number];
export type CapCertainty = (typeof CAP_CERTAINTY)[number];

/**
 * Priority from severity, then raised or lowered by urgency and certainty:
 *
 * | severity  | base | Immediate & Observed/Likely | Future/Past or Unlikely |
 * |-----------|------|-----------------------------|-------------------------|
 * | Extreme   | P1   | P1                          | P2                      |
 * | Severe    | P2   | P1                          | P3                      |
 * | Moderate  | P3   | P2                          | P4                      |
 * | Minor     | P4   | P3                          | P4                      |
 * | Unknown   | P3   | P2                          | P4                      |
 *
 * Expected urgency, Possible or Unknown certainty keep the base.
 */
export function capPriority(urgency: CapUrgency, severity: CapSeverity, certainty: CapCertainty): Priority {
  const base = { Extreme: 1, Severe: 2, Moderate: 3, Minor: 4, Unknown: 3 }[severity];
  const pressing = urgency === 'Immediate' && (certainty === 'Observed' || certainty === 'Likely');
  const remote = urgency === 'Future' || urgency === 'Past' || certainty === 'Unlikely';
  const level = pressing ? base - 1 : remote ? base + 1 : base;
  return `P${Math.min(4, Math.max(1, level))}` as Priority;
}

/** CAP categories to the taxonomy; an event naming gas or smoke refines Safety/Env/Other. */
const BY_CATEGORY: Record<(typeof CAP_CATEGORIES)[number], string> = {
  Geo: 'other',
  Met: 'other',
  Safety: 'workSafety',
  Security: 'publicOrder',
  Rescue: 'other',
  Fire: 'fire',
  Health: 'other',
  Env: 'waterPollution',
  Transport: 'trafficAccident',
  Infra: 'municipalFacility',
  CBRNE: 'workSafety',
  Other: 'other',
};

export function capCategory(categories: readonly string[], event: string): string {
  if (/燃气|煤气|天然气|gas/i.test(event)) return 'gasLeak';
  if (/烟|火|smoke|fire/i.test(event)) return 'fire';
  for (const c of categories) {
    const mapped = BY_CATEGORY[c as (typeof CAP_CATEGORIES)[number]];
    if (mapped && mapped !== 'other') return mapped;
  }
  return 'other';
}
