#!/usr/bin/env node
/**
 * `mcp-tasks-conformance`: `client ...` checks a client program (client/cli.ts), anything else
 * checks a server (protocol/cli.ts). Exit 0 only if no MUST check failed (1 otherwise); 2 for a
 * usage error.
 */
import { clientMain } from './client/cli.js';
import { protocolMain } from './protocol/cli.js';

const main = (argv: string[]): Promise<number> => (argv[0] === 'client' ? clientMain(argv.slice(1)) : protocolMain(argv));

// A closed pipe (e.g. `| head`) ends the output quietly.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`mcp-tasks-conformance: ${(error as Error)?.stack ?? String(error)}\n`);
    process.exitCode = 1;
  },
);
