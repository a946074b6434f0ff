// The one architectural rule that matters most is here: the core stays platform-free.
import tseslint from 'typescript-eslint';

const platformLibraries = ['discord.js', '@discordjs/*', 'grammy', '@grammyjs/*', 'node-cron', 'better-sqlite3', 'pg'];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'coverage/', 'data/'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: platformLibraries, message: 'src/core is platform-neutral: platform libraries belong in src/adapters, src/store or src/schedule.' }],
      }],
    },
  },
  {
    // Where printing to the terminal is the job.
    files: ['src/adapters/console/**/*.ts', 'src/cli.ts', 'src/cli/**/*.ts', 'bench/**/*.ts', 'test/**/*.ts', 'scripts/**/*.mjs'],
    rules: { 'no-console': 'off' },
  },
);
