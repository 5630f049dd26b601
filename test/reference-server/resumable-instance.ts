/**
 * The reference server exactly as `mcp-tasks-server` starts it (the same flags, parsed by
 * args.ts, and the same startHttpServer), plus the three-step resumable workflow of the topology
 * test, which the fixture tools do not have, so a restart can take it over. Any shared store.
 *
 * `node dist/test/reference-server/resumable-instance.js <mcp-tasks-server flags>`; env STEP_LOG: the step log.
 */
import { parseCli } from '../../reference-server/args.js';
import { startHttpServer } from '../../reference-server/http.js';
import { loadTokens } from '../../reference-server/tokens.js';
import { registerTopologyWorkflow } from '../topology/workflow.js';

const cli = parseCli(process.argv.slice(2));
if (cli.help || cli.options.tokensFile === undefined)
  throw new Error('resumable-instance.js needs the flags of mcp-tasks-server with --tokens');
const { options } = cli;
const log = process.env.STEP_LOG ?? '/dev/null';
const server = await startHttpServer({
  port: options.port,
  host: options.host,
  store: options.store,
  ...(options.dynamodb && { dynamodb: options.dynamodb }),
  ...(options.postgres && { postgres: options.postgres }),
  ...(options.pglite && { pglite: options.pglite }),
  ...(options.leaseMs !== undefined && { leaseMs: options.leaseMs }),
  rateLimit: options.rateLimit,
  security: {},
  tokens: loadTokens(options.tokensFile!),
  seam: {
    session: (transport, reference) => {
      registerTopologyWorkflow(reference.tasks, log);
      return transport;
    },
  },
});
process.stderr.write(`mcp-tasks reference server listening on ${server.url} (store: ${options.store})\n`);
const stop = (): void => void server.close().then(() => process.exit(0));
process.once('SIGTERM', stop).once('SIGINT', stop);
