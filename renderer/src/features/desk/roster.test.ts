import { describe, expect, it } from 'vitest';
import { incomingCandidates, rosterGroups, type RosterUser } from './roster';

const user = (id: string, role: RosterUser['role'], online: boolean): RosterUser => ({ id, name: id, role, online, lastSeenAt: online ? '2026-11-22T02:00:00Z' : null });

describe('the roster', () => {
  it('groups the room by role, commanders first, online people first, empty roles left out', () => {
    const groups = rosterGroups([user('o1', 'operator', false), user('o2', 'operator', true), user('w', 'wall', true), user('c1', 'commander', false)]);
    expect(groups.map((g) => [g.role, g.users.map((u) => u.id), g.online])).toEqual([
      ['commander', ['c1'], 0],
      ['operator', ['o2', 'o1'], 1],
      ['wall', ['w'], 1],
    ]);
  });

  it('offers every other commander to hand over to, online ones first', () => {
    const users = [user('c1', 'commander', true), user('c2', 'commander', false), user('c3', 'commander', true), user('o1', 'operator', true)];
    expect(incomingCandidates(users, 'c1').map((u) => u.id)).toEqual(['c3', 'c2']);
  });
});
