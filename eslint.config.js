// Layer boundaries are errors, not advice: a renderer that imports Node or the hub, a hub
// that imports the renderer, or SQLite outside the store fails `npm test`.
import js from '@eslint/js';
import globals from 'globals';
import regexp from 'eslint-plugin-regexp';
import tseslint from 'typescript-eslint';

const SQLITE = { name: 'better-sqlite3', message: 'better-sqlite3 is imported only by the store (electron/hub/store/).' };
const ELECTRON = { name: 'electron', message: 'Only electron/main and electron/preload talk to Electron.' };
const NODE_BUILTINS = {
  group: ['node:*', 'fs', 'path', 'os', 'child_process', 'crypto', 'http', 'net', 'worker_threads', 'url', 'util'],
  message: 'This layer runs without Node: no Node built-ins.',
};
const importsFrom = (layer) => ({
  group: [`**/${layer}/**`, `${layer}/**`],
  message: `This layer may not import from ${layer}/.`,
});

export const boundaries = [
  {
    // bench/ may: it measures raw SQLite as the baseline the store is compared with.
    files: ['**/*.{ts,tsx,js,mjs}'],
    ignores: ['electron/hub/store/**', 'bench/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [SQLITE] }] },
  },
  {
    files: ['shared/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [SQLITE, ELECTRON], patterns: [importsFrom('electron'), importsFrom('renderer'), NODE_BUILTINS] },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['**/*.test.{ts,tsx}', 'renderer/vite.config.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [SQLITE, ELECTRON], patterns: [importsFrom('electron'), NODE_BUILTINS] },
      ],
    },
  },
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/hub/store/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [SQLITE], patterns: [importsFrom('renderer')] }],
    },
  },
  {
    files: ['electron/hub/**/*.ts', 'electron/cli/**/*.ts', 'electron/launcher/**/*.ts'],
    ignores: ['electron/hub/store/**'],
    rules: {
      // The hub runs under plain Node too; only main/ and preload/ may need Electron.
      'no-restricted-imports': ['error', { paths: [SQLITE, ELECTRON], patterns: [importsFrom('renderer')] }],
    },
  },
  {
    // Sandboxed: a preload can require 'electron' and nothing of Node.
    files: ['electron/preload/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [SQLITE], patterns: [importsFrom('renderer'), importsFrom('hub'), NODE_BUILTINS] }],
    },
  },
  {
    files: ['electron/hub/store/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [ELECTRON], patterns: [importsFrom('renderer')] }],
    },
  },
];

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'dist/', 'release/', 'e2e/screenshots/', 'bench/results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.es2023 } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  { files: ['renderer/**/*.{ts,tsx}'], languageOptions: { globals: { ...globals.browser } } },
  {
    files: ['electron/**/*.{ts,mjs}', 'e2e/**/*.ts', 'bench/**/*.ts', '*.config.{ts,js}', '.ci/**/*.js'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // Untrusted text meets regular expressions in every reader (CAP, Open311, addresses):
    // a pattern that can backtrack super-linearly is a way to hold the hub, so it is an error.
    plugins: { regexp },
    rules: {
      'regexp/no-super-linear-backtracking': 'error',
      'regexp/no-super-linear-move': 'error',
    },
  },
  // Tests read untyped JSON bodies; asserting on them is the point.
  { files: ['**/*.test.{ts,tsx}', 'e2e/**/*.ts'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },
  ...boundaries,
);
