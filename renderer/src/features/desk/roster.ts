// The roster by role, for the 在岗 tab: commanders first, online people first within a role.
import type { ResponseOf } from '../../../../shared/protocol/api';
import { ROSTER_ROLES } from '../../../../shared/protocol/engine';

export type Roster = ResponseOf<'roster'>;
export type RosterUser = Roster['users'][number];
export type RosterRole = (typeof ROSTER_ROLES)[number];

export function rosterGroups(users: readonly RosterUser[]): Array<{ role: RosterRole; users: RosterUser[]; online: number }> {
  return ROSTER_ROLES.flatMap((role) => {
    const members = users.filter((u) => u.role === role).sort((a, b) => Number(b.online) - Number(a.online) || a.name.localeCompare(b.name, 'zh-CN'));
    return members.length ? [{ role, users: members, online: members.filter((u) => u.online).length }] : [];
  });
}

/** Commanders the shift can be handed to: every other commander, online ones first. */
export function incomingCandidates(users: readonly RosterUser[], selfId: string): RosterUser[] {
  return users.filter((u) => u.role === 'commander' && u.id !== selfId).sort((a, b) => Number(b.online) - Number(a.online) || a.name.localeCompare(b.name, 'zh-CN'));
}
