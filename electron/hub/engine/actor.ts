import type { Channel, Role } from '../../../shared/domain';

/** Who issues a command: a signed-in user, or the hub itself ('system'). */
export interface Actor {
  userId: string;
  role: Role | 'system';
  /** A region head's region. */
  regionId?: string | null;
  /** The unit a unit account acts for. */
  unitId?: string | null;
  /** The channel an integration account feeds. */
  channel?: Channel | null;
}
