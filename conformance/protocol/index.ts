/**
 * Protocol-level conformance: run the MCP Tasks (2025-11-25) checks against a live server over
 * Streamable HTTP or stdio, as a real MCP client. See conformance/README.md. What it shares with
 * the requestor kit (the check model, reports, JUnit) is in core/.
 */
export { runProtocolConformance, ProtocolRun, selectChecks } from './runner.js';
export type { ProtocolConformanceOptions } from './run-options.js';
export { registerProtocolConformance } from './node-test.js';
export type { RegisterProtocolConformanceOptions, ProtocolNodeTestModule } from './node-test.js';
export { formatReport } from './report.js';
export type { Report } from './report.js';
export { PROTOCOL_CHECKS } from './checks/index.js';
export { V2026_CHECKS, type Check2026 } from './v2026/index.js';
export type { Check } from './check.js';
export { FIXTURE_NAMES } from './run-state.js';
export { splitCommandLine, parseIdentity } from './target.js';
export type { ProtocolTarget, StdioCommand, Identity } from './target.js';
