/**
 * The server of the sync window's cost (bench/sync-window.ts): `createTasksHttpHandler` on an
 * in-memory store with two tools that do the same nothing, `fast` (task-capable: a declaring
 * client's call runs inline in its window) and `fast_sync` (never a task: the plain call). Tokens
 * from the file given as the first argument; limits that would refuse the load off.
 *
 * `node dist/bench/fast-server.js TOKENS.json`; prints `listening on URL` on stderr.
 */
import { readFileSync } from 'node:fs';
import { createTasksHttpHandler, tokenTable } from '../src/http/index.js';
import { defineTool } from '../src/index.js';

const result = { content: [{ type: 'text' as const, text: 'done' }] };
const fast = defineTool({ name: 'fast', taskSupport: 'optional', run: () => result });
const fastSync = defineTool({ name: 'fast_sync', taskSupport: 'forbidden', run: () => result });
const tokens = tokenTable(JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as Record<string, string>);
const handler = createTasksHttpHandler({ tools: [fast, fastSync], tokens, requestsPerSecond: 0 });
const listening = await handler.listen({ port: 0 });
process.stderr.write(`listening on ${listening.url}\n`);
const stop = () => void listening.close().then(() => process.exit(0));
process.once('SIGTERM', stop).once('SIGINT', stop);
