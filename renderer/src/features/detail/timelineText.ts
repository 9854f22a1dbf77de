// A journal entry about an incident, in words: "14:02 坐席员 张三 派遣 城管中队 2". Entry types
// this window does not know are shown by their type rather than hidden: the timeline is the
// audit trail, and a newer hub may write types this build has no words for.
import type { TFunction } from 'i18next';
import type { EntryPayload, EntryType, JournalEntry, JournalEntryOf } from '../../../../shared/journal/catalog';
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

/**
 * A payload as the timeline reads it: every field may be missing. The field names are the
 * catalog's (shared/journal/catalog.ts), but an entry written by an older or newer hub is
 * shown from whatever it holds rather than dropped.
 */
type Loose<T> = T extends readonly (infer U)[] ? readonly Loose<U>[] : T extends object ? { [K in keyof T]?: Loose<T[K]> | null } : T;
type LooseEntry = { [T in EntryType]: { type: T; payload: Loose<EntryPayload<T>> | null | undefined } }[EntryType];

const str = (value: unknown): string => (typeof value === 'string' ? value : value === null || value === undefined ? '' : String(value));
const list = (value: unknown): string[] => (Array.isArray(value) ? value.map(str) : []);

export function whoText(t: TFunction, entry: Pick<JournalEntry, 'actor' | 'role'>, actors: TimelineContext['actors']): string {
  if (entry.role === 'system') return t('detail.system');
  const name = actors[entry.actor] ?? entry.actor;
  const role = t(`role.${entry.role}`);
  // Accounts named after their role (an integration's "对接系统 police110") say it once.
  return name.startsWith(role) ? name : `${role} ${name}`;
}

export function entryWhat(t: TFunction, shown: { [T in EntryType]: Pick<JournalEntryOf<T>, 'type' | 'payload'> }[EntryType], context: Pick<TimelineContext, 'incidentId' | 'unitName' | 'lang'>): string {
  const entry: LooseEntry = shown;
  const join = (items: string[]) => items.join(context.lang === 'zh' ? '、' : ', ');
  const department = (id: unknown) => t(`department.${str(id)}`, { defaultValue: str(id) });
  switch (entry.type) {
    case 'incident.reported': {
      const report = entry.payload?.report;
      return t('detail.entry.incident.reported', { channel: t(`channel.${str(report?.channel)}`, { defaultValue: str(report?.channel) }), title: str(report?.title) });
    }
    case 'incident.triaged': {
      const p = entry.payload;
      const co = list(p?.coHandlers);
      return t('detail.entry.incident.triaged', {
        category: categoryName(str(p?.category), context.lang),
        priority: str(p?.priority),
        lead: department(p?.lead),
        co: co.length ? t('detail.entry.coHandlers', { list: join(co.map(department)) }) : '',
      });
    }
    case 'incident.merged': {
      const p = entry.payload;
      return p?.incidentId === context.incidentId ? t('detail.entry.mergedInto', { id: str(p?.into) }) : t('detail.entry.mergedFrom', { id: str(p?.incidentId) });
    }
    case 'incident.unmerged': {
      const p = entry.payload;
      return p?.incidentId === context.incidentId ? t('detail.entry.unmergedOut', { id: str(p?.from) }) : t('detail.entry.unmergedFrom', { id: str(p?.incidentId) });
    }
    case 'incident.duplicateSuspected':
      return t('detail.entry.incident.duplicateSuspected', { id: str(entry.payload?.of), score: Number(entry.payload?.score?.total ?? 0).toFixed(2) });
    case 'incident.alertExpired':
      return t('detail.entry.incident.alertExpired', { expires: str(entry.payload?.expires) });
    case 'incident.duplicateDismissed':
      return t('detail.entry.incident.duplicateDismissed', { id: str(entry.payload?.of) });
    case 'incident.dispatched': {
      const units = Array.isArray(entry.payload?.units) ? entry.payload.units.map((u) => str(u?.unitName) || context.unitName(str(u?.unitId))) : [];
      return t('detail.entry.incident.dispatched', { units: join(units) });
    }
    case 'incident.returned': {
      const p = entry.payload;
      return p?.unitId ? t('detail.entry.incident.returned', { unit: context.unitName(str(p.unitId)), reason: str(p.reason) }) : t('detail.entry.returnedAll', { reason: str(p?.reason) });
    }
    case 'unit.accepted':
    case 'unit.arrived':
      return t(`detail.entry.${entry.type}`, { unit: context.unitName(str(entry.payload?.unitId)) });
    case 'incident.feedbackGiven': {
      const p = entry.payload;
      const photos = list(p?.photos).length;
      return (
        t('detail.entry.incident.feedbackGiven', { text: str(p?.text) }) +
        (photos ? t('detail.entry.photos', { count: photos }) : '') +
        (p?.settledOnSpot === true ? t('detail.entry.settled') : '')
      );
    }
    case 'incident.resolved':
      return t('detail.entry.incident.resolved', { summary: str(entry.payload?.summary) });
    case 'incident.closed': {
      const rating = entry.payload?.rating;
      return typeof rating === 'number' ? t('detail.entry.closedRated', { rating }) : t('detail.entry.incident.closed');
    }
    case 'incident.reopened':
    case 'incident.cancelled':
      return t(`detail.entry.${entry.type}`, { reason: str(entry.payload?.reason) });
    case 'incident.circleCalled':
      return t('detail.entry.incident.circleCalled', { region: str(entry.payload?.regionId), count: list(entry.payload?.unitIds).length });
    case 'sla.escalated':
      return t('detail.entry.sla.escalated', { clock: t(`detail.sla.${str(entry.payload?.clock)}`), level: t(`detail.escalation.${str(entry.payload?.level)}`) });
    case 'personalData.revealed':
      return t('detail.entry.personalData.revealed', { report: str(entry.payload?.reportId) });
    case 'wall.focused':
      return entry.payload?.incidentId ? t('detail.entry.wall.focused') : t('detail.entry.wallCleared');
    default:
      return t('detail.entry.other', { type: entry.type });
  }
}

export function timelineLine(t: TFunction, entry: JournalEntry, context: TimelineContext): TimelineLine {
  return { seq: entry.seq, time: queueTime(entry.time, context.now), who: whoText(t, entry, context.actors), what: entryWhat(t, entry, context) };
}
