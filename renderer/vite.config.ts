import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

// The dev server's React refresh preamble is an inline script, which the page's CSP
// forbids. Only `vite serve` drops the meta; every build keeps it.
const devOnlyRelaxCsp: Plugin = {
  name: 'dutydeck-dev-csp',
  apply: 'serve',
  transformIndexHtml: (html) => html.replace(/<meta\s+http-equiv="Content-Security-Policy"[\s\S]*?\/>/, ''),
};

/**
 * `vite build --mode instrumented`: the same renderer with the hooks e2e tests and benches drive
 * (window.__dutydeck*, behind `import.meta.env.MODE === 'instrumented'`), built beside the
 * production one so a production build never carries them.
 */
export const INSTRUMENTED_MODE = 'instrumented';

export function outDirFor(mode: string): string {
  return fileURLToPath(new URL(mode === INSTRUMENTED_MODE ? '../out/renderer-instrumented' : '../out/renderer', import.meta.url));
}

export default defineConfig(({ mode }) => ({
  root,
  // Relative asset URLs: the same build is served by the hub at / and loaded by Electron.
  base: './',
  plugins: [react(), devOnlyRelaxCsp],
  server: {
    // The renderer imports the protocol from ../shared.
    fs: { allow: [fileURLToPath(new URL('..', import.meta.url))] },
  },
  build: {
    outDir: outDirFor(mode),
    emptyOutDir: true,
    target: 'es2023',
    sourcemap: true,
    chunkSizeWarningLimit: 2_000,
  },
}));
