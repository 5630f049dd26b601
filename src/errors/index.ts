export * from './tasks-error.js';
export * from './json-rpc.js';
