/**
 * `mcp-tasks/monitor`: the pieces that let an MCP HTTP server be watched (docs/operations.md):
 * request spans and durations (`HttpObserver`), `GET /metrics` (`metricsEndpoint`), and the live
 * task monitor (`createDashboard` over a `TaskMonitor`). The library's handler mounts them all
 * with its `observe` option (`mcp-tasks/http`); a server of one's own mounts each with one line
 * per request, on node:http (`handle(req, res)`) or a web framework (`fetch(request)`).
 *
 * @module mcp-tasks/monitor
 */
export { HttpObserver } from './http-requests.js';
export type { HttpObserverOptions, ObservedRequest, RequestHead } from './http-requests.js';
export type { HttpRoute, RouteHead } from './route.js';
export { metricsEndpoint } from './metrics-endpoint.js';
export type { MetricsEndpoint, MetricsEndpointOptions, MetricsSource } from './metrics-endpoint.js';
export { TaskMonitor } from './task-monitor.js';
export type { MonitorViewer, QuestionView, TaskMonitorOptions, TaskView } from './task-monitor.js';
export { createDashboard, DASHBOARD_HEADER } from './dashboard.js';
export type { Dashboard, DashboardOptions } from './dashboard.js';
