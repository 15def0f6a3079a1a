import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';

const ioModules = ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'net', 'http', 'https', 'fastify', 'fastify/*',
  '@fastify/*', 'socket.io', 'socket.io-client', 'mqtt', 'aedes', 'better-sqlite3', 'sharp', 'node-thermal-printer', 'pino',
  'serialport', 'undici'];

// Workspace folders. A package speaks to another by name (`@hall/hub/config/load-config`, `@hall/testkit/hub-fixture`)
// through that package's `exports`, never by a relative path into its src/ or test/.
const PACKAGE_DIRS = ['shared', 'hall-hub', 'kiosk', 'display-wall', 'firmware-bridge', 'web-shell', 'testkit', 'console', 'province-sim'];
const crossPackagePath = {
  regex: `^(\\.\\./)+(?:[\\w.-]+/)*?(?:${PACKAGE_DIRS.join('|')})/(?:src|test)(?:/|$)`,
  message: 'import another package by its name (its package.json `exports`), not by a relative path into its src/ or test/',
};

// The hub's layers: domain ← app ← adapters ← composition; the apps speak to the hub over the wire only.
// (Every path a glob: import-x takes a zone's `from` as all globs or all folders.)
const hub = (dir) => `./hall-hub/src/${dir}/**`;
const composition = ['./hall-hub/src/{main,compose-*}.ts', './hall-hub/src/composition/**'];
const layerZones = [
  { target: hub('app'), from: [hub('adapters'), ...composition], message: 'app/ speaks to ports, not to adapters (inject the adapter at composition)' },
  { target: hub('adapters'), from: composition, message: 'adapters/ must not import the composition root (it imports them)' },
  { target: hub('domain'), from: [hub('config'), hub('adapters'), hub('app'), hub('ports'), ...composition], message: 'domain/ is pure: no config, no I/O (the caller passes what it needs)' },
  { target: hub('ports'), from: [hub('adapters'), ...composition], message: 'ports/ are interfaces: they name no adapter' },
  { target: './hall-hub/src/**', from: ['./province-sim/**'], message: 'the hub does not ship the province simulator (the demo starts it beside the hub)' },
  {
    target: ['./kiosk/**', './display-wall/**', './hall-hub/console/**', './console/**', './web-shell/**', './shared/**'],
    from: ['./hall-hub/{src,test,demo,province-sim}/**', './province-sim/**', './firmware-bridge/src/**', './testkit/**'],
    message: 'apps and shared speak to the hub over the wire (shared schemas), never through its internals',
  },
];

// Source files (not tests, not generated or data files) stay small enough to read in one sitting.
const SOURCE_FILES = ['*/src/**/*.{ts,tsx}'];

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'data/**', 'bench/results/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': ['error', { object: 'describe', property: 'only' }, { object: 'it', property: 'only' }, { object: 'test', property: 'only' }],
      'no-restricted-imports': ['error', { patterns: [crossPackagePath] }],
    },
  },
  {
    plugins: { 'import-x': importX },
    settings: {
      // Resolve as tsx and vite do: `./x.js` is `./x.ts` on disk, and workspace packages through their `exports`.
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.json'], extensionAlias: { '.js': ['.ts', '.tsx', '.js'] } })],
    },
    rules: { 'import-x/no-restricted-paths': ['error', { zones: layerZones }] },
  },
  {
    files: SOURCE_FILES,
    // Message tables are data: one line a message.
    ignores: ['**/*.test.ts', '**/*.test.tsx', '**/generated/**', '**/*.generated.ts', '**/i18n/messages.ts', 'kiosk/src/input/pinyin-chars.ts'],
    rules: {
      'max-lines': ['error', { max: 400, skipBlankLines: true, skipComments: true }],
      'max-lines-per-function': ['error', { max: 150, skipBlankLines: true, skipComments: true, IIFEs: true }],
    },
  },
  {
    // The queue, catalog and clock core is pure: no I/O, so it can be tested without sockets, files or timers.
    files: ['hall-hub/src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [crossPackagePath, { group: ioModules, message: 'domain/ is pure: no I/O imports (use a port)' }] }],
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
    // Adapters translate: they read the queue through the app's views and act through its use cases
    // (app/queue-views.ts, app/queue-actions.ts), and refuse with a catalog's refusal (app/request-refusals.ts).
    files: ['hall-hub/src/adapters/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[property.name=/^(state|rules)$/][object.name='engine']", message: 'adapters/ read the queue through app/queue-views.ts, not engine.state or engine.rules' },
        { selector: "MemberExpression[property.name=/^(state|rules)$/][object.property.name='engine']", message: 'adapters/ read the queue through app/queue-views.ts, not engine.state or engine.rules' },
        { selector: "NewExpression[callee.name='HttpError']", message: 'refuse with a catalog refusal (app/request-refusals.ts or domain/queue/refusals.ts): denied(code) or refusalError(r)' },
      ],
    },
  },
  {
    // The one place a refusal becomes an HTTP error.
    files: ['hall-hub/src/adapters/http/errors.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    // shared/ ships to browsers too.
    files: ['shared/src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [crossPackagePath, { group: ['node:*', 'fs', 'path', 'os', 'crypto'], message: 'shared/ runs in browsers: no node modules' }] }],
    },
  },
);
