import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/', '.stack/', 'node_modules/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      // Config is parsed once (src/config); everything else receives it as a dependency.
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read configuration through src/config only.' },
      ],
    },
  },
  {
    // The runtime (what the image ships: processors, API, CLI) must not depend on the local stack or
    // other dev tooling; only the demo entry (npm start) brings the stack up.
    files: ['src/**/*.ts'],
    ignores: ['src/main.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/tools/**', '**/bench/**', '**/harness/**', '**/test/**'],
              message: 'Runtime code (src/) must not import dev tooling: the local stack lives in tools/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/config/**/*.ts', 'jest.config.js', 'eslint.config.mjs'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
