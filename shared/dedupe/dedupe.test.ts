import { describe, expect, it } from 'vitest';
import { distanceMeters } from '../geo/distance';
import { LIKELY_DUPLICATE, scorePair, type DedupeSubject } from './score';
import { bigrams, normalizeText, textSimilarity } from './text';

const base: DedupeSubject = {
  category: 'illegalConstruction',
  time: '2026-11-22T02:00:00Z',
  location: { lon: 120.0712, lat: 30.3268 },
  text: '振华路88号后院有人私自搭建彩钢棚，疑似违法建设',
  address: '振华路 88 号',
  phones: ['13812345678'],
};

describe('text similarity for Chinese', () => {
  it('folds full-width characters and drops punctuation', () => {
    expect(normalizeText('振华路８８号，　彩钢棚！')).toBe('振华路88号彩钢棚');
  });

  it('is high for two wordings of one event and low for different events', () => {
    const same = textSimilarity(bigrams('振华路88号后院私自搭建彩钢棚'), bigrams('网格员巡查：振华路88号后院违规搭建彩钢棚'));
    const other = textSimilarity(bigrams('振华路88号后院私自搭建彩钢棚'), bigrams('文一西路路口流动摊贩占道经营'));
    expect(same).toBeGreaterThan(0.5);
    expect(other).toBeLessThan(0.1);
  });
});

describe('duplicate score', () => {
  it('explains itself: each part 0–1, a weighted total', () => {
    const score = scorePair(base, { ...base, time: '2026-11-22T02:40:00Z', location: { lon: 120.0714, lat: 30.3269 }, text: '网格员上报：振华路88号后院违规搭建彩钢棚', phones: [] });
    expect(score.total).toBeGreaterThan(LIKELY_DUPLICATE);
    expect(score.distanceMeters).toBeLessThan(30);
    expect(score.minutesApart).toBe(40);
    for (const part of Object.values(score.parts)) expect(part).toBeGreaterThanOrEqual(0);
  });

  it('does not take a different event nearby for a duplicate', () => {
    const score = scorePair(base, { ...base, category: 'streetVending', text: '振华路口流动摊贩占道经营', address: null, phones: [], location: { lon: 120.0722, lat: 30.3272 } });
    expect(score.total).toBeLessThan(LIKELY_DUPLICATE);
  });

  it('counts the same caller and the same place', () => {
    const score = scorePair(base, { ...base, location: null, text: '又是那个彩钢棚', time: '2026-11-23T02:00:00Z' });
    expect(score.parts.samePhone).toBe(1);
    expect(score.parts.samePlace).toBe(1);
  });
});

describe('distance', () => {
  it('measures a known span', () => {
    // One minute of latitude is about 1852 m.
    expect(distanceMeters({ lon: 120, lat: 30 }, { lon: 120, lat: 30 + 1 / 60 })).toBeCloseTo(1853, -1);
  });
});
