/**
 * `mcp-tasks/http`: both generations of Tasks at one URL, from tools declared once. One call,
 * `createTasksHttpHandler({ tools })`, gives a handler with a Node face (`node(req, res)`,
 * `listen()`) and a web face (`fetch(request)`), the 2025-11-25 leg (SDK 1.x, sessions or
 * stateless) and the 2026-07-28 leg (SDK v2) on one engine and one store, and the bounds of
 * docs/reference/limits.md. The reference server (`mcp-tasks-server`) is this handler with the
 * conformance fixtures.
 *
 * @module mcp-tasks/http
 * @example
 * ```ts
 * import { createTasksHttpHandler, defineTool } from 'mcp-tasks/http';
 * const ping = defineTool({ name: 'ping', run: () => ({ content: [{ type: 'text', text: 'pong' }] }) });
 * const { url } = await createTasksHttpHandler({ tools: [ping] }).listen({ port: 3000 });
 * ```
 */
export { createTasksHttpHandler } from './handler.js';
export type { TasksHttpHandler, TasksHttpListener } from './handler.js';
export { DEFAULT_REQUESTS_PER_SECOND } from './options.js';
export type { TasksHttpOptions, TasksHttpHooks, HttpLogger } from './options.js';
export { DEFAULT_METRICS_PATH, DEFAULT_DASHBOARD_PATH } from './observe.js';
export type { TasksHttpObserve, TasksHttpDashboard } from './observe.js';
export type { FetchInfo } from './fetch.js';
export type { Server2025 } from './server-2025.js';
export { DEFAULT_SESSION_LIMITS } from './sessions.js';
export type { SessionLimits } from './sessions.js';
export { tokenTable, bearerToken } from './tokens.js';
export type { TokenOwners, TokenTable } from './tokens.js';
export { MAX_BODY_BYTES, MAX_JSON_DEPTH, DEFAULT_BODY_BUDGET_BYTES } from './body.js';
export { HEADERS_TIMEOUT_MS, REQUEST_TIMEOUT_MS } from './node.js';
export { ASSUMED_CLIENT_CAPABILITIES } from './stateless.js';
export { defineTool } from '../server/core/tool-definition.js';
export type { DefinedTool, ToolDefinition, ToolContext } from '../server/core/tool-definition.js';
