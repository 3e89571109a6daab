import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['node_modules/**', '.takt/**', '.scratch/**', 'dist/**', 'packages/web/dist/**', 'packages/web/src/api/openapi.d.ts'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // The domain core stays pure: no IO, no process state, no server libraries.
    files: ['packages/core/src/**/*.ts'],
    ignores: ['packages/core/src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', 'fs', 'path', 'http', 'https', 'net', 'child_process', 'os'], message: 'The core does no IO.' },
            { group: ['pg', 'kysely', 'fastify', '@fastify/*', '@electric-sql/*', 'pino'], message: 'The core does no IO.' },
            { group: ['#server/*', '**/server/**'], message: 'The core must not depend on the server.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'process', 'fetch', 'setTimeout', 'setInterval'],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Pass the clock in (now).' },
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'Pass the clock in (now).' },
        { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: 'Pass randomness in.' },
      ],
    },
  },
  {
    // Use cases serve HTTP, jobs and the CLI alike: the HTTP layer calls them and maps their DomainErrors,
    // never the other way round.
    files: ['packages/server/src/services/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/http/**', '#server/http/*'], message: 'Services must not depend on the HTTP layer.' },
            { group: ['fastify', '@fastify/*'], message: 'Services must not depend on the HTTP layer.' },
          ],
        },
      ],
    },
  },
)
