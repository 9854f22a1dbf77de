// From a picked pixel to the thing under it, and from that thing to the words a person
// reads in the tooltip and the detail card. Pure, so both stay in step and are tested.
import type { TFunction } from 'i18next';
import type { Incident } from '../../../../shared/domain';
import { categoryName } from '../../../../shared/taxonomy';
import { queueTime } from '../../app/formatTime';
import { CAMERA_LAYER_ID, type Camera } from './cameraLayer';
import { INCIDENT_LAYER_ID, isOverdue, NEW_FOR_MS, type IncidentPoints } from './incidentLayers';
import { RISK_LAYER_ID, type RiskGrid } from './riskLayer';
import { PLACE_CLUSTERS_ID, PLACE_POINTS_ID, RED_PLACES_ID, type Place } from './placeLayers';
import type { PlaceCluster } from './placeClusters';
import { UNIT_LAYER_ID, type MapUnit, type UnitColumns } from './unitLayer';

export type MapObject =
  | { kind: 'incident'; incident: Incident }
  | { kind: 'place'; place: Place }
  | { kind: 'placeGroup'; count: number }
  | { kind: 'camera'; camera: Camera }
  | { kind: 'unit'; unit: MapUnit }
  | { kind: 'riskGrid'; grid: RiskGrid };

export interface PickSources {
  incidents: IncidentPoints | null;
  places: readonly Place[] | null;
  /** Row in `places` of each point of the red-places layer. */
  redPlaceRows: readonly number[] | null;
  units: UnitColumns | null;
}

export function pickedObject(layerId: string | undefined, index: number, object: unknown, sources: PickSources): MapObject | null {
  if (index < 0 || !layerId) return null;
  if (layerId === INCIDENT_LAYER_ID) {
    const incident = sources.incidents?.incidents[index];
    return incident ? { kind: 'incident', incident } : null;
  }
  if (layerId === PLACE_POINTS_ID) {
    const place = sources.places?.[index];
    return place ? { kind: 'place', place } : null;
  }
  if (layerId === RED_PLACES_ID) {
    const row = sources.redPlaceRows?.[index];
    const place = row === undefined ? undefined : sources.places?.[row];
    return place ? { kind: 'place', place } : null;
  }
  if (layerId === PLACE_CLUSTERS_ID) {
    const cluster = object as PlaceCluster | undefined;
    if (!cluster) return null;
    const place = cluster.placeIndex === null ? undefined : sources.places?.[cluster.placeIndex];
    return place ? { kind: 'place', place } : { kind: 'placeGroup', count: cluster.count };
  }
  if (layerId === CAMERA_LAYER_ID) return object ? { kind: 'camera', camera: object as Camera } : null;
  if (layerId === RISK_LAYER_ID) return object ? { kind: 'riskGrid', grid: object as RiskGrid } : null;
  if (layerId === UNIT_LAYER_ID) {
    const unit = sources.units?.items[index];
    return unit ? { kind: 'unit', unit } : null;
  }
  return null;
}

export interface ObjectDescription {
  title: string;
  rows: Array<{ label: string; value: string; tone?: string }>;
}

export function describeObject(object: MapObject, t: TFunction, lang: 'zh' | 'en', now: number): ObjectDescription {
  switch (object.kind) {
    case 'incident': {
      const { incident } = object;
      const age = now - Date.parse(incident.createdAt);
      const flags = [age < NEW_FOR_MS ? t('map.card.isNew') : null, isOverdue(incident, now) ? t('map.card.overdue') : null].filter(Boolean);
      return {
        title: incident.title,
        rows: [
          { label: t('map.card.category'), value: categoryName(incident.category, lang) },
          { label: t('map.card.state'), value: [t(`state.${incident.state}`), ...flags].join(' · '), tone: `state-${incident.state}` },
          { label: t('map.card.priority'), value: t(`map.priority.${incident.priority ?? 'none'}`) },
          { label: t('map.card.time'), value: queueTime(incident.createdAt, now) },
        ],
      };
    }
    case 'place':
      return {
        title: object.place.name,
        rows: [
          { label: t('map.card.kind'), value: t(`map.placeKind.${object.place.kind}`) },
          { label: t('map.card.safetyCode'), value: t(`map.safetyCode.${object.place.safetyCode}`), tone: `code-${object.place.safetyCode}` },
        ],
      };
    case 'placeGroup':
      return { title: t('map.card.placeGroup', { count: object.count }), rows: [{ label: '', value: t('map.card.placeGroupHint') }] };
    case 'camera':
      return { title: object.camera.name, rows: [{ label: t('map.card.kind'), value: t(`map.cameraKind.${object.camera.kind}`) }] };
    case 'unit':
      return {
        title: object.unit.name,
        rows: [
          { label: t('map.card.kind'), value: t(`map.unitKind.${object.unit.kind}`) },
          { label: t('map.card.status'), value: t(`map.unitStatus.${object.unit.status}`), tone: `unit-${object.unit.status}` },
        ],
      };
    case 'riskGrid': {
      const { risk } = object.grid;
      const r = risk.reasons;
      return {
        title: object.grid.grid.name,
        rows: [
          { label: t('map.risk.level'), value: t(`map.risk.colour.${risk.colour}`), tone: `code-${risk.colour}` },
          { label: t('map.risk.score'), value: t('map.risk.scoreValue', { score: Math.round(risk.score) }) },
          {
            label: t('map.risk.places'),
            value: t('map.risk.placesValue', { red: r.placesByCode.red, orange: r.placesByCode.orange, yellow: r.placesByCode.yellow, part: Math.round(r.sitesPart) }),
          },
          {
            label: t('map.risk.incidents'),
            value: t('map.risk.incidentsValue', { count: r.incidents30d, ratio: r.densityRatio.toFixed(1), part: Math.round(r.densityPart) }),
          },
          { label: t('map.risk.overdue'), value: t('map.risk.overdueValue', { count: r.openOverdue, part: Math.round(r.overduePart) }) },
          ...(risk.since ? [{ label: t('map.risk.since'), value: queueTime(risk.since, now) }] : []),
        ],
      };
    }
  }
}

/** Tooltips are plain text: titles come from the public and must never become markup. */
export function tooltipText(description: ObjectDescription, lang: 'zh' | 'en'): string {
  const colon = lang === 'zh' ? '：' : ': ';
  return [description.title, ...description.rows.map((row) => (row.label ? `${row.label}${colon}${row.value}` : row.value))].join('\n');
}
