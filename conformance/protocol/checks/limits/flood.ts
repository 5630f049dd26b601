/**
 * The flood of limit.rate (R81): many requests of one requestor in flight at once for a bounded
 * time, each answer sorted as served, refused or other, and the senders it runs on: plain HTTP on
 * the requestor's own session (url targets: a lean client, so a busy machine still outpaces the
 * allowance), or the kit's session (stdio).
 */
import { setMaxListeners } from 'node:events';
import { request as httpRequest, Agent as HttpAgent, type IncomingMessage } from 'node:http';
import { request as httpsRequest, Agent as HttpsAgent } from 'node:https';
import { isObject, type Json } from '../../../core/json.js';
import type { WireSession } from '../../session.js';

/** What one request of the flood got: the task, a refusal, or anything else (no answer is never a refusal). */
export type FloodAnswer = { kind: 'served' } | { kind: 'refused'; detail: string } | { kind: 'other'; detail: string };

/** Sends one request; `deadline` aborts it (the flood's budget and the grace for answers in flight are over). */
export type FloodSender = (deadline: AbortSignal) => Promise<FloodAnswer>;

export interface FloodOptions {
  /** The declared rate: N task operations per second, with a burst of up to 2N. */
  rate: number;
  /** How long the kit may go on sending. */
  budgetMs: number;
  /** Requests in flight at once. */
  inFlight: number;
  /** After the budget, how long answers in flight may still come. */
  graceMs: number;
  signal: AbortSignal;
}

export interface FloodTally {
  sent: number;
  served: number;
  refused: number;
  other: number;
  /** From the first request sent to the last answer in. */
  ms: number;
  firstRefusal?: string;
  firstOther?: string;
  /** Why sending stopped. */
  stopped: 'a refusal' | 'an answer that is neither the task nor a refusal' | 'the allowance far exceeded' | 'the budget' | 'the suite';
}

/** Served operations N per second with a burst of 2N allows within `ms`: a correct limiter serves no more. */
export const allowance = (rate: number, ms: number): number => 2 * rate + (rate * ms) / 1000;

/** Sending stops once this many times the allowance were served: far enough past it to tell. */
export const SEND_PAST = 1.5;

/** JSON-RPC's reserved error codes: the request itself was wrong (or the server broke), not refused for its rate. */
const NOT_A_REFUSAL = new Set([-32700, -32600, -32601, -32602, -32603]);
/** HTTP statuses that refuse for load or rate: Too Many Requests, Service Unavailable. */
const REFUSING_STATUS = new Set([429, 503]);

/** Run `send` `inFlight` at a time until a refusal, an unexpected answer, the allowance far exceeded, or the budget. */
export async function flood(send: FloodSender, options: FloodOptions): Promise<FloodTally> {
  const tally: FloodTally = { sent: 0, served: 0, refused: 0, other: 0, ms: 0, stopped: 'the budget' };
  const deadline = new AbortController();
  // Every request in flight listens to the deadline.
  setMaxListeners(options.inFlight + 10, deadline.signal);
  const started = Date.now();
  const timer = setTimeout(() => deadline.abort(), options.budgetMs + options.graceMs);
  let stop: FloodTally['stopped'] | undefined;
  const stopping = (): boolean => {
    const elapsed = Date.now() - started;
    if (options.signal.aborted) stop ??= 'the suite';
    else if (tally.served > SEND_PAST * allowance(options.rate, elapsed)) stop ??= 'the allowance far exceeded';
    else if (elapsed >= options.budgetMs) stop ??= 'the budget';
    return stop !== undefined;
  };
  const worker = async (): Promise<void> => {
    while (!stopping()) {
      tally.sent++;
      const answer = await send(deadline.signal);
      if (answer.kind === 'served') tally.served++;
      else if (answer.kind === 'refused') {
        tally.refused++;
        tally.firstRefusal ??= answer.detail;
        stop ??= 'a refusal';
      } else {
        tally.other++;
        tally.firstOther ??= answer.detail;
        stop ??= 'an answer that is neither the task nor a refusal';
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: options.inFlight }, worker));
  } finally {
    clearTimeout(timer);
  }
  tally.ms = Math.max(Date.now() - started, 1);
  tally.stopped = stop ?? 'the budget';
  return tally;
}

/** Sort a JSON-RPC response to the flood's tasks/get of `taskId`. */
export function sortResponse(message: Json, taskId: string): FloodAnswer {
  if (isObject(message.error)) {
    const code = message.error.code;
    const detail = errorText(message.error);
    return typeof code === 'number' && !NOT_A_REFUSAL.has(code) ? { kind: 'refused', detail } : { kind: 'other', detail };
  }
  if (isObject(message.result) && message.result.taskId === taskId) return { kind: 'served' };
  return { kind: 'other', detail: `a result that is not the task: ${JSON.stringify(message.result).slice(0, 200)}` };
}

