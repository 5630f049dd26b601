/**
 * `mcp-tasks/monitor`: what an MCP HTTP server mounts to be watched (docs/operations.md), each a
 * standalone node:http piece called with one line per request: request spans and durations
 * (`HttpObserver`), `GET /metrics` (`metricsEndpoint`), and the live task monitor
 * (`createDashboard` over a `TaskMonitor`).
 */
export { HttpObserver } from './http-requests.js';
export type { HttpObserverOptions } from './http-requests.js';
export { metricsEndpoint } from './metrics-endpoint.js';
export type { MetricsEndpoint, MetricsEndpointOptions, MetricsSource } from './metrics-endpoint.js';
export { TaskMonitor } from './task-monitor.js';
export type { MonitorViewer, QuestionView, TaskMonitorOptions, TaskView } from './task-monitor.js';
export { createDashboard, DASHBOARD_HEADER } from './dashboard.js';
export type { Dashboard, DashboardOptions } from './dashboard.js';
