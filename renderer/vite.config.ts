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

export default defineConfig({
  root,
  // Relative asset URLs: the same build is served by the hub at / and loaded by Electron.
  base: './',
  plugins: [react(), devOnlyRelaxCsp],
  server: {
    // The renderer imports the protocol from ../shared.
    fs: { allow: [fileURLToPath(new URL('..', import.meta.url))] },
  },
  build: {
    outDir: fileURLToPath(new URL('../out/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'es2023',
    sourcemap: true,
    chunkSizeWarningLimit: 2_000,
  },
});
