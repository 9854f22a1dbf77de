import { describe, expect, it } from 'vitest';
import { CommandEnvelopeSchema } from '../../../shared/protocol/schemas';
import { newIdempotencyKey } from './idempotency';

describe('idempotency keys', () => {
  it('are UUIDs the command envelope accepts', () => {
    const key = newIdempotencyKey();
    expect(CommandEnvelopeSchema.safeParse({ type: 'incident.report', payload: {}, idempotencyKey: key }).success).toBe(true);
  });

  it('still work where randomUUID is missing (plain http on the LAN)', () => {
    const key = newIdempotencyKey({ getRandomValues: <T extends ArrayBufferView | null>(a: T) => crypto.getRandomValues(a as unknown as Uint8Array) as unknown as T });
    expect(key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(newIdempotencyKey()).not.toBe(newIdempotencyKey());
  });
});
