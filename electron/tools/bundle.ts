// Bundles the Electron side into out/electron/: the main process, the preload, the hub and
// its SQLite workers. Electron loads CommonJS without tsx, and a sandboxed preload may
// require nothing but 'electron', so each entry becomes one self-contained .cjs file.
// Run by `npm run build:electron`; the launcher calls bundleElectron() directly.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type BuildOptions } from 'esbuild';

export interface BundleEntry {
  /** Source file, relative to the repository root. */
  source: string;
  /** Output file, relative to the repository root. */
  output: string;
  /** A sandboxed preload: bundled for the browser side, may import only 'electron'. */
  preload?: boolean;
}

export const ELECTRON_ENTRIES: readonly BundleEntry[] = [
  { source: 'electron/main/main.ts', output: 'out/electron/main.cjs' },
  { source: 'electron/preload/preload.ts', output: 'out/electron/preload.cjs', preload: true },
  // The hub: run by Electron in a utility process, and by a duty-room server with plain node.
  { source: 'electron/hub/main.ts', output: 'out/electron/hub.cjs' },
  // The hub runs SQLite in worker threads (electron/hub/store/thread/spawn-worker.ts); they sit beside main.cjs.
  { source: 'electron/hub/store/thread/worker.ts', output: 'out/electron/store-worker.cjs' },
  { source: 'electron/hub/store/ops/maintenance-worker.ts', output: 'out/electron/maintenance-worker.cjs' },
];

/** Loaded at run time from node_modules: native addons, and ws's optional native helpers. */
const NATIVE_EXTERNALS = ['electron', 'better-sqlite3', 'bufferutil', 'utf-8-validate', '*.node'];

// In a CommonJS bundle `import.meta` is empty; give modules that locate files next to
// themselves (the hub finding its worker) the bundle's own location instead.
const IMPORT_META_BANNER = [
  // The banner comes before esbuild's own "use strict", so it repeats it to stay first.
  '"use strict";',
  'const __dutydeckImportMetaUrl = require("node:url").pathToFileURL(__filename).href;',
  'const __dutydeckImportMetaResolve = (s) => require("node:url").pathToFileURL(require.resolve(s)).href;',
].join('\n');
const IMPORT_META_DEFINE = {
  'import.meta.url': '__dutydeckImportMetaUrl',
  'import.meta.resolve': '__dutydeckImportMetaResolve',
  'import.meta.dirname': '__dirname',
  'import.meta.filename': '__filename',
};

export interface BundleResult {
  built: string[];
  skipped: string[];
}

export async function bundleElectron(
  root: string,
  entries: readonly BundleEntry[] = ELECTRON_ENTRIES,
  warn: (line: string) => void = console.warn,
): Promise<BundleResult> {
  const result: BundleResult = { built: [], skipped: [] };
  for (const entry of entries) {
    const source = resolve(root, entry.source);
    if (!existsSync(source)) {
      warn(`bundle: ${entry.source} does not exist yet — skipped ${entry.output}`);
      result.skipped.push(entry.output);
      continue;
    }
    const out = await build(optionsFor(entry, source, resolve(root, entry.output)));
    if (entry.preload) assertOnlyElectron(entry, out.metafile);
    result.built.push(entry.output);
  }
  return result;
}

function optionsFor(entry: BundleEntry, source: string, outfile: string): BuildOptions & { metafile: true } {
  const common: BuildOptions & { metafile: true } = {
    entryPoints: [source],
    outfile,
    bundle: true,
    format: 'cjs',
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'warning',
    legalComments: 'none',
  };
  if (entry.preload) {
    // Chromium-side code: no Node built-ins exist in a sandboxed preload.
    return { ...common, platform: 'browser', target: 'chrome140', external: ['electron'] };
  }
  return {
    ...common,
    platform: 'node',
    // Electron's own Node is newer; the hub and its workers also run under plain Node 20.
    target: 'node20',
    external: NATIVE_EXTERNALS,
    banner: { js: IMPORT_META_BANNER },
    define: IMPORT_META_DEFINE,
  };
}

/** A preload that requires anything but 'electron' fails at run time in the sandbox; fail now. */
function assertOnlyElectron(entry: BundleEntry, metafile: { outputs: Record<string, { imports: { path: string; external?: boolean }[] }> }): void {
  const bad = Object.values(metafile.outputs)
    .flatMap((o) => o.imports)
    .filter((i) => i.external && i.path !== 'electron')
    .map((i) => i.path);
  if (bad.length > 0) {
    throw new Error(`${entry.source} requires ${bad.join(', ')}; a sandboxed preload may require only 'electron'.`);
  }
}

const isMain = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  bundleElectron(root).then(
    ({ built }) => console.log(`Bundled ${built.join(', ')}`),
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : String(err));
      process.exitCode = 1;
    },
  );
}
