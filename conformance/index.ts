/**
 * `mcp-tasks/conformance`: conformance kits for implementations of mcp-tasks' contracts.
 *
 * Three kits on one core (check model, reports, JUnit): the TaskStore suite
 * (`runStoreConformance`, from a `node:test` file with a factory for your store); the protocol
 * kit (`runProtocolConformance`, `registerProtocolConformance`: any server's Tasks over the wire,
 * both generations); the requestor kit (`runClientConformance`: a client program as requestor).
 * The `mcp-tasks-conformance` command runs the last two (docs/conformance.md).
 *
 * @module mcp-tasks/conformance
 * @example
 * ```ts
 * import { runStoreConformance } from 'mcp-tasks/conformance';
 * import { InMemoryTaskStore } from 'mcp-tasks';
 * runStoreConformance({ name: 'InMemoryTaskStore', factory: ({ clock, security }) => new InMemoryTaskStore({ clock, security }) });
 * ```
 */
export { runStoreConformance } from './store/index.js';
export type { StoreConformanceOptions, StoreFactoryContext, NodeTestModule } from './store/index.js';
export { ManualClock } from '../src/clock.js';

// What the kits share: the check model, reports (text, summary, exit code) and JUnit XML.
export { formatResult, summaryLine, exitCodeOf } from './core/report.js';
export { toJUnitXml } from './core/junit.js';
export { toHtmlReport } from './core/html.js';
export type { Summary as ProtocolSummary } from './core/report.js';
export type { CheckResult as ProtocolCheckResult, CheckLevel, CheckArea, CheckStatus, WireExchange } from './core/check.js';

// Protocol-level conformance (a live server's tasks/* over Streamable HTTP or stdio).
export {
  runProtocolConformance,
  registerProtocolConformance,
  ProtocolRun,
  PROTOCOL_CHECKS,
  V2026_CHECKS,
  formatReport,
  FIXTURE_NAMES,
} from './protocol/index.js';
export type {
  Check2026,
  ProtocolConformanceOptions,
  RegisterProtocolConformanceOptions,
  ProtocolNodeTestModule,
  Report as ProtocolReport,
  Check as ProtocolCheck,
  ProtocolTarget,
  StdioCommand,
  Identity,
} from './protocol/index.js';

// Requestor-side conformance (a client program against the kit's scripted server).
export { runClientConformance, CLIENT_CHECKS, SCENARIO_NAMES as CLIENT_SCENARIOS, formatClientReport } from './client/index.js';
export type { ClientConformanceOptions, ClientReport, ClientCheck } from './client/index.js';
