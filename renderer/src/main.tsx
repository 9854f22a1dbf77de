import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { Provider } from 'react-redux';
import { App } from './App';
import { createApiClient } from './app/api';
import { BootstrapProvider } from './app/BootstrapContext';
import { browserBootstrap } from './app/bootstrap';
import { HotkeysProvider } from './app/hotkeys';
import { listenerSetupsFor } from './app/listenerSetups';
import { createAppStore } from './app/store';
import { sessionStateWithToken } from './features/session/sessionSlice';
import { pairWindow } from './features/session/sessionThunks';
import { browserSessionStore } from './features/session/sessionStore';
import { initI18n } from './i18n';
import './styles.css';

function sessionStorageOrNull(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

const bootstrap = browserBootstrap();
const sessionStore = browserSessionStore(sessionStorageOrNull());
// A token handed over by the host wins over one kept from an earlier session.
const token = bootstrap.token ?? sessionStore.load();
if (bootstrap.token) sessionStore.save(bootstrap.token);

const store = createAppStore(
  { api: createApiClient(bootstrap.hubUrl), sessionStore, now: () => Date.now() },
  { session: sessionStateWithToken(token) },
  listenerSetupsFor(bootstrap.kind),
);
// A wall window the browser host opened: its one-time code becomes its session.
if (bootstrap.pairing && !token) void store.dispatch(pairWindow(bootstrap.pairing));
const i18n = initI18n();
document.documentElement.lang = i18n.language;
document.body.dataset.window = bootstrap.kind;

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <Provider store={store}>
      <I18nextProvider i18n={i18n}>
        <BootstrapProvider value={bootstrap}>
          <HotkeysProvider>
            <App />
          </HotkeysProvider>
        </BootstrapProvider>
      </I18nextProvider>
    </Provider>
  </StrictMode>,
);
