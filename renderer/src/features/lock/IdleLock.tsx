// The screen lock: after some minutes without input (or Ctrl+L) an overlay hides the window
// until the same user's password is given. Only the view is locked: the session, the stream
// and the store go on underneath, so nothing is missed while the operator is away.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DutyError } from '../../../../shared/errors';
import { useBootstrap } from '../../app/BootstrapContext';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { useHotkeys } from '../../app/hotkeys';
import { describeError } from '../../i18n';
import { selectUser } from '../session/sessionSlice';
import { logOut } from '../session/sessionThunks';
import { createIdleTimer, IDLE_LOCK_STORAGE_KEY, idleLockMinutes } from './idleTimer';
import { verifyPassword } from './unlock';
import './lock.css';

interface IdleLockControls {
  minutes: number;
  setMinutes: (minutes: number) => void;
  lockNow: () => void;
}

const IdleLockContext = createContext<IdleLockControls | null>(null);

/** The lock's controls for the top bar; null outside a signed-in window. */
export function useIdleLock(): IdleLockControls | null {
  return useContext(IdleLockContext);
}

function localStorageOrUndefined(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

const ACTIVITY_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const;

export function IdleLockProvider({ children }: { children: ReactNode }) {
  const { kind } = useBootstrap();
  const [minutes, setMinutesState] = useState(() => idleLockMinutes(kind, localStorageOrUndefined()));
  const [locked, setLocked] = useState(false);
  const timer = useRef<ReturnType<typeof createIdleTimer> | null>(null);

  useEffect(() => {
    const idle = createIdleTimer(minutes * 60_000, () => setLocked(true));
    timer.current = idle;
    const onActivity = () => idle.activity();
    for (const type of ACTIVITY_EVENTS) window.addEventListener(type, onActivity, { passive: true, capture: true });
    return () => {
      idle.stop();
      for (const type of ACTIVITY_EVENTS) window.removeEventListener(type, onActivity, { capture: true });
    };
  }, [minutes]);

  const setMinutes = useCallback((value: number) => {
    try {
      localStorageOrUndefined()?.setItem(IDLE_LOCK_STORAGE_KEY, String(value));
    } catch {
      // Without storage the choice lasts for this window only.
    }
    setMinutesState(value);
  }, []);
  const lockNow = useCallback(() => setLocked(true), []);
  const controls = useMemo(() => ({ minutes, setMinutes, lockNow }), [minutes, setMinutes, lockNow]);

  useHotkeys([{ combo: 'Ctrl+L', labelKey: 'lock.hotkeyLock', run: lockNow, enabled: !locked }]);

  return (
    <IdleLockContext.Provider value={controls}>
      {/* inert: no focus, click or screen reader reaches what the lock covers. */}
      <div className="lock-content" inert={locked}>
        {children}
      </div>
      {locked ? <LockScreen onUnlocked={() => setLocked(false)} /> : null}
    </IdleLockContext.Provider>
  );
}

function LockScreen({ onUnlocked }: { onUnlocked: () => void }) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const user = useAppSelector(selectUser);
  const [password, setPassword] = useState('');
  const [checking, setChecking] = useState(false);
  const [error, setError] = useState<DutyError | null>(null);
  const overlay = useRef<HTMLDivElement>(null);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    input.current?.focus();
    // The window's shortcuts must not act on the hidden screen: keys outside the lock stop here.
    const guard = (event: KeyboardEvent) => {
      if (overlay.current?.contains(event.target as Node | null)) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      input.current?.focus();
    };
    window.addEventListener('keydown', guard, { capture: true });
    return () => window.removeEventListener('keydown', guard, { capture: true });
  }, []);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (checking || !password) return;
    setChecking(true);
    const failed = await dispatch(verifyPassword(password));
    setChecking(false);
    if (failed) {
      setError(failed);
      setPassword('');
      input.current?.focus();
    } else {
      onUnlocked();
    }
  };

  return (
    <div
      className="idle-lock"
      data-testid="idle-lock"
      role="dialog"
      aria-modal="true"
      aria-labelledby="idle-lock-title"
      ref={overlay}
      // Keys typed here are the password's, never the window's shortcuts (React stops them
      // before they bubble to the window's hotkey listener).
      onKeyDown={(e) => e.stopPropagation()}
    >
      <form className="idle-lock-card" onSubmit={(e) => void onSubmit(e)}>
        <h2 id="idle-lock-title">{t('lock.title')}</h2>
        <p>{t('lock.prompt', { name: user?.name ?? '' })}</p>
        <div className="field">
          <label htmlFor="idle-lock-password">{t('lock.password')}</label>
          <input
            id="idle-lock-password"
            ref={input}
            type="password"
            autoComplete="current-password"
            data-testid="unlock-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'idle-lock-error' : undefined}
          />
        </div>
        {error ? (
          <p className="message message-error" role="alert" id="idle-lock-error" data-testid="unlock-error" data-code={error.code}>
            {describeError(t, error)}
          </p>
        ) : null}
        <div className="idle-lock-actions">
          <button type="button" className="button button-quiet" data-testid="lock-switch-user" onClick={() => void dispatch(logOut())}>
            {t('lock.switchUser')}
          </button>
          <button type="submit" className="button button-primary" data-testid="unlock-submit" disabled={checking || !password}>
            {checking ? t('lock.unlocking') : t('lock.unlock')}
          </button>
        </div>
        <p className="hint">{t('lock.stillLive')}</p>
      </form>
    </div>
  );
}
