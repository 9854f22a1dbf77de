// GET /roster: the commander on duty and the room's people with whether they are at a window.
import type { User } from '../../../shared/domain';
import { ROSTER_ROLES, type RosterSchema } from '../../../shared/protocol/engine';
import type { OnDuty } from '../../../shared/shift';
import type { z } from 'zod';
import type { PresenceOf } from './presence';

type Roster = z.output<typeof RosterSchema>;
type RosterRole = (typeof ROSTER_ROLES)[number];

const isRosterRole = (role: string): role is RosterRole => (ROSTER_ROLES as readonly string[]).includes(role);

export function buildRoster(users: readonly User[], onDuty: OnDuty | null, presenceOf: (userId: string) => PresenceOf): Roster {
  const commander = onDuty ? users.find((u) => u.id === onDuty.commanderId) : undefined;
  return {
    // A commander's account removed since would leave a bare id; the id is still the truth.
    onDuty: onDuty ? { commanderId: onDuty.commanderId, name: commander?.name ?? onDuty.commanderId, since: onDuty.since } : null,
    users: users.flatMap((user) => {
      const role = user.role;
      return isRosterRole(role) ? [{ id: user.id, name: user.name, role, ...presenceOf(user.id) }] : [];
    }),
  };
}
