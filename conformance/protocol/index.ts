/**
 * Protocol-level conformance: run the MCP Tasks (2025-11-25) checks against a live server over
 * Streamable HTTP or stdio, as a real MCP client. See conformance/README.md.
 */
export { runProtocolConformance, ProtocolRun, selectChecks } from './runner.js';
export type { ProtocolConformanceOptions } from './runner.js';
export { registerProtocolConformance } from './node-test.js';
export type { RegisterProtocolConformanceOptions, ProtocolNodeTestModule } from './node-test.js';
export { formatReport, formatResult, summaryLine, summarize, exitCodeOf, ruleRef } from './report.js';
export { toJUnitXml } from './junit.js';
export type { Report, Summary } from './report.js';
export { PROTOCOL_CHECKS } from './checks/index.js';
export { V2026_CHECKS, type Check2026 } from './v2026/index.js';
export { AREAS, AREA_TITLES } from './check.js';
export type { Check, CheckInfo, CheckResult, CheckLevel, CheckArea, CheckStatus, Outcome } from './check.js';
export { FIXTURE_NAMES } from './context.js';
export { splitCommandLine, parseIdentity } from './target.js';
export type { ProtocolTarget, StdioCommand, Identity } from './target.js';
