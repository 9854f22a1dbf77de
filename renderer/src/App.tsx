import { lazy, Suspense, useEffect, type ComponentType } from 'react';
import { useStore } from 'react-redux';
import { useTranslation } from 'react-i18next';
import type { WindowKind } from '../../shared/windows';
import { useBootstrap } from './app/BootstrapContext';
import { useAppDispatch, useAppSelector } from './app/hooks';
import type { AppStore } from './app/store';
import { startSync } from './app/sync';
import { watchOutbox } from './features/outbox/outboxThunks';
import { PrintRefusal } from './components/PrintRefusal';
import { Watermark } from './components/Watermark';
import { IdleLockProvider } from './features/lock/IdleLock';
import { selectSession } from './features/session/sessionSlice';
import { restoreSession } from './features/session/sessionThunks';
import { EnrolmentScreen } from './screens/EnrolmentScreen';
import { LoginScreen } from './screens/LoginScreen';
import { SeatScreen } from './screens/SeatScreen';
import { WallBoardScreen } from './screens/WallBoardScreen';

const RESTORE_RETRY_MS = 2_000;

// deck.gl is most of the bundle; only the map wall needs it.
const WallMapScreen = lazy(() => import('./screens/WallMapScreen').then((m) => ({ default: m.WallMapScreen })));
// hls.js likewise: only the video wall plays streams.
const WallVideoScreen = lazy(() => import('./screens/WallVideoScreen').then((m) => ({ default: m.WallVideoScreen })));

// echarts stays out of every other window's bundle.
const BriefingScreen = lazy(() => import('./screens/BriefingScreen').then((m) => ({ default: m.BriefingScreen })));

const SCREENS: Record<WindowKind, ComponentType> = {
  seat: SeatScreen,
  command: SeatScreen,
  'wall-map': WallMapScreen,
  'wall-video': WallVideoScreen,
  'wall-board': WallBoardScreen,
  briefing: BriefingScreen,
};

/** Follows the hub for as long as this session lasts. */
function LiveSync({ token }: { token: string }) {
  const store = useStore() as AppStore;
  const { hubUrl } = useBootstrap();
  useEffect(() => {
    const client = startSync(store, hubUrl);
    const stopOutbox = watchOutbox(store);
    return () => {
      client.stop();
      stopOutbox();
    };
  }, [store, hubUrl, token]);
  return null;
}

function Restoring() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const { error } = useAppSelector(selectSession);
  useEffect(() => {
    if (error === null) {
      void dispatch(restoreSession());
      return;
    }
    const timer = setTimeout(() => void dispatch(restoreSession()), RESTORE_RETRY_MS);
    return () => clearTimeout(timer);
  }, [dispatch, error]);
  return (
    <main className="splash" aria-busy="true">
      <p>{error ? t('app.restoreRetry') : t('app.loading')}</p>
    </main>
  );
}

function Splash() {
  const { t } = useTranslation();
  return (
    <main className="splash" aria-busy="true">
      <p>{t('app.loading')}</p>
    </main>
  );
}

export function App() {
  const { t } = useTranslation();
  const { kind } = useBootstrap();
  const { status, token, user } = useAppSelector(selectSession);

  useEffect(() => {
    document.title = `DutyDeck · ${t(`window.${kind}`)}`;
  }, [kind, t]);

  if (status === 'restoring') return <Restoring />;
  if (status === 'enrolling') return <EnrolmentScreen />;
  if (status !== 'authenticated' || !token || !user) return <LoginScreen />;
  const Screen = SCREENS[kind];
  return (
    <>
      <LiveSync token={token} />
      {/* The lock hides the screen, never the stream or the watermark. */}
      <IdleLockProvider>
        <Suspense fallback={<Splash />}>
          <Screen />
        </Suspense>
      </IdleLockProvider>
      <Watermark name={user.name} />
      <PrintRefusal name={user.name} role={user.role} />
    </>
  );
}
