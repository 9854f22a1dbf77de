// Why a unit is recommended, in words the seat reads at a glance: distance, time to arrive,
// status and workload, how close its region is, and whether its department fits.
import type { TFunction } from 'i18next';
import type { ResponseOf } from '../../../../shared/protocol/api';

export type Recommendation = ResponseOf<'recommendations'>['units'][number];

/** "850 米" under a kilometre, "2.4 公里" above, as the duty room says distances. */
export function distanceText(meters: number, lang: 'zh' | 'en'): string {
  if (Math.round(meters) < 1_000) return lang === 'zh' ? `${Math.round(meters)} 米` : `${Math.round(meters)} m`;
  const km = (meters / 1_000).toFixed(1);
  return lang === 'zh' ? `${km} 公里` : `${km} km`;
}

/** `lead`: the incident's lead department, named beside a unit of another. */
export function reasonParts(t: TFunction, reasons: Recommendation['reasons'], lang: 'zh' | 'en', lead?: string): string[] {
  return [
    t('detail.dispatch.distance', { distance: distanceText(reasons.distanceMeters, lang) }),
    t('detail.dispatch.eta', { minutes: Math.max(1, Math.round(reasons.etaMinutes)) }),
    t(`detail.dispatch.status.${reasons.status}`),
    t('detail.dispatch.open', { count: reasons.openAssignments }),
    t(`detail.dispatch.region.${reasons.region}`),
    departmentWords(t, reasons, lead),
  ];
}

function departmentWords(t: TFunction, reasons: Recommendation['reasons'], lead: string | undefined): string {
  const fit = reasons.departmentFit ?? (reasons.departmentMatch ? 'lead' : 'other');
  if (!reasons.department) return reasons.departmentMatch ? t('detail.dispatch.departmentMatch') : t('detail.dispatch.departmentOther');
  const department = t(`department.${reasons.department}`);
  if (fit === 'other') return lead ? t('detail.dispatch.fit.otherThanLead', { department, lead: t(`department.${lead}`) }) : t('detail.dispatch.fit.other', { department });
  return t(`detail.dispatch.fit.${fit}`, { department });
}

export function reasonText(t: TFunction, reasons: Recommendation['reasons'], lang: 'zh' | 'en', lead?: string): string {
  return reasonParts(t, reasons, lang, lead).join(lang === 'zh' ? '，' : ', ');
}
