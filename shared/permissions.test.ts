import { describe, expect, it } from 'vitest';
import { authorize, mayCommand, mayIssue, mayRunSeat, READERS } from './permissions';
import { COMMAND_TYPES } from './protocol/commands';

describe('integration accounts', () => {
  it('may report, cancel, and merge or unmerge (CAP updates and cancels), and set an alert aside — nothing else', () => {
    const allowed = COMMAND_TYPES.filter((type) => mayIssue('integration', type));
    expect(allowed.sort()).toEqual(['alert.setAside', 'incident.cancel', 'incident.merge', 'incident.report', 'incident.unmerge']);
  });

  it('act only on reports and incidents of their own channel, failing closed when unknown', () => {
    expect(authorize('integration', 'incident.report', { ownChannel: true })).toBeNull();
    expect(authorize('integration', 'incident.report', { ownChannel: false })).toMatchObject({ code: 'forbidden' });
    expect(authorize('integration', 'incident.cancel', { ownChannel: true })).toBeNull();
    expect(authorize('integration', 'incident.cancel', { ownChannel: false })).toMatchObject({ code: 'forbidden' });
    expect(authorize('integration', 'incident.cancel', {})).toMatchObject({ code: 'forbidden' });
    expect(authorize('integration', 'incident.triage', { ownChannel: true })).toMatchObject({ code: 'forbidden' });
  });

  it('get no window to command from', () => {
    expect(mayCommand('integration')).toBe(false);
    expect(mayCommand('operator')).toBe(true);
  });
});

describe('the query side of the matrix', () => {
  it('is where every role-limited API entry takes its roles from', async () => {
    const { API } = await import('./protocol/api');
    const limited = Object.entries(API).filter(([, endpoint]) => 'roles' in endpoint);
    expect(limited.length).toBeGreaterThan(5);
    for (const [name, endpoint] of limited) {
      expect(Object.values(READERS), name).toContain((endpoint as { roles: unknown }).roles);
    }
  });

  it('lets only seat roles keep a replica', () => {
    expect(READERS.replica.every((role) => mayRunSeat(role))).toBe(true);
    expect(mayRunSeat('unit')).toBe(false);
  });
});
