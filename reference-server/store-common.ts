/** What the reference server's shared stores (DynamoDB, PostgreSQL, PGlite) have in common: the cursor secret variable and warnings. */

export const CURSOR_SECRET_ENV = 'MCP_TASKS_CURSOR_SECRET';

/** Where warnings go (stderr by default). */
export type Warn = (message: string) => void;
export const stderrWarn: Warn = (message) => process.stderr.write(`mcp-tasks-server: warning: ${message}\n`);
