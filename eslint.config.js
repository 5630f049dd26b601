// typescript-eslint's recommended rules on every TypeScript source; formatting is prettier's.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'generated/**', 'coverage/**', '.mutants/**', 'bench/results/**'] },
  js.configs.recommended,
  // Scripts and config files run on Node.
  { files: ['**/*.{js,mjs,cjs}'], languageOptions: { globals: globals.node } },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      // Deliberate: `_name` marks an unused binding kept for its position or to drop a field.
      // A `let` assigned once after a closure that reads it is declared before on purpose.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
);
