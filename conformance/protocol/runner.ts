/**
 * The protocol conformance runner: connect, discover (capabilities, tools, fixtures), then run
 * each check (check-run.ts: a time limit, so a hung server is never a hang; the liveness watch, so
 * a server that died is reported once and not judged; the evidence from the wire recording), and
 * report. `runProtocolConformance` runs everything; `ProtocolRun` runs check by check (the
 * node:test adapter uses it).
 */
import type { CheckInfo, CheckResult } from '../core/check.js';
import { isObject } from '../core/json.js';
import { GENERATION_2025, GENERATION_2026 } from '../core/wire.js';
import { wireSince } from './wire-evidence.js';
import type { Check } from './check.js';
import { runCheck, SERVER_ALIVE, type CheckHost } from './check-run.js';
import { PROTOCOL_CHECKS } from './checks/index.js';
import { CheckContext, type ResolvedOptions, type RunState, type ServerFacts, type ToolInfo } from './context.js';
import { discoverServer, waitBudget } from './discovery/index.js';
import type { Discovery } from './discovery/roles.js';
import { Liveness } from './liveness.js';
import { buildReport, type Report } from './report.js';
import type { WireSession } from './session.js';
import { resolveOptions, type ProtocolConformanceOptions } from './run-options.js';
import { Connector } from './target.js';
import { answersInitialize } from './v2026/detect.js';
import { AREA_2026, asRunnerChecks, detect2026, speaks2025, V2026_CHECKS, type State2026 } from './v2026/index.js';
import { Recording2026 } from './v2026/recording.js';
import { WireLog } from './wire-log.js';

/** The checks `only` selects (all when it is empty). */
export function selectChecks<C extends CheckInfo = Check>(
  only: readonly string[] | undefined,
  checks: readonly C[] = PROTOCOL_CHECKS as unknown as readonly C[],
): C[] {
  if (!only?.length) return [...checks];
  const wanted = new Set(only.map((s) => s.trim()).filter(Boolean));
  const unknown = [...wanted].filter((w) => !checks.some((c) => c.id === w || c.rule === w || c.area === w));
  if (unknown.length) throw new Error(`unknown check, rule or area: ${unknown.join(', ')}`);
  return checks.filter((c) => wanted.has(c.id) || wanted.has(c.rule) || wanted.has(c.area));
}

export class ProtocolRun implements RunState {
  readonly options: ResolvedOptions;
  readonly facts: ServerFacts = { tools: [] };
  readonly transport: 'url' | 'stdio';
  readonly url: string | undefined;
  readonly memos = new Map<string, Promise<unknown>>();
  checks: readonly Check[];
  /** The generations the target speaks (detection: runner.ts #discover). */
  generations: string[] = [];
  /** The 2026-07-28 wire's facts, when the target speaks it. */
  state2026: State2026 | undefined;
  readonly #checks2026: readonly Check[];
  readonly results: CheckResult[] = [];
  readonly connector: Connector;
  readonly startedAt = new Date();
  readonly #sessions = new Map<'a' | 'b' | 'a2', WireSession>();
  readonly #connectorOptions: { answer: string; requestTimeoutMs: number; log: WireLog; liveness: Liveness };
  /** Every message of the run, by session and step (wire-log.ts). */
  readonly log = new WireLog();
  /** The 2026-07-28 client's messages, into the same log (v2026/recording.ts). */
  readonly #recording26 = new Recording2026(this.log);
  /** Whether the server is still answering (liveness.ts). */
  readonly liveness: Liveness;
  discovery: Discovery | undefined;
  waitBudgetMs = 0;
  readonly #all: WireSession[] = [];
  #signal: AbortSignal | undefined;
  readonly #onResult: ((result: CheckResult) => void) | undefined;

  private constructor(options: ProtocolConformanceOptions) {
    this.options = resolveOptions(options);
    // Only a URL can be tried again; a spawned process that exited is gone.
    this.liveness = new Liveness('url' in options.target ? { reach: () => this.connector.reach() } : {});
    this.#connectorOptions = {
      answer: this.options.answer,
      requestTimeoutMs: this.options.requestTimeoutMs,
      log: this.log,
      liveness: this.liveness,
    };
    this.connector = new Connector(options.target, this.#connectorOptions);
    this.transport = this.connector.kind;
    this.url = this.connector.url;
    if (this.transport === 'stdio' && (this.options.authA || this.options.authB))
      throw new Error('authA/authB apply to url targets only: a stdio server has one client and no authentication');
    // 2026 checks join the run only when detection finds that wire (a 2025-only report is unchanged).
    const selected = selectChecks(options.only, [...PROTOCOL_CHECKS, ...asRunnerChecks(V2026_CHECKS, () => this.state2026)]);
    this.checks = selected.filter((c) => c.area !== AREA_2026);
    this.#checks2026 = selected.filter((c) => c.area === AREA_2026);
    this.#onResult = options.onResult;
  }

  /** Connect as identity A and discover the server. A failed connection is recorded, not thrown. */
  static async open(options: ProtocolConformanceOptions): Promise<ProtocolRun> {
    const run = new ProtocolRun(options);
    await run.#discover();
    return run;
  }

  get sessions(): readonly WireSession[] {
    return this.#all;
  }

  async session(which: 'a' | 'b' | 'a2'): Promise<WireSession> {
    const current = this.#sessions.get(which);
    if (current && !current.closed) return current;
    // A server that stopped answering is not connected to again (over stdio that would be a new process).
    const dead = this.liveness.dead;
    if (dead) throw new Error(`the server stopped answering (${dead.note})`);
    const session = await this.connector.connect(
      which.toUpperCase(),
      which === 'b' ? this.options.authB : this.options.authA,
      () => this.#signal,
    );
    this.#sessions.set(which, session);
    this.#all.push(session);
    return session;
  }