/** A JSON-RPC error as the report shows one: code, message, data. */
function errorText(error: Json): string {
  const data = error.data === undefined ? '' : ` data ${JSON.stringify(error.data)}`;
  return `error ${String(error.code)} ${JSON.stringify(error.message)}${data}`;
}

/** The kit's own session sends (stdio, where there is no HTTP to go around it). */
export function sessionSender(session: WireSession, taskId: string): FloodSender {
  return async (deadline) => {
    const reply = await session.call('tasks/get', { taskId }, { signal: deadline });
    if (reply.kind === 'local') return { kind: 'other', detail: `no answer: ${reply.message}` };
    if (reply.kind === 'error') return sortResponse({ error: reply.error }, taskId);
    return sortResponse({ result: reply.result }, taskId);
  };
}

export interface HttpFloodTarget {
  url: string;
  /** The headers of the requestor's session: identity, mcp-session-id, mcp-protocol-version. */
  headers: Record<string, string>;
  taskId: string;
  inFlight: number;
}

/** Plain HTTP POSTs of tasks/get on keep-alive connections; `close` ends them. */
export function httpSender(target: HttpFloodTarget): { send: FloodSender; close: () => void } {
  const url = new URL(target.url);
  const https = url.protocol === 'https:';
  const agent = https
    ? new HttpsAgent({ keepAlive: true, maxSockets: target.inFlight })
    : new HttpAgent({ keepAlive: true, maxSockets: target.inFlight });
  let next = 0;
  const send: FloodSender = (deadline) =>
    new Promise((resolve) => {
      const id = `conformance-flood-${++next}`;
      const body = JSON.stringify({ jsonrpc: '2.0', id, method: 'tasks/get', params: { taskId: target.taskId } });
      let settled = false;
      const done = (answer: FloodAnswer) => {
        if (settled) return;
        settled = true;
        resolve(answer);
      };
      const headers = {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        'content-length': String(Buffer.byteLength(body)),
        ...target.headers,
      };
      const options = { method: 'POST', agent, headers, signal: deadline };
      const onResponse = (res: IncomingMessage) => readAnswer(res, id, target.taskId, done);
      const req = https ? httpsRequest(url, options, onResponse) : httpRequest(url, options, onResponse);
      req.on('error', (error) =>
        done({ kind: 'other', detail: deadline.aborted ? 'no answer before the deadline' : `POST: ${error.message}` }),
      );
      req.end(body);
    });
  return { send, close: () => agent.destroy() };
}

/** Read one POST's answer: a refusing HTTP status, or the JSON-RPC response with `id` (JSON body or SSE events). */
function readAnswer(res: IncomingMessage, id: string, taskId: string, done: (answer: FloodAnswer) => void): void {
  const status = res.statusCode ?? 0;
  let text = '';
  res.setEncoding('utf8');
  res.on('data', (chunk: string) => {
    text += chunk;
    if (status === 200) {
      const found = findResponse(text, id);
      if (found) done(sortResponse(found, taskId));
    }
  });
  res.on('error', () => done({ kind: 'other', detail: `HTTP ${status}: the response broke off` }));
  res.on('end', () => {
    const found = findResponse(text, id);
    const rpc = found && isObject(found.error) ? `, ${errorText(found.error)}` : '';
    if (REFUSING_STATUS.has(status)) done({ kind: 'refused', detail: `HTTP ${status}${rpc}` });
    else if (found) done(sortResponse(found, taskId));
    else done({ kind: 'other', detail: `HTTP ${status} without a JSON-RPC response: ${text.slice(0, 200)}` });
  });
}

/** The JSON-RPC message with `id` in a JSON body or in the `data:` lines of SSE events read so far. */
function findResponse(text: string, id: string): Json | undefined {
  const candidates = text.trimStart().startsWith('{') || text.trimStart().startsWith('[') ? [text] : dataOf(text);
  for (const candidate of candidates) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(candidate);
    } catch {
      continue;
    }
    for (const message of Array.isArray(parsed) ? parsed : [parsed]) if (isObject(message) && message.id === id) return message;
  }
  return undefined;
}

/** The data of each complete SSE event in `text`. */
function dataOf(text: string): string[] {
  return text
    .split(/\r?\n\r?\n/)
    .slice(0, -1)
    .map((event) =>
      event
        .split(/\r?\n/)
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5).trimStart())
        .join('\n'),
    )
    .filter(Boolean);
}
