// The heat map's month kept current by the stream: a located report adds its point, a report
// merged into another takes its point out (its target counts for it, as in GET /heat) and
// an unmerge puts it back. Points older than the window fall out where they are drawn
// (heatLayer.ts heatPoints), so no entry is needed for them. Pure; app/hubCache.ts applies it.
import type { JournalEntry } from '../../../../shared/journal/catalog';
import type { ResponseOf } from '../../../../shared/protocol/api';

export type HeatAnswer = ResponseOf<'heat'>;

/** Where and when an incident was reported: null when it has no point, undefined when the window does not know it. */
export type HeatLocate = (incidentId: string) => { lon: number; lat: number; createdAt: string } | null | undefined;

function indexOf(points: readonly number[], lon: number, lat: number, at: number): number {
  for (let i = 0; i + 2 < points.length; i += 3) if (points[i] === lon && points[i + 1] === lat && points[i + 2] === at) return i;
  return -1;
}

/** The answer with the batch folded in; the same object when nothing moved; null when a merge names an incident `locate` does not know (read again). */
export function foldHeat(answer: HeatAnswer, entries: readonly JournalEntry[], locate: HeatLocate): HeatAnswer | null {
  // New points go in front of the month's, newest first. They are gathered apart and joined
  // once: putting each in front of the whole month would move every point once per report.
  const front: number[] = [];
  let rest: number[] | null = null;
  let changed = false;
  const add = (lon: number, lat: number, at: number) => {
    front.unshift(lon, lat, at);
    changed = true;
  };
  for (const entry of entries) {
    if (entry.type === 'incident.reported') {
      const { location, createdAt, state } = entry.payload.incident;
      if (location && state !== 'merged') add(location.lon, location.lat, Date.parse(createdAt));
    } else if (entry.type === 'incident.merged' || entry.type === 'incident.unmerged') {
      const found = locate(entry.payload.incidentId);
      if (found === undefined) return null;
      if (found === null) continue;
      const at = Date.parse(found.createdAt);
      if (entry.type === 'incident.unmerged') {
        add(found.lon, found.lat, at);
        continue;
      }
      const inFront = indexOf(front, found.lon, found.lat, at);
      if (inFront >= 0) {
        front.splice(inFront, 3);
        continue;
      }
      const i = indexOf(rest ?? answer.points, found.lon, found.lat, at);
      if (i >= 0) {
        (rest ??= answer.points.slice()).splice(i, 3);
        changed = true;
      }
    }
  }
  return changed ? { ...answer, points: front.concat(rest ?? answer.points) } : answer;
}
