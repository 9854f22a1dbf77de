// A row of the users table and the User every reader hands out, for the store and its
// access part (sessions, sign-in) alike.
import type { Role, User } from '../../../../shared/domain';

export interface UserRow {
  id: string;
  username: string;
  name: string;
  role: Role;
  region_id: string | null;
  unit_id: string | null;
}

export function toUser(row: UserRow): User {
  return { id: row.id, username: row.username, name: row.name, role: row.role, regionId: row.region_id, unitId: row.unit_id };
}
