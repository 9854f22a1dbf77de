// What a source sent beside its words (shared/intake/facts.ts), as it sent it: a CAP alert's
// grading, times, instruction, link and areas; media links; the details an Open311 form asked
// for. A seat reads these at a glance instead of digging them out of a description.
import { useTranslation } from 'react-i18next';
import type { ReportFacts as Facts } from '../../../../shared/intake/facts';
import { capPriority } from '../../../../shared/intake/cap';
import { calendarDate, clockTime } from '../../app/formatTime';

/** A CAP date-time on the town's clock (the alert writes its own offset, perhaps another zone's). */
const when = (iso: string | null) => {
  const ms = iso ? Date.parse(iso) : Number.NaN;
  return Number.isNaN(ms) ? '—' : `${calendarDate(ms)} ${clockTime(ms)}`;
};

function CapAlert({ cap, expired }: { cap: NonNullable<Facts['cap']>; expired: boolean }) {
  const { t } = useTranslation();
  const priority = capPriority(cap.urgency, cap.severity, cap.certainty);
  return (
    <dl className="report-cap" data-testid="report-cap" data-severity={cap.severity}>
      <dt>{t('detail.cap.event')}</dt>
      <dd>
        {cap.event}
        {expired ? <span className="tag tag-warn">{t('detail.cap.expired')}</span> : null}
      </dd>
      <dt>{t('detail.cap.sender')}</dt>
      <dd>{cap.senderName ?? cap.sender}</dd>
      <dt>{t('detail.cap.grading')}</dt>
      <dd className={`cap-grading cap-severity-${cap.severity}`}>
        {t(`detail.cap.severity.${cap.severity}`)} · {t(`detail.cap.urgency.${cap.urgency}`)} · {t(`detail.cap.certainty.${cap.certainty}`)} → {priority}
      </dd>
      <dt>{t('detail.cap.onset')}</dt>
      <dd>{when(cap.onset ?? cap.sent)}</dd>
      <dt>{t('detail.cap.expires')}</dt>
      <dd data-testid="report-cap-expires">{when(cap.expires)}</dd>
      {cap.instruction ? (
        <>
          <dt>{t('detail.cap.instruction')}</dt>
          <dd className="cap-instruction">{cap.instruction}</dd>
        </>
      ) : null}
      {cap.web ? (
        <>
          <dt>{t('detail.cap.web')}</dt>
          <dd>
            <a href={cap.web} target="_blank" rel="noreferrer">
              {cap.web}
            </a>
          </dd>
        </>
      ) : null}
      <dt>{t('detail.cap.areas')}</dt>
      <dd>
        {cap.areas
          .map((area) => [area.desc, ...area.circles.map((c) => t('detail.cap.circle', { km: c.radiusKm })), ...area.polygons.map(() => t('detail.cap.polygon'))].join(' · '))
          .join('；')}
      </dd>
    </dl>
  );
}

export function ReportFacts({ facts, expired }: { facts: Facts; expired: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="report-facts">
      {facts.cap ? <CapAlert cap={facts.cap} expired={expired} /> : null}
      {facts.media?.length ? (
        <p className="report-media" data-testid="report-media">
          {t('detail.media')}：
          {facts.media.map((url, i) => (
            <a key={url} href={url} target="_blank" rel="noreferrer" title={url}>
              {t('detail.photo', { n: i + 1 })}
            </a>
          ))}
        </p>
      ) : null}
      {facts.attributes && Object.keys(facts.attributes).length ? (
        <p className="report-attributes" data-testid="report-attributes">
          {t('detail.attributes')}：
          {Object.entries(facts.attributes)
            .map(([code, value]) => `${code} ${value}`)
            .join(' · ')}
        </p>
      ) : null}
    </div>
  );
}
