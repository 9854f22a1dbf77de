import { describe, expect, it } from 'vitest';
import { CATEGORIES } from '../taxonomy';
import { suggestedPriority } from './priority';

describe('the priority a category suggests', () => {
  it('starts a gas leak and a fire at P1, with the reason, and never suggests P4', () => {
    expect(suggestedPriority('gasLeak')).toEqual({ priority: 'P1', reason: 'lifeAtRisk' });
    expect(suggestedPriority('fire').priority).toBe('P1');
    expect(suggestedPriority('trafficAccident')).toEqual({ priority: 'P2', reason: 'injuryPossible' });
    expect(suggestedPriority('noise')).toEqual({ priority: 'P3', reason: 'routine' });
    for (const { code } of CATEGORIES) expect(suggestedPriority(code).priority, code).not.toBe('P4');
  });
});
