import { useTranslation } from 'react-i18next';
import { OPEN_STATES } from '../../../shared/domain';
import { useAppSelector } from '../app/hooks';
import { WallChrome } from '../components/WallChrome';
import { ArrivalTicker, BoardQueue, RegionCounts } from '../features/board/BoardPanels';
import { useRegions } from '../features/board/boardData';
import { useBoardScale } from '../features/board/boardFit';
import { SafetyPanel } from '../features/board/SafetyPanel';
import { selectOpenCount } from '../features/queue/queueSlice';
import { useQueueSelectors } from '../features/queue/useQueueSelectors';

export function WallBoardScreen() {
  const { t } = useTranslation();
  const counts = useAppSelector(useQueueSelectors().selectCountsByState);
  const total = useAppSelector(selectOpenCount);
  const regions = useRegions();
  const scale = useBoardScale();
  return (
    <div className="board-screen" style={{ zoom: scale, width: `${100 / scale}vw`, height: `${100 / scale}vh` }} data-testid="board-screen" data-scale={scale}>
    <WallChrome>
      <div className="board">
        <section className="board-counts" aria-label={t('board.byState')}>
          <div className="count-tile count-total" data-testid="open-count" data-count={total}>
            <span className="count-label">{t('board.open')}</span>
            <span className="count-value">{total}</span>
          </div>
          {OPEN_STATES.map((state) => (
            <div key={state} className={`count-tile state-${state}`} data-testid={`count-${state}`}>
              <span className="count-label">{t(`state.${state}`)}</span>
              <span className="count-value">{counts[state] ?? 0}</span>
            </div>
          ))}
        </section>
        <ArrivalTicker />
        <div className="board-main">
          <section className="board-queue" aria-label={t('queue.title')}>
            <BoardQueue scale={scale} />
          </section>
          <RegionCounts regions={regions} />
          <SafetyPanel />
        </div>
      </div>
    </WallChrome>
    </div>
  );
}
