// Live unit positions: where each unit is now and what it is doing. Not journal entries
// (a moving unit changes every second); the hub keeps them in memory and streams them.
import { z } from 'zod';

/**
 * What a unit is doing, as the map colours it: free, sent but not yet moving, on its way,
 * at the scene, or off duty. Derived from the journal's assignments.
 */
export const LIVE_UNIT_STATUSES = ['available', 'dispatched', 'enRoute', 'onScene', 'offline'] as const;
export type LiveUnitStatus = (typeof LIVE_UNIT_STATUSES)[number];

export const UnitPositionSchema = z.object({
  id: z.string(),
  lon: z.number(),
  lat: z.number(),
  status: z.enum(LIVE_UNIT_STATUSES),
  /** Direction of travel in degrees clockwise from north, while moving. */
  heading: z.number().optional(),
});
export type UnitPosition = z.infer<typeof UnitPositionSchema>;

/** GET /api/v1/units/positions: every unit. The stream's `positions` message: those that changed. */
export const UnitPositionsSchema = z.object({
  at: z.string(),
  units: z.array(UnitPositionSchema),
});
export type UnitPositions = z.infer<typeof UnitPositionsSchema>;
