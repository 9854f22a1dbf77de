// The snapshot a primary gives a new replica: a consistent copy of what a replica holds, and
// nothing that is the primary's alone, not even in the file's unused bytes.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tokenHash } from '../../api/auth';
import { openDatabase } from '../database';
import { checkDatabase } from './integrity';
import { PRIMARY_ONLY_TABLES, REPLICATED_TABLES, takeSnapshot } from './snapshot';
import { Store } from '../store';

const tmp = () => mkdtempSync(join(tmpdir(), 'dutydeck-snapshot-'));
const cli = { userId: 'cli', role: 'system' as const };

const session = (token: string, userId: string) => ({
  tokenHash: tokenHash(token),
  id: tokenHash(token).slice(0, 12),
  userId,
  kind: 'seat' as const,
  address: null,
  now: new Date().toISOString(),
  expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
});

describe('replica snapshots', () => {
  it('places every table of the schema: replicated, or the primary’s alone', () => {
    const db = openDatabase(join(tmp(), 'schema.sqlite'));
    // The R*Tree's own shadow tables travel with incident_extent.
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'incident_extent_%'").all() as Array<{ name: string }>).map((r) => r.name);
    db.close();
    const placed = [...REPLICATED_TABLES, ...PRIMARY_ONLY_TABLES];
    expect(new Set(placed).size).toBe(placed.length);
    expect([...tables].sort()).toEqual([...placed].sort());
  });

  it('copies the journal and its projections and leaves secrets and sessions behind', async () => {
    const dir = tmp();
    const file = join(dir, 'dutydeck.sqlite');
    const store = new Store(file);
    const passwordHash = `scrypt$snapshot-test-${'a'.repeat(40)}`;
    const { user } = store.write.createUser({ id: 'u-op', username: 'op', name: '值班员', role: 'operator', passwordHash }, cli);
    const token = 'snapshot-test-session-token-0123456789';
    store.write.openSession(session(token, user.id), null);
    store.write.enrolDemoSecondFactor(user.id, 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP');
    const actor = { userId: user.id, role: 'operator' as const, regionId: null, unitId: null };
    for (let i = 0; i < 20; i++) {
      const outcome = store.execute({ type: 'incident.report', idempotencyKey: `snap-${i}`, payload: { channel: 'hotline12345', category: 'noise', title: `夜间噪声 ${i}`, location: { lon: 120.08, lat: 30.33 } } }, actor);
      expect(outcome.ok).toBe(true);
    }
    const out = join(dir, 'snapshot.sqlite');
    const manifest = await takeSnapshot(file, out);
    // The store keeps writing while replicas copy; the snapshot is the moment it was taken.
    store.execute({ type: 'incident.report', idempotencyKey: 'snap-after', payload: { channel: 'hotline12345', category: 'noise', title: '快照之后', location: { lon: 120.08, lat: 30.33 } } }, actor);

    const check = checkDatabase(out, { full: true });
    expect(check).toMatchObject({ ok: true, journalSeq: manifest.journalSeq, headHash: manifest.headHash, schemaVersion: manifest.schemaVersion });
    expect(manifest.journalSeq).toBe(store.journal.seq() - 1);
    const copy = new Store(out);
    expect(copy.journal.page(0, 100).entries).toEqual(store.journal.page(0, manifest.journalSeq).entries);
    expect(copy.incidents.list('open', 100)).toHaveLength(20);
    expect(copy.access.user(user.id)).toMatchObject({ username: 'op', role: 'operator' });
    expect(copy.access.credentialsOf('op')?.passwordHash ?? null).toBeNull();
    expect(copy.access.session(tokenHash(token))).toBeNull();
    expect(copy.access.signInState('op')?.secondFactor ?? null).toBeNull();
    copy.close();
    store.close();

    const bytes = readFileSync(out);
    expect(bytes.includes(passwordHash)).toBe(false);
    expect(bytes.includes(tokenHash(token))).toBe(false);
    expect(bytes.includes('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP')).toBe(false); // the TOTP secret
    expect(bytes.includes('snap-1')).toBe(false); // the idempotency keys (command_keys)
    expect(readFileSync(file).includes(passwordHash)).toBe(true);
  });

  it('leaves behind what the primary deleted long ago, on pages it freed', async () => {
    const dir = tmp();
    const file = join(dir, 'dutydeck.sqlite');
    const store = new Store(file);
    const { user } = store.write.createUser({ id: 'u-op', username: 'op', name: '值班员', role: 'operator', passwordHash: 'scrypt$x' }, cli);
    // Enough sessions to fill pages of their own, then all signed out: their pages are freed.
    const tokens = Array.from({ length: 400 }, (_, i) => `old-session-token-${String(i).padStart(4, '0')}-abcdefghij`);
    for (const token of tokens) store.write.openSession(session(token, user.id), null);
    for (const token of tokens) store.write.closeSession(tokenHash(token));
    store.close();
    const raw = openDatabase(file);
    expect(raw.pragma('freelist_count', { simple: true })).toBeGreaterThan(0);
    raw.close();

    const out = join(dir, 'snapshot.sqlite');
    await takeSnapshot(file, out);
    const bytes = readFileSync(out);
    expect(tokens.filter((token) => bytes.includes(tokenHash(token)))).toEqual([]);
    expect(checkDatabase(out)).toMatchObject({ ok: true });
  });
});
