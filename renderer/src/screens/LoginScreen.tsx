import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useBootstrap } from '../app/BootstrapContext';
import { useAppDispatch, useAppSelector } from '../app/hooks';
import { LanguageToggle } from '../components/LanguageToggle';
import { selectSession } from '../features/session/sessionSlice';
import { logIn } from '../features/session/sessionThunks';
import { describeError } from '../i18n';

export function LoginScreen() {
  const { t } = useTranslation();
  const { kind } = useBootstrap();
  const dispatch = useAppDispatch();
  const { loginPending, error } = useAppSelector(selectSession);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  // Once the hub asked for a code, the field stays until the window signs in.
  const [codeAsked, setCodeAsked] = useState(false);
  const id = useId();
  const needsCode = codeAsked || error?.code === 'secondFactorRequired';
  if (needsCode && !codeAsked) setCodeAsked(true);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (loginPending) return;
    void dispatch(logIn(username.trim(), password, needsCode && code.trim() ? code.trim() : undefined));
  };

  return (
    <main className="login">
      <form className="login-card" onSubmit={onSubmit} aria-labelledby={`${id}-title`}>
        <div className="login-head">
          <div className="brand">{t('app.brand')}</div>
          <LanguageToggle />
        </div>
        <p className="login-subtitle">{t('login.subtitle')}</p>
        <h1 id={`${id}-title`} className="login-title">
          {t('login.title')} · {t(`window.${kind}`)}
        </h1>
        <div className="field">
          <label htmlFor={`${id}-username`}>{t('login.username')}</label>
          <input
            id={`${id}-username`}
            data-testid="login-username"
            autoComplete="username"
            autoFocus
            required
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-password`}>{t('login.password')}</label>
          <input
            id={`${id}-password`}
            data-testid="login-password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </div>
        {needsCode ? (
          <div className="field">
            <label htmlFor={`${id}-code`}>{t('login.code')}</label>
            <input
              id={`${id}-code`}
              data-testid="login-code"
              autoComplete="one-time-code"
              inputMode="text"
              autoFocus
              required
              maxLength={20}
              placeholder={t('login.codeHint')}
              value={code}
              onChange={(e) => setCode(e.target.value)}
            />
          </div>
        ) : null}
        {error?.code === 'secondFactorRequired' ? (
          // Not a failure: the next step. The field it is about is right above.
          <p className="message message-info" role="status" data-testid="login-error" data-code={error.code}>
            {t('error.secondFactorRequired')}
          </p>
        ) : error ? (
          <p className="message message-error" role="alert" data-testid="login-error" data-code={error.code}>
            {error.code === 'badCredentials' && error.path === 'code' ? t('login.wrongCode') : describeError(t, error)}
          </p>
        ) : null}
        <button type="submit" className="button button-primary" data-testid="login-submit" disabled={loginPending}>
          {loginPending ? t('login.submitting') : t('login.submit')}
        </button>
      </form>
    </main>
  );
}
