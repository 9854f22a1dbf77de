// The whole bridge a DutyDeck window gets: `window.dutydeck`, the window's bootstrap
// (kind, hub URL, and for wall windows a session token). No IPC, no Node, nothing else.
// It runs sandboxed, so it is bundled to one CommonJS file that requires only 'electron'.
import { contextBridge } from 'electron';
import { decodeBootstrapArg } from '../main/bootstrap';

try {
  contextBridge.exposeInMainWorld('dutydeck', decodeBootstrapArg(process.argv));
} catch (err) {
  // Without a bootstrap the page still loads and shows its own error; say why here too.
  console.error(String(err));
}
