// ESLint for the trainer console: typescript-eslint's type-aware recommended rules on the
// TypeScript of the application, the console pages and their tests (the files tsconfig.json
// takes), ESLint's recommended rules on the plain JavaScript (the browser e2e scripts, run by
// node, and this file). `npm run lint` fails on any warning; Maven runs it (build.sh lint) in the
// module's test phase, before the unit tests.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  globalIgnores(['dist/', 'target/']),
  {
    files: ['**/*.ts'],
    extends: [js.configs.recommended, tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    extends: [js.configs.recommended],
    languageOptions: {
      globals: { ...globals.node },
    },
  },
  {
    // page.evaluate and waitForFunction callbacks run in the page, where window and document exist
    files: ['e2e/**/*.mjs'],
    languageOptions: {
      globals: { ...globals.browser },
    },
  },
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
);
