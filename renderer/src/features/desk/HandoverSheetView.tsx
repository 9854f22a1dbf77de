// A handover sheet as both commanders read and sign it; also what is printed (desk.css
// @media print shows only this while printing).
import { useTranslation } from 'react-i18next';
import { queueTime } from '../../app/formatTime';
import { shortHash } from '../../../../shared/journal/checkpoint';
import { sheetSummary, type HandoverSheet } from './handover';

function IdList({ ids, testId }: { ids: readonly string[]; testId: string }) {
  const { t } = useTranslation();
  return ids.length ? (
    <span className="sheet-ids" data-testid={testId}>
      {ids.join('、')}
    </span>
  ) : (
    <span className="hint" data-testid={testId}>
      {t('command.handover.none')}
    </span>
  );
}

export function HandoverSheetView({ sheet, nameOf, now, printedBy }: { sheet: HandoverSheet; nameOf: (id: string) => string; now: number; printedBy: string }) {
  const { t } = useTranslation();
  const summary = sheetSummary(sheet);
  return (
    <article className="handover-sheet" data-testid="handover-sheet" aria-label={t('command.handover.sheet')}>
      <header className="sheet-head">
        <h3 className="desk-subtitle">{t('command.handover.sheet')}</h3>
        <span className="hint">
          {t('command.handover.sheetId')} {sheet.id}
        </span>
      </header>
      <dl className="sheet-grid">
        <dt>{t('command.handover.outgoing')}</dt>
        <dd>{nameOf(sheet.outgoingId)}</dd>
        <dt>{t('command.handover.incomingShort')}</dt>
        <dd>{nameOf(sheet.incomingId)}</dd>
        <dt>{t('command.handover.createdAt')}</dt>
        <dd>{queueTime(sheet.createdAt, now)}</dd>
        <dt>{t('command.handover.signedInAt')}</dt>
        <dd>{sheet.signedInAt ? queueTime(sheet.signedInAt, now) : t('command.handover.unsigned')}</dd>
        <dt>{t('command.handover.openTotal')}</dt>
        <dd data-testid="sheet-open-total">{t('command.handover.count', { count: summary.openTotal })}</dd>
        <dt>{t('command.handover.byState')}</dt>
        <dd className="sheet-states">
          {summary.byState.length
            ? summary.byState.map(({ state, count }) => (
                <span key={state} className={`state-chip state-${state}`}>
                  {t(`state.${state}`)} {count}
                </span>
              ))
            : t('command.handover.none')}
        </dd>
        <dt>{t('command.handover.pending')}</dt>
        <dd>
          <IdList ids={sheet.pendingApprovals} testId="sheet-pending" />
        </dd>
        <dt>{t('command.handover.overdue')}</dt>
        <dd>
          <IdList ids={sheet.overdue} testId="sheet-overdue" />
        </dd>
        {summary.urgent.length > 0 && (
          <>
            <dt className="desk-warn">{t('command.handover.urgent')}</dt>
            <dd>
              <IdList ids={summary.urgent} testId="sheet-urgent" />
            </dd>
          </>
        )}
        <dt>{t('command.handover.watchList')}</dt>
        <dd>
          <IdList ids={sheet.watchList} testId="sheet-watch" />
        </dd>
        <dt>{t('command.handover.notes')}</dt>
        <dd className="sheet-notes">{sheet.notes || t('command.handover.none')}</dd>
        <dt>{t('command.handover.headDigest')}</dt>
        {/* The hub signed the journal's head right after this sheet: the printed digest lets
            `dutydeck verify` be checked against paper later. */}
        <dd data-testid="sheet-head-digest">
          {sheet.checkpoint ? (
            <code>{t('command.handover.headDigestValue', { seq: sheet.checkpoint.seq, hash: shortHash(sheet.checkpoint.headHash), keyId: sheet.checkpoint.keyId })}</code>
          ) : (
            <span className="hint">{t('command.handover.headNotSigned')}</span>
          )}
        </dd>
      </dl>
      <footer className="sheet-print-only">
        <span>
          {t('command.handover.signature')}（{t('command.handover.outgoing')}）：＿＿＿＿＿＿ {t('command.handover.signature')}（{t('command.handover.incomingShort')}）：＿＿＿＿＿＿
        </span>
        <span className="hint">
          {printedBy} · {queueTime(new Date(now).toISOString(), now)}
        </span>
      </footer>
    </article>
  );
}
