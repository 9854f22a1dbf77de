import { describe, expect, it } from 'vitest';
import { maskEmails, maskName, maskPersonal, maskPhone, maskText } from './privacy';

describe('masking personal data', () => {
  it('keeps enough of a phone to recognise a caller, not to call them', () => {
    expect(maskPhone('13912345678')).toBe('139****5678');
    expect(maskPhone('0571-88123456')).toBe('057****3456');
    expect(maskPhone('12')).toBe('****');
  });

  it('reduces a name to its surname for the wall', () => {
    expect(maskName('张建华')).toBe('张**');
    expect(maskName('欧阳')).toBe('欧*');
  });

  it('masks numbers and e-mail addresses typed into free text', () => {
    expect(maskText('回电13587654321，身份证330106199003071234')).toBe('回电135****4321，身份证330106********1234');
    expect(maskText('联系 135 8765 4321 或 0571-88123456')).toBe('联系 135****4321 或 0571-****3456');
    expect(maskText('【邮箱】zhang.jianhua@example.cn')).toBe('【邮箱】z***@example.cn');
    expect(maskText('订单号 2026120712345678901 不是号码')).toBe('订单号 2026120712345678901 不是号码');
  });

  it('leaves an "@" that is not an address alone', () => {
    expect(maskEmails('@值班长 请看')).toBe('@值班长 请看');
    expect(maskEmails('a@b')).toBe('a@b');
    expect(maskEmails('x@y.cn 和 p.q@r.org')).toBe('x***@y.cn 和 p***@r.org');
  });

  it('is linear in long runs that an address pattern would retry', () => {
    const started = performance.now();
    maskText(`${'a'.repeat(200_000)}@`);
    maskText('a@'.repeat(100_000));
    maskText('1'.repeat(200_000));
    expect(performance.now() - started).toBeLessThan(200);
  });

  it('masks reporters per view and copies only what changed', () => {
    const record = { id: 'x', reporter: { name: '张建华', phone: '13912345678', email: 'a@b.cn' }, units: [{ id: 'u' }] };
    const masked = maskPersonal(record, 'masked');
    expect(masked.reporter).toEqual({ name: '张建华', phone: '139****5678', email: '****' });
    expect(masked.units).toBe(record.units);
    expect(maskPersonal(record, 'hidden').reporter).toEqual({ name: '张**', phone: undefined, email: undefined });
  });
});
