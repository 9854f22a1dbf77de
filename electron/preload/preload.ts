// The whole bridge a DutyDeck window gets: `window.dutydeck`, the window's bootstrap (kind
// and hub URL from its command-line switch; for a wall window the session token main opened
// for it, asked for once over IPC). Nothing else of IPC, no Node.
// It runs sandboxed, so it is bundled to one CommonJS file that requires only 'electron'.
import { contextBridge, ipcRenderer } from 'electron';
import { isWallKind } from '../../shared/windows';
import { decodeBootstrapArg, parseWindowToken, WINDOW_TOKEN_CHANNEL } from '../main/bootstrap';

try {
  const bootstrap = decodeBootstrapArg(process.argv);
  const token = isWallKind(bootstrap.kind) ? parseWindowToken(ipcRenderer.sendSync(WINDOW_TOKEN_CHANNEL)) : undefined;
  contextBridge.exposeInMainWorld('dutydeck', token === undefined ? bootstrap : { ...bootstrap, token });
} catch (err) {
  // Without a bootstrap the page still loads and shows its own error; say why here too.
  console.error(String(err));
}
