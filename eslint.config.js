// ESLint with typescript-eslint's type-aware rules (issue 12.5); formatting is Prettier's (.prettierrc.json).
// Every rule turned off or loosened here says why.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', 'var/**', '.tap/**', 'db/migrations/**', 'docs/**', 'coverage/**'] },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // fastify plugins and route modules are `async (app) => { ... }` by fastify's contract (an async
      // function is how fastify tells a plugin from one that takes a `done` callback), with or without await.
      '@typescript-eslint/require-await': 'off',
      // A leading underscore marks what is left out on purpose (`const { secret: _secret, ...view } = row`).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    files: ['test/**/*.ts', 'test/**/*.tsx'],
    rules: {
      // tap queues every `t.test(...)` itself and ends the parent only when its subtests end.
      '@typescript-eslint/no-floating-promises': [
        'error',
        { allowForKnownSafePromises: [{ from: 'package', name: 'PromiseWithSubtest', package: '@tapjs/core' }] },
      ],
      // `response.json()` of fastify's inject is `any` by design: a test reads the body it asserts on,
      // and the assertion is the check. Production code keeps these rules.
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  { files: ['**/*.{js,mjs,cjs}'], ...tseslint.configs.disableTypeChecked },
);
