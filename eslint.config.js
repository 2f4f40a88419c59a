import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';

/** Layer rules: imports point inward only (ui → app → model/storage/content → core). */
const forbid = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: patterns.map((group) => ({ group: [group], message })) }],
});

export default ts.config(
  { ignores: ['dist/', 'dist-*/', 'dev-dist/', 'node_modules/', 'models/', 'coverage/'] },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node, __APP_VERSION__: 'readonly' } },
    rules: {
      curly: ['error', 'multi-line'],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'] } },
  },
  {
    // Untrusted or stored data is checked, never asserted: no `as never`, `as any` or
    // `as unknown as T` in the product (a model snapshot goes through its codec, a descriptor
    // through its guard). Tests may still build odd values on purpose.
    files: ['src/**/*.ts', 'src/**/*.svelte'],
    ignores: ['src/**/*.test.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "TSAsExpression[typeAnnotation.type='TSNeverKeyword']",
          message: '`as never` hides a type error: fix the type.',
        },
        {
          selector: "TSAsExpression[typeAnnotation.type='TSAnyKeyword']",
          message: '`as any` turns the checker off: narrow the value instead.',
        },
        {
          selector:
            "TSAsExpression[expression.type='TSAsExpression'][expression.typeAnnotation.type='TSUnknownKeyword']",
          message:
            '`as unknown as T` is an unchecked assertion: validate the value (a type guard or a codec).',
        },
      ],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/**/*.test.ts'],
    rules: {
      ...forbid(
        [
          '**/storage/**',
          '**/model/**',
          '**/app/**',
          '**/ui/**',
          '**/content/**',
          'dexie',
          '@tensorflow/*',
          'svelte',
          'svelte/*',
          '**/lab/**',
          '**/tests/**',
        ],
        'core is pure TypeScript: it imports nothing from outer layers, Dexie, tfjs or Svelte.',
      ),
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Inject an Rng instead (core/rng.ts).' },
        { object: 'Date', property: 'now', message: 'Inject `now` instead.' },
      ],
    },
  },
  {
    files: ['src/content/**/*.ts'],
    rules: forbid(
      ['**/storage/**', '**/model/**', '**/app/**', '**/ui/**', '**/lab/**', 'dexie', '@tensorflow/*'],
      'content depends on core only.',
    ),
  },
  {
    files: ['src/model/**/*.ts'],
    rules: forbid(
      ['**/storage/**', '**/app/**', '**/ui/**', '**/content/**', '**/lab/**', 'dexie', 'svelte'],
      'model depends on core only.',
    ),
  },
  {
    files: ['src/storage/**/*.ts'],
    rules: forbid(
      ['**/model/**', '**/app/**', '**/ui/**', '**/lab/**', '@tensorflow/*', 'svelte'],
      'storage depends on core only.',
    ),
  },
  {
    files: ['src/app/**/*.ts'],
    ignores: ['src/app/**/*.test.ts'],
    rules: forbid(['**/ui/**', '**/lab/**', '**/tests/**'], 'app must not import ui, lab or tests.'),
  },
  {
    files: ['src/ui/**/*.ts', 'src/ui/**/*.svelte'],
    ignores: ['src/ui/**/*.test.ts'],
    rules: forbid(
      ['**/storage/**', '**/model/**', '**/content/**', '**/lab/**', '**/tests/**', 'dexie', '@tensorflow/*'],
      'ui talks to app (and core types): never storage, model, content, Dexie or tfjs directly.',
    ),
  },
  {
    // What never ships: lab/ (simulators, baselines, dataset parsers, benches, training) and the
    // test support rigs may use any product layer, but nothing in src/ may use them.
    files: ['lab/**/*.ts', 'tests/support/**/*.ts'],
    rules: forbid(['**/ui/**', 'svelte', 'svelte/*'], 'lab and test rigs run without the UI.'),
  },
);
