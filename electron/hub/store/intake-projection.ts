// The projection of `integration.created`: the account's user row and its channel. Called
// by Projections.apply, so replaying the journal rebuilds the accounts (not their keys).
import type { Channel, Role } from '../../../shared/domain';
import type { JournalEntry } from '../../../shared/journal/catalog';
import type { Db } from './sqlite';

export interface IntegrationCreated {
  user: { id: string; username: string; name: string; role: Role };
  channel: Channel;
  callbackUrl: string | null;
}

export class IntakeProjection {
  private readonly s;

  constructor(db: Db) {
    this.s = {
      user: db.prepare('INSERT INTO users (id, username, name, role, region_id, unit_id, created_seq) VALUES (?, ?, ?, ?, NULL, NULL, ?)'),
      integration: db.prepare('INSERT INTO integrations (channel, user_id, callback_url, created_seq) VALUES (?, ?, ?, ?)'),
    };
  }

  apply(entry: JournalEntry): void {
    const { user, channel, callbackUrl } = entry.payload as IntegrationCreated;
    this.s.user.run(user.id, user.username, user.name, user.role, entry.seq);
    this.s.integration.run(channel, user.id, callbackUrl, entry.seq);
  }
}
