import { describe, expect, it } from 'vitest';
import type { OutboxListItem } from '../../../../shared/protocol/replica';
import { subject } from './OutboxPanel';

const item = (envelope: OutboxListItem['envelope']): OutboxListItem => ({ id: 1, userId: 'u1', envelope, createdAt: '2025-01-01T08:00:00.000Z', state: 'pending', error: null });

describe('what an outbox item says it is about', () => {
  it('names a report by its title and a command on an incident by the incident', () => {
    const report = { channel: 'phone', category: 'noise', title: '夜间施工噪音', address: '三墩镇' };
    expect(subject(item({ type: 'incident.report', payload: report, idempotencyKey: 'key-0001' }))).toBe('夜间施工噪音');
    expect(subject(item({ type: 'incident.cancel', payload: { incidentId: '20250101-0001', reason: '重复' }, idempotencyKey: 'key-0002' }))).toBe('20250101-0001');
  });

  it('names nothing for a command without an incident, or a payload its command does not take', () => {
    expect(subject(item({ type: 'wall.focus', payload: { incidentId: null }, idempotencyKey: 'key-0003' }))).toBe('');
    expect(subject(item({ type: 'shift.start', payload: {}, idempotencyKey: 'key-0004' }))).toBe('');
    expect(subject(item({ type: 'incident.cancel', payload: { incidentId: 7 }, idempotencyKey: 'key-0005' }))).toBe('');
  });
});
