import { defineConfig } from 'vitest/config';

/** A demo hub in a test starts without the generated year of history unless it asks. */
const NO_DEMO_HISTORY = { DUTYDECK_DEMO_HISTORY_DAYS: '0' };
/** Unit tests run on a machine clock in UTC, so a time shown in the machine's zone rather than the town's fails them. */
const MACHINE_IN_UTC = { TZ: 'UTC' };

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          env: { ...NO_DEMO_HISTORY, ...MACHINE_IN_UTC },
          include: ['shared/**/*.test.ts', 'electron/**/*.test.ts', 'renderer/**/*.test.{ts,tsx}', 'eslint.config.test.ts'],
          environment: 'node',
          testTimeout: 20_000,
          // Some unit files start real hubs; on two busy cores their shutdown can take a while.
          hookTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'e2e',
          env: NO_DEMO_HISTORY,
          include: ['e2e/**/*.test.ts'],
          globalSetup: ['e2e/global-setup.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // Chromium and the hub share two cores: one e2e file at a time.
          fileParallelism: false,
        },
      },
    ],
  },
});
