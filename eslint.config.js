import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const ioModules = ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'net', 'http', 'https', 'fastify', 'fastify/*',
  '@fastify/*', 'socket.io', 'socket.io-client', 'mqtt', 'aedes', 'better-sqlite3', 'sharp', 'node-thermal-printer', 'pino',
  'serialport', 'undici'];

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'data/**', 'bench/results/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': ['error', { object: 'describe', property: 'only' }, { object: 'it', property: 'only' }, { object: 'test', property: 'only' }],
    },
  },
  {
    // The queue, catalog and clock core is pure: no I/O, so it can be tested without sockets, files or timers.
    files: ['hall-hub/src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ioModules, message: 'domain/ is pure: no I/O imports (use a port)' }] }],
      'no-restricted-globals': ['error', { name: 'setTimeout', message: 'no timers in domain/' }, { name: 'setInterval', message: 'no timers in domain/' }, { name: 'fetch', message: 'no I/O in domain/' }],
      // Formatting a given instant is pure; reading the clock is not.
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[object.name='Date'][property.name='now']", message: 'domain/ gets time as an argument' },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'domain/ gets time as an argument' },
        { selector: "MemberExpression[object.name='Math'][property.name='random']", message: 'domain/ gets ids as arguments' },
      ],
    },
  },
  {
    // shared/ ships to browsers too.
    files: ['shared/src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['node:*', 'fs', 'path', 'os', 'crypto'], message: 'shared/ runs in browsers: no node modules' }] }],
    },
  },
);
