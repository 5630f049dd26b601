/**
 * Independent defects of the HTTP sessions (src/http/: sessionful.ts, sessions.ts, router.ts,
 * stateless.ts) and of what a session shares with the others (one engine, one process), written
 * from src/ and the specs, not from the kit (catalogue.ts says how they are run). Two need the
 * server started statelessly (`serverArgs`).
 */
import type { Defect } from './catalogue.js';

const SESSIONFUL = 'dist/src/http/sessionful.js';
const STATELESS = 'dist/src/http/stateless.js';

export const SESSION_DEFECTS: readonly Defect[] = [
  {
    id: 'sess-foreign-session-served',
    area: 'sessions',
    file: SESSIONFUL,
    find: '            if (session.identity !== call.identity)\n',
    replace: '            if (call.identity === undefined && session.identity !== undefined)\n',
    what: 'the session check only refuses a request without a token on a session opened with one; a request with another token is served on that session.',
    observable:
      "B's token sent with A's mcp-session-id is served (B's POSTs answered, B's GET stream gets A's session's notifications) instead of HTTP 403.",
    rules: ['R76', 'R77'],
  },
  {
    id: 'sess-close-stops-engine',
    area: 'sessions',
    file: 'dist/src/server/v2025/with-tasks.js',
    find: '            removeResumer = undefined;\n            onclose?.();',
    replace: '            removeResumer = undefined;\n            this.engine.close();\n            onclose?.();',
    what: 'closing a session\'s server also closes "its" engine, but the engine is the one every session of the process shares.',
    observable:
      'after one session ends (HTTP DELETE or idle expiry) the work of every running task of every session is aborted without a terminal status: tasks stay working and a pending tasks/result never answers.',
    rules: ['R40', 'R67'],
  },
  {
    id: 'sess-deleted-not-forgotten',
    area: 'sessions',
    file: SESSIONFUL,
    find: 'if (id !== undefined && this.registry.get(id) === session) {',
    replace: 'if (id !== undefined && this.registry.get(id) !== session) {',
    what: 'the registry check of a closing transport is inverted, so a closed session is never removed from the registry.',
    observable:
      'after HTTP DELETE of a session its mcp-session-id is not answered 404 (requests go to the closed transport); the per-client session count never goes down, so 100 closed sessions later the client gets 429.',
    unobservable:
      'the ended session is answered 404 as it must (the closed SDK transport answers it); only the per-client session count leaks, seen after 100 ended sessions, a limit no Tasks rule sets',
  },
  {
    id: 'sess-unknown-is-400',
    area: 'sessions',
    file: SESSIONFUL,
    find: "return reply(jsonResponse(404, rpcError(-32001, 'Session not found')));",
    replace:
      "return reply(jsonResponse(400, rpcError(-32000, 'Bad Request: no valid mcp-session-id header; start with an initialize request')));",
    what: 'an unknown (expired or deleted) session id is answered like a request without one: HTTP 400 instead of 404.',
    observable:
      'a request with an unknown mcp-session-id gets HTTP 400, so a client following Streamable HTTP (start a new session on 404) is stuck.',
  },
  {
    id: 'sess-peer-per-process',
    area: 'sessions',
    file: 'dist/src/server/v2025/tool-calls.js',
    find: '        this.#peer = options.stateless\n',
    replace: '        this.#peer = ToolCalls.sharedPeer ??= options.stateless\n',
    what: "the task peer (where status notifications and progress go, whose capabilities decide whether the work may ask) is cached on the class to save a closure per server, so every session's tasks use the first session's server.",
    observable:
      "status notifications and progress of every task go to the stream of the first session of the process (maybe another owner's), or nowhere once it closed; tasks of later sessions see the first client's capabilities.",
    rules: ['R77', 'R24'],
  },
  {
    id: 'sess-anonymous-with-tokens',
    area: 'sessions',
    file: 'dist/src/http/router.js',
    find: 'if (!tokens || (allowAnonymous && header === undefined))',
    replace: 'if (!tokens || header === undefined)',
    what: 'a request without an Authorization header is let through whether or not anonymous requests are allowed.',
    observable:
      'with --tokens, an initialize without a token opens a session (its own owner) instead of HTTP 401; its tasks/list and tools/call are served.',
    unobservable:
      'indistinguishable from a server run with --allow-anonymous (a tokenless session is its own owner): the kit cannot know that the operator meant to refuse tokenless requests',
    rules: ['R76'],
  },
  {
    id: 'sess-initialize-rate-per-minute',
    level: 'SHOULD',
    area: 'sessions',
    file: 'dist/src/http/sessions.js',
    find: 'const perMs = this.limits.initializePerSecond / 1000;',
    replace: 'const perMs = this.limits.initializePerSecond / 60000;',
    what: 'the initialize bucket refills per minute instead of per second.',
    observable:
      'after its burst of 40 initialize requests, a client opening one session a second gets HTTP 429 for about a minute per session.',
    unobservable: `the initialize rate is the operator's choice, not a rule; a kit run opens fewer sessions than the burst (40)`,
  },
  {
    id: 'sess-cap-keyed-by-session',
    level: 'SHOULD',
    area: 'sessions',
    file: SESSIONFUL,
    find: 'this.registry.add(id, session, clientKey);',
    replace: 'this.registry.add(id, session, id);',
    what: 'a new session is counted under its own id instead of its client key, so the per-client cap never binds.',
    observable: 'one token owner can open more sessions than --max-sessions-per-client (default 100) without HTTP 429.',
    unobservable: `the per-client session cap (100 by default) is the operator's number, not a Tasks rule; seen only past 100 sessions of one client`,
    rules: ['R38'],
  },
  {
    id: 'sess-stateless-answer-owner',
    level: 'SHOULD',
    area: 'sessions',
    file: STATELESS,
    serverArgs: ['--stateless'],
    find: 'answerCarried(this.options.engine.side, `auth:${identity}`, question, message)',
    replace: 'answerCarried(this.options.engine.side, identity, question, message)',
    what: 'a stateless answer to a carried question is stored under the bare token name instead of the owner `auth:<name>`.',
    observable:
      'on a stateless server every answer POSTed to a task question is ignored: ask_input stays input_required, its tasks/result never answers.',
    rules: ['R50'],
  },
  {
    id: 'sess-stateless-closed-early',
    area: 'sessions',
    file: STATELESS,
    serverArgs: ['--stateless'],
    find: 'return reply(response, tracked ? [ended, tracked] : [ended]);',
    replace: 'ended(true);\n            return reply(response, tracked ? [tracked] : []);',
    what: "the per-request server is closed as soon as the transport returned its Response, not when the response's body ends.",
    observable:
      'on a stateless server every answer that streams (a blocking tasks/result, a question carried on it) never arrives: the stream ends without a response.',
    rules: ['R40'],
  },
];
