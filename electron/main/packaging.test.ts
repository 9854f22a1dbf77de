// The packaging config's security settings, read as electron-builder reads them: a fuse
// misspelt or left out would ship a DutyDeck that any local user can run as plain Node.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';

const repo = join(__dirname, '..', '..');
const config = load(readFileSync(join(repo, 'electron-builder.yml'), 'utf8')) as { electronFuses?: Record<string, unknown>; files?: string[] };
const scheme = JSON.parse(readFileSync(join(repo, 'node_modules', 'app-builder-lib', 'scheme.json'), 'utf8')) as {
  definitions: { FuseOptionsV1: { properties: Record<string, unknown> } };
};

describe('electron-builder.yml', () => {
  it('sets the fuses that keep a packaged DutyDeck from becoming a Node runtime', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
    });
  });

  it('names only fuses electron-builder knows', () => {
    const known = Object.keys(scheme.definitions.FuseOptionsV1.properties);
    expect(Object.keys(config.electronFuses ?? {}).filter((name) => !known.includes(name))).toEqual([]);
  });

  it('packages the production renderer, never the instrumented one with its test hooks', () => {
    expect(config.files).toEqual(expect.arrayContaining(['out/**/*', '!out/renderer-instrumented/**']));
  });
});
