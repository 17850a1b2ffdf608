// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Layers may only depend inward: shared ← web, shared ← server; drivers stay in their folder. */
const layerRules = (patterns) => ({
  'no-restricted-imports': ['error', { patterns }],
});

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'web/dist', 'coverage', 'data'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { projectService: false } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' },
        { selector: 'TSEnumDeclaration', message: 'Use an `as const` object instead of an enum.' },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: layerRules([
      {
        group: ['**/web/**', '**/server/**'],
        message: 'shared/ is pure: it imports nothing from web/ or server/.',
      },
      {
        group: ['node:*', 'dexie', 'hono', 'hono/*', 'kysely', 'pg', 'better-sqlite3'],
        message:
          'shared/ runs in the browser and on the server: no Node, DOM-only or server libraries.',
      },
    ]),
  },
  {
    files: ['server/**/*.ts'],
    ignores: ['server/src/storage/**'],
    rules: layerRules([
      { group: ['**/web/**'], message: 'server/ never imports web/.' },
      {
        group: ['pg', 'better-sqlite3', 'kysely'],
        message: 'Only server/src/storage talks to the database.',
      },
    ]),
  },
  {
    files: ['server/src/routes/**/*.ts'],
    rules: layerRules([
      {
        group: ['**/storage/kysely-store*', '**/storage/open*', 'kysely', 'pg', 'better-sqlite3'],
        message: 'Routes call services; they hold no SQL.',
      },
    ]),
  },
  {
    files: ['web/**/*.ts', 'web/**/*.tsx'],
    ignores: ['web/src/db/**'],
    rules: layerRules([
      { group: ['**/server/**'], message: 'web/ never imports server/.' },
      { group: ['dexie'], message: 'Only web/src/db imports Dexie.' },
    ]),
  },
  {
    // Components take props only: data reaches them through the screens, never directly.
    files: ['web/src/ui/components/**/*.ts', 'web/src/ui/components/**/*.tsx'],
    rules: layerRules([
      { group: ['**/server/**'], message: 'web/ never imports server/.' },
      { group: ['dexie'], message: 'Only web/src/db imports Dexie.' },
      {
        group: ['**/stores/**', '**/db/**', '**/sync/**', '**/shell/**'],
        message: 'Components take props only; screens read the stores and the app state.',
      },
    ]),
  },
  {
    files: ['eslint.config.js', 'vitest.config.ts', 'web/vite.config.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
