// A small town for engine tests: two emergency regions, three grids, four units.
//   C ⊃ R1 ⊃ E1 ⊃ J1 ⊃ {G1 (lon < 120.08), G2 (120.08–120.09)}
//           ⊃ E2 ⊃ J2 ⊃ {G3 (lon ≥ 120.09)}
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CommandEnvelope } from '../../../shared/protocol/schemas';
import { Store } from '../store/store';
import { InMemoryTown, type UnitBase } from '../store/read/town-lookup';
import type { Actor } from './actor';

const regions = [
  { id: 'C', level: 'command', parentId: null },
  { id: 'R1', level: 'riskPrevention', parentId: 'C' },
  { id: 'E1', level: 'emergency', parentId: 'R1' },
  { id: 'E2', level: 'emergency', parentId: 'R1' },
  { id: 'J1', level: 'jointEnforcement', parentId: 'E1' },
  { id: 'J2', level: 'jointEnforcement', parentId: 'E2' },
  { id: 'G1', level: 'grid', parentId: 'J1' },
  { id: 'G2', level: 'grid', parentId: 'J1' },
  { id: 'G3', level: 'grid', parentId: 'J2' },
];

const chain = (grid: string) => {
  const byId = new Map(regions.map((r) => [r.id, r]));
  const ids: string[] = [];
  for (let r = byId.get(grid); r; r = r.parentId ? byId.get(r.parentId) : undefined) ids.push(r.id);
  return ids;
};

const unit = (id: string, name: string, kind: UnitBase['kind'], department: UnitBase['department'], gridId: string, lon: number): UnitBase => ({
  id,
  name,
  kind,
  department,
  gridId,
  regionIds: chain(gridId),
  location: { lon, lat: 30.33 },
});

export const FIXTURE_UNITS: UnitBase[] = [
  unit('T1', '联合执法一组', 'team', 'cityManagement', 'G1', 120.07),
  unit('W1', '网格员 周杰', 'gridWorker', 'gridService', 'G1', 120.075),
  unit('S1', '应急站一', 'station', 'emergencyManagement', 'G2', 120.085),
  unit('T2', '联合执法二组', 'team', 'police', 'G3', 120.095),
];

export function fixtureTown(): InMemoryTown {
  return new InMemoryTown(regions, FIXTURE_UNITS, (lon) => (lon < 120.08 ? 'G1' : lon < 120.09 ? 'G2' : 'G3'));
}

export const ACTORS = {
  operator: { userId: 'op', role: 'operator' },
  commander: { userId: 'cmd1', role: 'commander' },
  commander2: { userId: 'cmd2', role: 'commander' },
  regionHead: { userId: 'rh', role: 'regionHead', regionId: 'J1' },
  unitT1: { userId: 'ut1', role: 'unit', unitId: 'T1' },
  wall: { userId: 'wall', role: 'wall' },
  admin: { userId: 'adm', role: 'admin' },
} satisfies Record<string, Actor>;

/** A store on a fresh file with the fixture town and a clock the test moves. */
export function fixtureStore(start = '2026-11-22T02:00:00Z') {
  let now = new Date(start);
  const store = new Store(join(mkdtempSync(join(tmpdir(), 'dutydeck-engine-')), 'dutydeck.sqlite'), () => now, fixtureTown());
  for (const [, actor] of Object.entries(ACTORS)) {
    if (actor.role === 'commander') store.write.createUser({ id: actor.userId, username: actor.userId, name: actor.userId, role: 'commander', passwordHash: null }, { userId: 'system', role: 'system' });
  }
  let key = 0;
  return {
    store,
    advance(minutes: number) {
      now = new Date(now.getTime() + minutes * 60_000);
    },
    run(actor: Actor, type: CommandEnvelope['type'], payload: unknown) {
      return store.execute({ type, payload, idempotencyKey: `fixture-${++key}` }, actor);
    },
    ok(actor: Actor, type: CommandEnvelope['type'], payload: unknown) {
      const outcome = store.execute({ type, payload, idempotencyKey: `fixture-${++key}` }, actor);
      if (!outcome.ok) throw new Error(`${type} refused: ${outcome.error.code} ${outcome.error.message}`);
      return outcome.value;
    },
  };
}

export const REPORT = {
  channel: 'hotline12345',
  category: 'streetVending',
  title: '文一西路占道经营',
  description: '早高峰流动摊贩占用人行道',
  location: { lon: 120.07, lat: 30.33 },
  reporter: { name: '张先生', phone: '13812345678' },
};
