import { describe, expect, it } from 'vitest';
import { DutyFailure } from '../errors';
import { entryFits, ENTRY_TYPES, parseEntryPayload } from './catalog';

const failureOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (error instanceof DutyFailure) return error.error;
    throw error;
  }
  throw new Error('expected a refusal');
};

describe('the journal catalog', () => {
  it('names every entry type in the past tense, once', () => {
    expect(new Set(ENTRY_TYPES).size).toBe(ENTRY_TYPES.length);
    expect(ENTRY_TYPES).toContain('incident.reported');
    expect(ENTRY_TYPES).toContain('journal.checkpointed');
    expect(ENTRY_TYPES).toContain('session.signedIn');
  });

  it('refuses a type it does not know, naming the type', () => {
    expect(failureOf(() => parseEntryPayload('incident.teleported', {}))).toMatchObject({ code: 'invalid', path: 'type' });
    expect(entryFits({ type: 'incident.teleported', payload: {} })).toBe(false);
  });

  it('refuses a payload that does not fit, naming the field', () => {
    expect(failureOf(() => parseEntryPayload('incident.closed', { incidentId: 'I-1', rating: 'five' }))).toMatchObject({ code: 'invalid', path: 'payload.rating' });
    expect(failureOf(() => parseEntryPayload('unit.accepted', { incidentId: 'I-1' }))).toMatchObject({ code: 'invalid', path: 'payload.unitId' });
  });

  it('returns the payload as given, so what is stored is what was written', () => {
    const payload = { incidentId: 'I-1', rating: null, extra: 'kept' };
    expect(parseEntryPayload('incident.closed', payload)).toBe(payload);
    expect(entryFits({ type: 'wall.focused', payload: { incidentId: null } })).toBe(true);
  });
});
