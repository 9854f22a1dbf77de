// Read model: the room on duty: every unit with its load, the commander on duty, what the
// wall shows, the handover sheets and the room's configuration.
import type { DutyConfig } from '../../../../shared/config';
import type { HandoverSheet, OnDuty } from '../../../../shared/shift';
import type { Unit } from '../../../../shared/units';
import type { Db } from '../sqlite';
import type { ReadContext, TownInUse } from './context';
import type { UnitBase } from './town-lookup';

export type DutyReadModel = ReturnType<typeof dutyReadModel>;

const withLoad = (base: UnitBase, open: number): Unit => ({ ...base, openAssignments: open, status: open > 0 ? 'busy' : 'available' });

/** The town's units with their open assignments, as the engine and the duty read model see them. */
export function unitsWithLoad(db: Db, town: TownInUse) {
  const s = {
    unitLoad: db.prepare<[string], { open_assignments: number }>('SELECT open_assignments FROM unit_load WHERE unit_id = ?'),
    unitLoads: db.prepare<[], { unit_id: string; open_assignments: number }>('SELECT unit_id, open_assignments FROM unit_load WHERE open_assignments > 0'),
  };
  const one = (base: UnitBase) => withLoad(base, s.unitLoad.get(base.id)?.open_assignments ?? 0);
  return {
    unit(id: string): Unit | null {
      const base = town.lookup.unit(id);
      return base ? one(base) : null;
    },
    inRegion(regionId: string): Unit[] {
      return town.lookup.unitsInRegion(regionId).map(one);
    },
    all(): Unit[] {
      const load = new Map(s.unitLoads.all().map((r) => [r.unit_id, r.open_assignments]));
      return town.lookup.units().map((base) => withLoad(base, load.get(base.id) ?? 0));
    },
  };
}

export function dutyReadModel({ db, projections, town }: ReadContext) {
  const units = unitsWithLoad(db, town);
  const s = {
    onDuty: db.prepare<[], { commander_id: string; started_at: string; handover_id: string | null }>('SELECT * FROM shifts ORDER BY seq DESC LIMIT 1'),
    wallFocus: db.prepare<[], { incident_id: string | null; seq: number; at: string }>('SELECT incident_id, seq, at FROM wall_focus WHERE id = 1'),
    handovers: db.prepare<[number], { doc: string }>('SELECT doc FROM handovers ORDER BY rowid DESC LIMIT ?'),
  };
  return {
    units(): Unit[] {
      return units.all();
    },

    onDuty(): OnDuty | null {
      const row = s.onDuty.get();
      return row ? { commanderId: row.commander_id, since: row.started_at, handoverId: row.handover_id } : null;
    },

    wallFocus(): { incidentId: string | null; seq: number; at: string } | null {
      const row = s.wallFocus.get();
      return row ? { incidentId: row.incident_id, seq: row.seq, at: row.at } : null;
    },

    handovers(limit: number): HandoverSheet[] {
      return s.handovers.all(limit).map((r) => JSON.parse(r.doc) as HandoverSheet);
    },

    /** The defaults with an admin's changes laid over them. */
    config(): DutyConfig {
      return projections.config();
    },
  };
}