  /** Run one check (check-run.ts) and record its result. */
  async run(check: Check): Promise<CheckResult> {
    const started = Date.now();
    const result = await runCheck(check, this.#host);
    // The HTML report shows every message of the run's sessions while a failed or warned check ran.
    if (result.status === 'fail' || result.status === 'warn') result.wire = wireSince([...this.#all, ...this.#recording26.trails], started);
    this.results.push(result);
    this.#onResult?.(result);
    return result;
  }

  /**
   * After the selected checks: when the server stopped answering and `server.alive` was not among
   * them (`only`, a 2026-only server), run it, so the finding is reported once in every case.
   */
  async finish(): Promise<CheckResult[]> {
    if (!this.liveness.outages.length || this.results.some((r) => r.id === SERVER_ALIVE)) return [];
    const alive = PROTOCOL_CHECKS.find((c) => c.id === SERVER_ALIVE)!;
    return [await this.run(alive)];
  }

  /** What check-run.ts needs of the run (getters: the time limit grows after discovery). */
  readonly #host: CheckHost = ((run: ProtocolRun): CheckHost => ({
    get log() {
      return run.log;
    },
    get liveness() {
      return run.liveness;
    },
    get checkTimeoutMs() {
      return run.checkTimeoutMs;
    },
    blocked: (check) =>
      run.facts.connectError && check.id !== 'cap.tasks-declared' && check.id !== SERVER_ALIVE && check.area !== AREA_2026
        ? 'not connected (see cap.tasks-declared)'
        : undefined,
    context: (signal) => new CheckContext(run, signal),
    setSignal: (signal) => void (run.#signal = signal),
  }))(this);

  /** The time limit of one check: the given one, or more when the server's tools are slow. */
  get checkTimeoutMs(): number {
    return Math.max(this.options.checkTimeoutMs, 2 * this.waitBudgetMs + 5_000);
  }

  report(): Report {
    return buildReport(this);
  }

  async close(): Promise<void> {
    for (const s of this.#all) await s.close();
  }

  async #discover(): Promise<void> {
    await this.#discover2025();
    await this.#detect2026();
  }

  /** The 2026-07-28 wire (url targets): when found, its checks join; a server offering no 2025 tasks drops the 2025 ones. */
  async #detect2026(): Promise<void> {
    const has2025 = speaks2025(this.facts.capabilities);
    if (has2025) this.generations.push(GENERATION_2025);
    const url = this.connector.kind === 'url' ? this.connector.description.slice('url '.length) : undefined;
    const found =
      url === undefined
        ? undefined
        : await detect2026(url, this.options.authA, this.options.requestTimeoutMs, this.#recording26).catch(() => undefined);
    if (!found) return;
    this.generations.push(GENERATION_2026);
    this.state2026 = { found, identities: { a: this.options.authA, b: this.options.authB }, settleMs: Math.max(10_000, this.waitBudgetMs) };
    // The 2025 checks stay unless the 2025 side plainly offers no tasks: a failed initialize, or
    // tools declaring taskSupport without capabilities.tasks, is a 2025 defect to report.
    const declaresSupport = this.facts.tools.some((t) => t.taskSupport === 'optional' || t.taskSupport === 'required');
    const failedHandshake =
      this.facts.connectError !== undefined && (await answersInitialize(url!, this.options.authA, this.options.requestTimeoutMs));
    const tries2025 = has2025 || declaresSupport || failedHandshake;
    this.checks = [...(tries2025 ? this.checks : []), ...this.#checks2026];
  }

  async #discover2025(): Promise<void> {
    this.log.step = 'connect';
    let a: WireSession;
    try {
      a = await this.session('a');
    } catch (error) {
      this.facts.connectError = (error as Error).message;
      return;
    }
    const init = a.initializeResult ?? {};
    if (isObject(init.capabilities)) this.facts.capabilities = init.capabilities;
    if (isObject(init.serverInfo)) this.facts.serverInfo = init.serverInfo;
    const tools: ToolInfo[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 20; page++) {
      const reply = await a.call('tools/list', cursor === undefined ? {} : { cursor });
      if (reply.kind !== 'result' || !Array.isArray(reply.result.tools)) {
        this.facts.toolsError =
          reply.kind === 'error'
            ? `error ${reply.error.code} ${reply.error.message}`
            : reply.kind === 'local'
              ? reply.message
              : 'no tools array';
        break;
      }
      for (const t of reply.result.tools) {
        if (!isObject(t) || typeof t.name !== 'string') continue;
        tools.push({ name: t.name, taskSupport: isObject(t.execution) ? t.execution.taskSupport : undefined, raw: t });
      }
      cursor = typeof reply.result.nextCursor === 'string' ? reply.result.nextCursor : undefined;
      if (cursor === undefined) break;
    }
    this.facts.tools = tools;
    this.log.step = 'discovery';
    this.discovery = await discoverServer(this, a);
    this.waitBudgetMs = waitBudget(this.discovery);
    // A blocking tasks/result on a slow tool must not time out before the tool could end.
    const requestTimeoutMs = Math.max(this.options.requestTimeoutMs, this.waitBudgetMs + 2_000);
    this.#connectorOptions.requestTimeoutMs = requestTimeoutMs;
    for (const s of this.#all) s.requestTimeoutMs = requestTimeoutMs;
  }
}

/** Run the whole protocol conformance suite against one server and return the report. */
export async function runProtocolConformance(options: ProtocolConformanceOptions): Promise<Report> {
  const run = await ProtocolRun.open(options);
  try {
    for (const check of run.checks) await run.run(check);
    await run.finish();
  } finally {
    await run.close();
  }
  return run.report();
}
