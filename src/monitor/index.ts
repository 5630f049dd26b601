/**
 * `mcp-tasks/monitor`: what an MCP HTTP server mounts to be watched (docs/operations.md): request
 * spans and durations (`HttpObserver`), more to come with the live task monitor. node:http only.
 */
export { HttpObserver } from './http-requests.js';
export type { HttpObserverOptions } from './http-requests.js';
