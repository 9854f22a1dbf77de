// `npm start`: build what is stale, then run DutyDeck in Electron when its binary is
// installed, or else the same hub under Node with the windows in Chromium.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleElectron } from '../tools/bundle';
import { ArgsError, USAGE, parseLauncherArgs, type LauncherArgs } from './args';
import { runBrowserHost } from './browser-host';
import { electronBinary } from './electron-binary';
import { RENDERER_INDEX, buildRenderer, rendererBuildNeeded } from './renderer-build';

const root = fileURLToPath(new URL('../..', import.meta.url));

async function main(argv: string[]): Promise<void> {
  let args: LauncherArgs;
  try {
    args = parseLauncherArgs(argv);
  } catch (err) {
    if (!(err instanceof ArgsError)) throw err;
    console.error(`${err.message}\n${USAGE}`);
    process.exit(2);
  }
  if (args.help) {
    console.log(USAGE);
    return;
  }

  if (rendererBuildNeeded(root)) {
    console.log('Building the renderer (out/renderer is missing or older than renderer/ or shared/)…');
    try {
      await buildRenderer(root);
    } catch (err) {
      // A stale renderer still beats none: a duty room mid-shift needs its windows.
      if (!existsSync(join(root, RENDERER_INDEX))) throw err;
      console.warn(`${err instanceof Error ? err.message : String(err)}\nServing the previous renderer build instead.`);
    }
  }

  const electron = electronBinary(root);
  // --no-open wants URLs, not windows: that is the browser host even where Electron exists.
  if (electron && args.open) {
    await bundleElectron(root);
    runElectron(electron, argv);
    return;
  }
  if (!electron) {
    console.log('Electron binary not found (node_modules/electron has no dist/) — running the hub under Node and opening the windows in Chromium.');
  }
  if (args.unknown.length > 0) console.warn(`Ignoring unknown options: ${args.unknown.join(' ')}`);
  await runBrowserHost(args, root);
}

function runElectron(binary: string, argv: readonly string[]): void {
  // The repository is the app folder: package.json's "main" is out/electron/main.cjs.
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  const child = spawn(binary, [root, ...argv], { stdio: 'inherit', env });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (child.exitCode === null) child.kill(signal);
    });
  }
  child.on('error', (err) => {
    console.error(`Could not start Electron (${binary}): ${err.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

main(process.argv.slice(2)).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
