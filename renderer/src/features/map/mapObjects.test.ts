import { describe, expect, it } from 'vitest';
import type { Incident } from '../../../../shared/domain';
import { initI18n } from '../../i18n';
import { toIncidentPoints } from './incidentLayers';
import { describeObject, pickedObject, tooltipText } from './mapObjects';
import type { Place } from './placeLayers';
import { unitColumns, type MapUnit } from './unitLayer';

const T0 = Date.parse('2025-03-01T08:00:00.000Z');
const incident: Incident = {
  id: '20250301-0001',
  state: 'reported',
  title: '振华路菜场门口占道经营',
  category: 'streetVending',
  priority: null,
  location: { lon: 120.08, lat: 30.33 },
  address: null,
  channels: ['hotline12345'],
  reportCount: 1,
  createdAt: new Date(T0).toISOString(),
  updatedAt: new Date(T0).toISOString(),
  lastSeq: 1,
  lastAction: 'incident.reported',
};
const place: Place = { id: 'P1', kind: 'enterprise', name: '杭州万家软件有限公司', lon: 120.05, lat: 30.31, safetyCode: 'red', gridId: 'G002' };
const unit: MapUnit = {
  id: 'T01',
  name: '金家渡联勤警务组',
  kind: 'team',
  department: 'police',
  gridId: 'G001',
  regionIds: [],
  location: { lon: 120.04, lat: 30.31 },
  status: 'busy',
  openAssignments: 1,
};

describe('what the map says about a picked object', () => {
  const sources = { incidents: toIncidentPoints([incident]), places: [place], redPlaceRows: [0], units: unitColumns([unit]) };
  const zh = initI18n('zh-CN');

  it('finds the incident, place or unit under the pointer', () => {
    expect(pickedObject('open-incidents', 0, undefined, sources)).toEqual({ kind: 'incident', incident });
    expect(pickedObject('places-red', 0, undefined, sources)).toEqual({ kind: 'place', place });
    expect(pickedObject('units', 0, undefined, sources)).toEqual({ kind: 'unit', unit });
    expect(pickedObject('place-clusters', 0, { count: 12, placeIndex: null }, sources)).toEqual({ kind: 'placeGroup', count: 12 });
    expect(pickedObject('base-roads-main', 0, undefined, sources)).toBeNull();
    expect(pickedObject('open-incidents', -1, undefined, sources)).toBeNull();
  });

  it('describes an incident with its category, state, priority and time, in Chinese', () => {
    const text = tooltipText(describeObject({ kind: 'incident', incident }, zh.t, 'zh', T0 + 10_000), 'zh');
    expect(text).toContain('振华路菜场门口占道经营');
    expect(text).toContain('类别：占道经营');
    expect(text).toContain('新事件');
    expect(text).toContain('等级：未定级');
  });

  it('names a place’s safety code and a unit’s status', () => {
    expect(tooltipText(describeObject({ kind: 'place', place }, zh.t, 'zh', T0), 'zh')).toContain('平安码：红码');
    expect(tooltipText(describeObject({ kind: 'unit', unit }, zh.t, 'zh', T0), 'zh')).toContain('状态：执勤中');
  });
});
