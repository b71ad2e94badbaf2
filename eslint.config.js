// ESLint (flat config): typescript-eslint's recommended rules for the whole tree, the hooks rules
// for the web. The syntactic set, not the type-aware one: `tsc --noEmit` already runs in
// `npm test`, and a second whole-tree type-check inside the linter would double its time.
// Formatting is Prettier's business, not ESLint's (no stylistic rules here).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

// Node's globals for the two plain .mjs scripts (TypeScript files get them from @types/node).
const nodeGlobals = Object.fromEntries(['process', 'console', 'URL', 'Buffer', 'setTimeout', 'clearTimeout'].map((g) => [g, 'readonly']));

export default tseslint.config(
  { ignores: ['dist/', 'data/', 'node_modules/', 'server/db/migrations/', 'drizzle/', 'bench/results/'] },
  js.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    extends: [tseslint.configs.recommended],
    rules: {
      // `_name` marks what a signature must accept but the body does not use.
      // Chinese text uses the ideographic space (U+3000) on purpose, in strings and templates alike.
      'no-irregular-whitespace': ['error', { skipStrings: true, skipTemplates: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
    },
  },
  {
    files: ['web/**/*.tsx', 'web/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: nodeGlobals },
  },
);
