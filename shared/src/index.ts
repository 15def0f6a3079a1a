export * from './protocol-version.js';
export * from './errors.js';
export * from './i18n-text.js';
export * from './catalog.js';
export * from './queue.js';
export * from './auth.js';
