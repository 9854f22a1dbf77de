// A duplicate candidate's score parts as the reasons an operator reads: 相距 40 米 · 相隔
// 12 分钟 · 同一类别 … Only parts that speak for the match are named.
import type { DuplicateCandidate } from './intakeSlice';

export type Reason = { key: string; values?: Record<string, string | number> };

/** Text similarity below this says nothing useful ("8% alike"). */
const TEXT_WORTH_NAMING = 0.2;

export function duplicateReasons(candidate: Pick<DuplicateCandidate, 'score'>): Reason[] {
  const { distanceMeters, minutesApart, parts } = candidate.score;
  const reasons: Reason[] = [];
  if (parts.samePlace) reasons.push({ key: 'intakeAssist.why.samePlace' });
  if (distanceMeters !== null) reasons.push({ key: 'intakeAssist.why.distance', values: { meters: distanceMeters } });
  else if (!parts.samePlace) reasons.push({ key: 'intakeAssist.why.noDistance' });
  reasons.push(
    minutesApart < 120
      ? { key: 'intakeAssist.why.minutes', values: { minutes: minutesApart } }
      : { key: 'intakeAssist.why.hours', values: { hours: Math.round(minutesApart / 60) } },
  );
  if (parts.category === 1) reasons.push({ key: 'intakeAssist.why.sameCategory' });
  else if (parts.category > 0) reasons.push({ key: 'intakeAssist.why.relatedCategory' });
  if (parts.text >= TEXT_WORTH_NAMING) reasons.push({ key: 'intakeAssist.why.text', values: { percent: Math.round(parts.text * 100) } });
  if (parts.samePhone) reasons.push({ key: 'intakeAssist.why.samePhone' });
  return reasons;
}
