// Setting up the second factor at first sign-in: the QR code for an authenticator app, the
// first code to confirm it, then the ten recovery codes, shown once. The secret and the codes
// live in this component's state only, never in the Redux store or the session storage.
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../shared/domain';
import type { DutyError } from '../../../shared/errors';
import { toDutyError } from '../app/api';
import { useAppDispatch } from '../app/hooks';
import { LanguageToggle } from '../components/LanguageToggle';
import { beginEnrolment, confirmEnrolment, finishEnrolment, logOut } from '../features/session/sessionThunks';
import { describeError } from '../i18n';

type Step = { kind: 'loading' } | { kind: 'scan'; qrSvg: string; secret: string } | { kind: 'codes'; recoveryCodes: string[]; token: string; user: User };

export function EnrolmentScreen() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const id = useId();
  const [step, setStep] = useState<Step>({ kind: 'loading' });
  const [code, setCode] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<DutyError | null>(null);

  // Not a read for the window's cache (app/hubApi.ts): a POST that makes a new secret, which
  // must stay in this component's state and never reach the store.
  useEffect(() => {
    let live = true;
    dispatch(beginEnrolment()).then(
      ({ qrSvg, secret }) => live && setStep({ kind: 'scan', qrSvg, secret }),
      (cause: unknown) => live && setError(toDutyError(cause)),
    );
    return () => {
      live = false;
    };
  }, [dispatch]);

  const onConfirm = (event: FormEvent) => {
    event.preventDefault();
    if (pending) return;
    setPending(true);
    setError(null);
    dispatch(confirmEnrolment(code.trim())).then(
      (done) => setStep({ kind: 'codes', ...done }),
      (cause: unknown) => {
        setError(toDutyError(cause));
        setPending(false);
      },
    );
  };

  return (
    <main className="login">
      <form className="login-card enrol-card" onSubmit={onConfirm} aria-labelledby={`${id}-title`} data-testid="enrolment">
        <div className="login-head">
          <div className="brand">{t('app.brand')}</div>
          <LanguageToggle />
        </div>
        <h1 id={`${id}-title`} className="login-title">
          {step.kind === 'codes' ? t('login.recoveryTitle') : t('login.enrolTitle')}
        </h1>
        {step.kind === 'loading' ? <p className="login-subtitle">{t('login.enrolLoading')}</p> : null}
        {step.kind === 'scan' ? (
          <>
            <p className="enrol-text">{t('login.enrolIntro')}</p>
            <img className="enrol-qr" data-testid="enrol-qr" alt="otpauth QR" src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(step.qrSvg)}`} />
            <p className="enrol-text">
              {t('login.enrolSecret')} <code className="enrol-secret" data-testid="enrol-secret">{step.secret}</code>
            </p>
            <div className="field">
              <label htmlFor={`${id}-code`}>{t('login.code')}</label>
              <input
                id={`${id}-code`}
                data-testid="enrol-code"
                autoComplete="one-time-code"
                inputMode="numeric"
                pattern="[0-9]{6}"
                maxLength={6}
                autoFocus
                required
                value={code}
                onChange={(e) => setCode(e.target.value)}
              />
            </div>
          </>
        ) : null}
        {step.kind === 'codes' ? (
          <>
            <p className="enrol-text">{t('login.recoveryIntro')}</p>
            <ol className="enrol-codes" data-testid="recovery-codes">
              {step.recoveryCodes.map((c) => (
                <li key={c}>
                  <code>{c}</code>
                </li>
              ))}
            </ol>
          </>
        ) : null}
        {error ? (
          <p className="message message-error" role="alert" data-testid="enrol-error" data-code={error.code}>
            {describeError(t, error)}
          </p>
        ) : null}
        {step.kind === 'codes' ? (
          <button type="button" className="button button-primary" data-testid="enrol-done" onClick={() => dispatch(finishEnrolment(step.token, step.user))}>
            {t('login.recoveryDone')}
          </button>
        ) : (
          <div className="enrol-actions">
            <button type="button" className="button" onClick={() => void dispatch(logOut())}>
              {t('login.cancel')}
            </button>
            <button type="submit" className="button button-primary" data-testid="enrol-submit" disabled={pending || step.kind !== 'scan'}>
              {t('login.enrolConfirm')}
            </button>
          </div>
        )}
      </form>
    </main>
  );
}
