export * from './schema.js';
export * from './load-config.js';
export * from './json-schema.js';
