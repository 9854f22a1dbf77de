// A journal entry about an incident, in words: "14:02 坐席员 张三 派遣 城管中队 2". Entry types
// this window does not know are shown by their type rather than hidden: the timeline is the
// audit trail, and a newer hub may write types this build has no words for.
import type { TFunction } from 'i18next';
import type { JournalEntry } from '../../../../shared/journal/catalog';
import { categoryName } from '../../../../shared/taxonomy';
import { queueTime } from '../../app/formatTime';

export interface TimelineContext {
  /** The incident whose timeline this is: merges read differently from either side. */
  incidentId: string;
  /** Display names of users by id, as the hub returned them. */
  actors: Readonly<Record<string, string>>;
  unitName: (unitId: string) => string;
  lang: 'zh' | 'en';
  now: number;
}

export interface TimelineLine {
  seq: number;
  time: string;
  who: string;
  what: string;
}

type Payload = Record<string, unknown>;
const str = (value: unknown): string => (typeof value === 'string' ? value : value === null || value === undefined ? '' : String(value));
const list = (value: unknown): string[] => (Array.isArray(value) ? value.map(str) : []);

export function whoText(t: TFunction, entry: Pick<JournalEntry, 'actor' | 'role'>, actors: TimelineContext['actors']): string {
  if (entry.role === 'system') return t('detail.system');
  const name = actors[entry.actor] ?? entry.actor;
  return `${t(`role.${entry.role}`)} ${name}`;
}

export function entryWhat(t: TFunction, entry: Pick<JournalEntry, 'type' | 'payload'>, context: Pick<TimelineContext, 'incidentId' | 'unitName' | 'lang'>): string {
  const p = (typeof entry.payload === 'object' && entry.payload !== null ? entry.payload : {}) as Payload;
  const join = (items: string[]) => items.join(context.lang === 'zh' ? '、' : ', ');
  const department = (id: unknown) => t(`department.${str(id)}`, { defaultValue: str(id) });
  switch (entry.type) {
    case 'incident.reported': {
      const report = (p.report ?? {}) as Payload;
      return t('detail.entry.incident.reported', { channel: t(`channel.${str(report.channel)}`, { defaultValue: str(report.channel) }), title: str(report.title) });
    }
    case 'incident.triaged': {
      const co = list(p.coHandlers);
      return t('detail.entry.incident.triaged', {
        category: categoryName(str(p.category), context.lang),
        priority: str(p.priority),
        lead: department(p.lead),
        co: co.length ? t('detail.entry.coHandlers', { list: join(co.map(department)) }) : '',
      });
    }
    case 'incident.merged':
      return p.incidentId === context.incidentId ? t('detail.entry.mergedInto', { id: str(p.into) }) : t('detail.entry.mergedFrom', { id: str(p.incidentId) });
    case 'incident.unmerged':
      return p.incidentId === context.incidentId ? t('detail.entry.unmergedOut', { id: str(p.from) }) : t('detail.entry.unmergedFrom', { id: str(p.incidentId) });
    case 'incident.dispatched': {
      const units = Array.isArray(p.units) ? (p.units as Payload[]).map((u) => str(u.unitName) || context.unitName(str(u.unitId))) : [];
      return t('detail.entry.incident.dispatched', { units: join(units) });
    }
    case 'incident.returned':
      return p.unitId ? t('detail.entry.incident.returned', { unit: context.unitName(str(p.unitId)), reason: str(p.reason) }) : t('detail.entry.returnedAll', { reason: str(p.reason) });
    case 'unit.accepted':
    case 'unit.arrived':
      return t(`detail.entry.${entry.type}`, { unit: context.unitName(str(p.unitId)) });
    case 'incident.feedbackGiven': {
      const photos = list(p.photos).length;
      return (
        t('detail.entry.incident.feedbackGiven', { text: str(p.text) }) +
        (photos ? t('detail.entry.photos', { count: photos }) : '') +
        (p.settledOnSpot === true ? t('detail.entry.settled') : '')
      );
    }
    case 'incident.resolved':
      return t('detail.entry.incident.resolved', { summary: str(p.summary) });
    case 'incident.closed':
      return typeof p.rating === 'number' ? t('detail.entry.closedRated', { rating: p.rating }) : t('detail.entry.incident.closed');
    case 'incident.reopened':
    case 'incident.cancelled':
      return t(`detail.entry.${entry.type}`, { reason: str(p.reason) });
    case 'incident.circleCalled':
      return t('detail.entry.incident.circleCalled', { region: str(p.regionId), count: list(p.unitIds).length });
    case 'sla.escalated':
      return t('detail.entry.sla.escalated', { clock: t(`detail.sla.${str(p.clock)}`), level: t(`detail.escalation.${str(p.level)}`) });
    case 'personalData.revealed':
      return t('detail.entry.personalData.revealed', { report: str(p.reportId) });
    case 'wall.focused':
      return p.incidentId ? t('detail.entry.wall.focused') : t('detail.entry.wallCleared');
    default:
      return t('detail.entry.other', { type: entry.type });
  }
}

export function timelineLine(t: TFunction, entry: JournalEntry, context: TimelineContext): TimelineLine {
  return { seq: entry.seq, time: queueTime(entry.time, context.now), who: whoText(t, entry, context.actors), what: entryWhat(t, entry, context) };
}
