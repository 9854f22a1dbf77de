// The projection of `integration.created`: the account's user row and its channel. Called
// by Projections.apply, so replaying the journal rebuilds the accounts (not their keys).
import type { EntryPayload, JournalEntryOf } from '../../../../shared/journal/catalog';
import type { Db } from '../sqlite';

/** The payload of an `integration.created` entry (shared/journal/catalog.ts). */
export type IntegrationCreated = EntryPayload<'integration.created'>;

export class IntakeProjection {
  private readonly s;

  constructor(db: Db) {
    this.s = {
      user: db.prepare('INSERT INTO users (id, username, name, role, region_id, unit_id, created_seq) VALUES (?, ?, ?, ?, NULL, NULL, ?)'),
      integration: db.prepare('INSERT INTO integrations (channel, user_id, callback_url, created_seq) VALUES (?, ?, ?, ?)'),
    };
  }

  apply(entry: JournalEntryOf<'integration.created'>): void {
    const { user, channel, callbackUrl } = entry.payload;
    this.s.user.run(user.id, user.username, user.name, user.role, entry.seq);
    this.s.integration.run(channel, user.id, callbackUrl, entry.seq);
  }
}
