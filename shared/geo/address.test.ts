import { describe, expect, it } from 'vitest';
import { adminPrefixes, chineseNumeral, normalizeAddress as normalizeIn, parseAddress as parseIn, roadSimilarity, standardAddressText } from './address';
import type { TownAdmin } from '../town';

const name = (n: string, aliases: string[] = []) => ({ name: n, aliases });
/** The demo town's names as its town.json gives them. */
const SANDUN: TownAdmin = { province: name('浙江省'), city: name('杭州市'), district: name('西湖区'), town: name('三墩镇', ['三墩街道']), communities: [] };
const NANJING: TownAdmin = { province: name('江苏省'), city: name('南京市'), district: name('江宁区'), town: name('秣陵街道', ['秣陵镇']), communities: [name('殷巷社区'), name('将军山社区')] };
const normalizeAddress = (text: string) => normalizeIn(text, adminPrefixes(SANDUN));
const parseAddress = (text: string) => parseIn(text, adminPrefixes(SANDUN));

describe('Chinese address normalisation', () => {
  it('reads Chinese numerals, digit by digit or with 十/百', () => {
    expect(chineseNumeral('八十八')).toBe(88);
    expect(chineseNumeral('十二')).toBe(12);
    expect(chineseNumeral('一百零五')).toBe(105);
    expect(chineseNumeral('二五')).toBe(25);
    expect(chineseNumeral('两')).toBe(2);
    expect(chineseNumeral('路')).toBeNull();
  });

  it('strips province, city, district and town, full-width forms and spaces', () => {
    expect(normalizeAddress('浙江省杭州市西湖区三墩镇 振华路　８８号')).toBe('振华路88号');
    expect(normalizeAddress('杭州西湖区振华路88號')).toBe('振华路88号');
  });

  it('keeps names that only look like prefixes or numerals: 三墩路, 西湖大道, 文一西路', () => {
    expect(normalizeAddress('三墩路 12 号')).toBe('三墩路12号');
    expect(normalizeAddress('杭州市西湖大道5号')).toBe('西湖大道5号');
    expect(normalizeAddress('文一西路八十八号')).toBe('文一西路88号');
  });

  it('knows only the names of the town it is given', () => {
    const nanjing = adminPrefixes(NANJING);
    expect(normalizeIn('江苏省南京市江宁区秣陵街道殷巷社区双龙大道1号', nanjing)).toBe('双龙大道1号');
    expect(normalizeIn('南京江宁秣陵镇 将军山 胜太路８８号', nanjing)).toBe('胜太路88号');
    expect(normalizeIn('中国江苏南京市殷巷路5号', nanjing)).toBe('殷巷路5号');
    // Another province's names are part of the text: this town does not know them.
    expect(parseIn('浙江省杭州市振华路88号', nanjing).road).toBe('浙江省杭州市振华路');
    expect(parseIn('中华人民共和国振华路88号', adminPrefixes()).road).toBe('振华路');
    expect(parseIn('江宁区振华路88号', adminPrefixes()).road).toBe('江宁区振华路');
  });

  it('keeps a road named after a prefix with a quarter of the compass: 三墩北路, 将军山东路', () => {
    expect(normalizeAddress('三墩北路7号')).toBe('三墩北路7号');
    expect(normalizeIn('秣陵街道将军山东路7号', adminPrefixes(NANJING))).toBe('将军山东路7号');
  });

  it('parses the standard form and its common variants to the same parts', () => {
    const want = { road: '振华路', number: 88, building: 3, unit: 2 };
    for (const text of ['振华路 88 号 3 幢 2 单元', '振华路八十八号三栋二单元', '振华路88号3座2单元', '振华路88号3号楼2单元', '振华路88-3-2', '西湖区振华路88号第3幢2单元']) {
      expect(parseAddress(text), text).toMatchObject(want);
    }
  });

  it('tells a room from a unit, and leaves missing parts empty', () => {
    expect(parseAddress('振华路88号3幢2单元301室')).toMatchObject({ building: 3, unit: 2, room: 301 });
    expect(parseAddress('振华路88号3幢201')).toMatchObject({ building: 3, unit: null, room: 201 });
    expect(parseAddress('振华路88号')).toMatchObject({ road: '振华路', number: 88, building: null, unit: null });
    expect(parseAddress('振华路与古墩路交叉口')).toMatchObject({ road: '振华路与古墩路交叉口', number: null });
  });

  it('writes the standard text', () => {
    expect(standardAddressText({ road: '振华路', number: 88, building: 3, unit: 2 })).toBe('振华路 88 号 3 幢 2 单元');
    expect(standardAddressText({ road: '振华路', number: 88 })).toBe('振华路 88 号');
  });

  it('scores a dropped suffix and a one-character typo above unrelated roads', () => {
    expect(roadSimilarity('振华', '振华路')).toBe(1);
    expect(roadSimilarity('振化路', '振华路')).toBeGreaterThan(0.6);
    expect(roadSimilarity('紫金港', '紫金港路')).toBe(1);
    expect(roadSimilarity('振华街', '振华路')).toBeLessThan(1);
    expect(roadSimilarity('古墩路', '振华路')).toBeLessThan(0.5);
  });
});
