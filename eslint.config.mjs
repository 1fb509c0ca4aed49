// ESLint flat config for the whole repository (`npm run lint` = `eslint src test build`).

import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Every Node built-in in both spellings (`fs`, `node:fs`), subpaths included (`fs/promises`).
const nodeBuiltins = [...new Set(builtinModules.flatMap((m) => (m.startsWith('node:') ? [m, m.slice(5)] : [m, `node:${m}`])))];
const nodeBuiltinRoots = [...new Set(nodeBuiltins.filter((m) => !m.startsWith('node:')).map((m) => m.split('/')[0]))];

const coreBoundary =
  'src/core runs everywhere (extension host, browser, webview, CLI): no vscode, no Node built-ins. ' +
  'Put host-specific code in src/extension or src/cli and pass the result in.';

export default tseslint.config(
  { ignores: ['dist/', 'out/', 'node_modules/', '.vscode-test/'] },

  js.configs.recommended,
  ...tseslint.configs.recommended,

  {
    rules: {
      // `_name` marks a parameter an interface requires but this implementation does not use.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      // `const self = this` is how a getter in an object literal reaches the enclosing instance.
      '@typescript-eslint/no-this-alias': ['error', { allowedNames: ['self'] }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-console': 'off',
    },
  },

  {
    files: ['src/core/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'vscode', message: coreBoundary },
            ...nodeBuiltins.map((name) => ({ name, message: coreBoundary })),
          ],
          patterns: [
            {
              // Whatever the list above misses: newer `node:` modules and deeper subpaths.
              group: [
                'node:*',
                'vscode/*',
                ...nodeBuiltinRoots.flatMap((m) => [`${m}/*`, `node:${m}/*`]),
                ...nodeBuiltins.map((m) => `!${m}`),
              ],
              message: coreBoundary,
            },
          ],
        },
      ],
      // The same boundary for Node's globals: the webview and vscode.dev have none of them.
      'no-restricted-globals': [
        'error',
        ...['process', 'Buffer', 'require', 'module', '__dirname', '__filename', 'global', 'setImmediate'].map(
          (name) => ({ name, message: coreBoundary }),
        ),
      ],
    },
  },

  {
    // Build scripts and other plain JavaScript run in Node.
    files: ['**/*.mjs', '**/*.cjs', '**/*.js'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly' },
    },
  },
);
