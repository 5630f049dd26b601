/**
 * The reference server as a library: build it into your own process or tests.
 * The `mcp-tasks-server` command is main.ts; the fixture tools are documented in FIXTURES.md.
 */
export { createReferenceServer, createStore, openStore, SERVER_NAME, SERVER_VERSION } from './server.js';
export type { ReferenceServer, ReferenceServerOptions, StoreOptions } from './server.js';
export { startHttpServer, MCP_PATH, MAX_BODY_BYTES } from './http.js';
export type { HttpServerOptions, HttpServerHandle } from './http.js';
export { startStdioServer } from './stdio.js';
export type { StdioServerOptions, StdioServerHandle } from './stdio.js';
export { registerFixtures, FIXTURE_TOOLS } from './fixtures.js';
export { parseCli, parseTableCli, parseDbCli, CliError, USAGE } from './args.js';
export type {
  CliOptions,
  Cli,
  StoreKind,
  DynamoDbCliOptions,
  PostgresCliOptions,
  PgliteCliOptions,
  TableCommand,
  DbCommand,
} from './args.js';
export { loadTokens, tokenTable, bearerToken } from './tokens.js';
export type { TokenTable } from './tokens.js';
