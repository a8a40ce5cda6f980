// Lint: typescript-eslint's type-checked rules (floating and misused promises above all: on
// Lambda an unawaited Bot API call is a lost message). Layout is Prettier's job (`npm run format`).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules', 'cdk.out', '.data', 'vendor', '.bench'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: {
          allowDefaultProject: [
            'eslint.config.js',
            'knip.config.ts',
            'bench/*.mjs',
            'cdk/bundling/*.cjs',
            'test/bundles/support/*.mjs',
          ],
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    // Tests read JSON bodies and CDK templates, which are `any` by nature; the promise rules still hold there.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      // Test doubles implement async ports with synchronous bodies, and pass `vi.fn` methods around.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/unbound-method': 'off',
      // Stub servers take async request handlers; a failing one fails its test, which is what we want.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      // Tests are verdicts, not weather reports: a test that reads the machine's clock or sleeps a few
      // milliseconds passes or fails with the machine's load (issue #6). Time reaches the code under test
      // through its port: the core's Clock (fixedClock), the adapters' Timers (test/support/virtual-timers.ts).
      'no-restricted-properties': [
        'error',
        ...[
          ['Date', 'now'],
          ['performance', 'now'],
          ['process', 'hrtime'],
        ].map(([object, property]) => ({
          object,
          property,
          message:
            'A test reads no wall clock: pass a clock (fixedClock from #adapters/system/clock, or VirtualTimers from test/support/virtual-timers.ts) and assert on its time.',
        })),
      ],
      'no-restricted-globals': [
        'error',
        ...['setTimeout', 'setInterval'].map((name) => ({
          name,
          message:
            'A test never sleeps: wait for the fact with vi.waitFor, or move virtual time (VirtualTimers from test/support/virtual-timers.ts).',
        })),
      ],
      'no-restricted-imports': [
        'error',
        {
          paths: ['node:timers/promises', 'timers/promises', 'node:timers', 'timers'].map((name) => ({
            name,
            importNames: ['setTimeout', 'setInterval'],
            message:
              'A test never sleeps: wait for the fact with vi.waitFor, or move virtual time (VirtualTimers from test/support/virtual-timers.ts).',
          })),
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      globals: {
        process: 'readonly',
        performance: 'readonly',
        console: 'readonly',
        module: 'writable',
        require: 'readonly',
      },
    },
  },
);
