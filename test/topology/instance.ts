/**
 * One instance of the topology (on DynamoDB or PostgreSQL): the reference server exactly as
 * `mcp-tasks-server` starts it (the same flags, parsed by args.ts), plus the three-step workflow
 * of the takeover test, which the fixture tools do not have. Every instance registers it, so any of them can resume it.
 *
 * `node dist/test/topology/instance.js <mcp-tasks-server flags>`; env TOPOLOGY_LOG: the step log.
 */
import { parseCli } from '../../reference-server/args.js';
import { startHttpServer } from '../../reference-server/http.js';
import { loadTokens } from '../../reference-server/tokens.js';
import { registerTopologyWorkflow } from './workflow.js';

const cli = parseCli(process.argv.slice(2));
if (cli.help || (cli.options.dynamodb === undefined && cli.options.postgres === undefined) || cli.options.tokensFile === undefined) {
  throw new Error('instance.js needs the flags of mcp-tasks-server with --store dynamodb|postgres and --tokens');
}
const { options } = cli;
const log = process.env.TOPOLOGY_LOG ?? '/dev/null';
const withWorkflow = new WeakSet<object>();
const server = await startHttpServer({
  port: options.port,
  host: options.host,
  store: options.store,
  ...(options.dynamodb !== undefined && { dynamodb: options.dynamodb }),
  ...(options.postgres !== undefined && { postgres: options.postgres }),
  ...(options.leaseMs !== undefined && { leaseMs: options.leaseMs }),
  rateLimit: options.rateLimit,
  security: {
    ...(options.maxTasksPerOwner !== undefined && { maxActiveTasksPerOwner: options.maxTasksPerOwner }),
    ...(options.maxTtlMs !== undefined && { maxTtlMs: options.maxTtlMs }),
  },
  tokens: loadTokens(options.tokensFile!),
  ...(options.stateless && { stateless: true }),
  seam: {
    // Stateless servers are reused for many POSTs: register the workflow once per server.
    session: (transport, reference) => {
      if (!withWorkflow.has(reference.tasks)) registerTopologyWorkflow(reference.tasks, log);
      withWorkflow.add(reference.tasks);
      return transport;
    },
  },
});
process.stderr.write(`mcp-tasks reference server listening on ${server.url} (pid ${process.pid})\n`);
const stop = (): void => void server.close().then(() => process.exit(0));
process.once('SIGTERM', stop).once('SIGINT', stop);
