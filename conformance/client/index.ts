/**
 * The requestor conformance kit: play scenarios against a client program through a scripted
 * server and judge the client's Tasks behaviour (R2, R17, R26, R27, R49, R54, R58, R62) from the
 * recorded wire, and, for a client that declares task-augmented elicitation or sampling, the
 * client as receiver (R16, R20, R21, R35, R40, R41, R44, R66, R67; scenario receiver). The CLI is
 * `mcp-tasks-conformance client --command "CMD"`.
 */
export { runClientConformance, DEFAULT_POLL_INTERVAL_MS, DEFAULT_CLIENT_TIMEOUT_MS } from './runner.js';
export type { ClientConformanceOptions } from './runner.js';
export { CLIENT_CHECKS } from './checks/index.js';
export { SCENARIOS, SCENARIO_NAMES, CLIENT_ENV, LIST_TASKS, LIST_PAGE_SIZE } from './scenarios.js';
export type { Scenario } from './scenarios.js';
export { formatClientReport } from './report.js';
export type { ClientReport, ScenarioLine } from './report.js';
export type { ClientCheck, Evidence, ScenarioRun } from './check.js';
