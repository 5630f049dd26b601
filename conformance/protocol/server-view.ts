/**
 * `ServerView`: what a check knows of the server under test, the part of CheckContext (context.ts)
 * that sends nothing: the run's options, the facts and discovery learnt at connect, the task
 * capabilities the server declares, its tools, and which tool to call for a role (a fixture, the
 * configured one, or a discovered one), else a skip that names the flag to pass.
 */
import { SkipCheck } from '../core/check.js';
import { isObject, type Json } from '../core/json.js';
import { roleSkipReason, type Discovery, type Role } from './discovery/roles.js';
import { fixtureFor, forbiddenSkipReason, safeForbiddenTool } from './discovery/select.js';
import type { FixtureName, ResolvedOptions, RunState, ServerFacts, ToolCall, ToolInfo } from './run-state.js';

export class ServerView {
  readonly options: ResolvedOptions;
  readonly facts: ServerFacts;
  readonly transport: 'url' | 'stdio';
  readonly #run: RunState;

  constructor(run: RunState) {
    this.#run = run;
    this.options = run.options;
    this.facts = run.facts;
    this.transport = run.transport;
  }

  get discovery(): Discovery | undefined {
    return this.#run.discovery;
  }

  get tasksCapability(): Json | undefined {
    const tasks = this.facts.capabilities?.tasks;
    return isObject(tasks) ? tasks : undefined;
  }

  declares(what: 'list' | 'cancel' | 'tools.call'): boolean {
    const tasks = this.tasksCapability;
    if (!tasks) return false;
    if (what === 'tools.call') {
      const requests = tasks.requests;
      return isObject(requests) && isObject(requests.tools) && requests.tools.call !== undefined && requests.tools.call !== null;
    }
    return tasks[what] !== undefined && tasks[what] !== null;
  }

  requireCapability(what: 'list' | 'cancel' | 'tools.call'): void {
    const path = what === 'tools.call' ? 'tasks.requests.tools.call' : `tasks.${what}`;
    if (!this.declares(what)) throw new SkipCheck(`the server does not declare capabilities.${path}`);
  }

  tool(name: string): ToolInfo | undefined {
    return this.facts.tools.find((t) => t.name === name);
  }

  supportOf(name: string): string {
    const support = this.tool(name)?.taskSupport;
    return support === undefined ? 'forbidden' : String(support);
  }

  hasFixture(name: FixtureName): boolean {
    return this.tool(name) !== undefined;
  }

  /** The fixture tool, or skip the check. */
  fixture(name: FixtureName): ToolInfo {
    const tool = this.tool(name);
    if (!tool) throw new SkipCheck(`the server offers no "${name}" fixture tool (see conformance/README.md, "Fixture tools")`);
    return tool;
  }

  /** A tool that runs as a task and completes at once. */
  quickTool(): ToolCall {
    this.requireCapability('tools.call');
    const fixture = fixtureFor('completes', (n) => this.tool(n) !== undefined);
    if (fixture) return fixture;
    const given = this.options.tool;
    if (given && this.supportOf(given.name) !== 'forbidden') return given;
    if (given) throw new SkipCheck(`--tool ${given.name} does not declare taskSupport optional or required`);
    return this.roleTool('completes');
  }

  /** A tool that runs as a task for about `ms` (or until cancelled); a discovered one runs as long as it runs. */
  slowTool(ms: number): ToolCall {
    this.requireCapability('tools.call');
    const fixture = fixtureFor('long', (n) => this.tool(n) !== undefined, ms);
    if (fixture) return fixture;
    const call = this.roleTool('long');
    // Callers asking for a short run wait for its end: a tool that outlived the probe would only time out.
    const configured = this.options.roles.long !== undefined;
    if (ms < 3_000 && !configured && this.observed(call)?.durationMs === undefined) {
      throw new SkipCheck(
        `this check waits for the long task to end, but ${call.name} did not complete within the probe budget (${this.options.probeBudgetMs} ms): pass --tool-role long=NAME[:JSON] (config key roles.long) naming a tool that completes in a few seconds, or raise probeBudgetMs`,
      );
    }
    return call;
  }

  /** The tool of a role: fixture, configured, or discovered; else skip naming the flag and the candidates. */
  roleTool(role: Role): ToolCall {
    this.requireCapability('tools.call');
    const fixture = fixtureFor(role, (n) => this.tool(n) !== undefined, 1_000);
    if (fixture) return fixture;
    const chosen = this.options.roles[role] ?? this.discovery?.roles[role];
    if (chosen) return { name: chosen.name, args: chosen.args };
    throw new SkipCheck(roleSkipReason(role, this.discovery));
  }

  /** What discovery observed of a tool call (duration, progress), when it was probed. */
  observed(call: ToolCall): { durationMs?: number; progress?: boolean } | undefined {
    const roles = this.discovery?.roles ?? {};
    return Object.values(roles).find((r) => r?.name === call.name && JSON.stringify(r.args) === JSON.stringify(call.args));
  }

  /** A forbidden tool safe to call (read-only or allowed), for R11; else skip naming the flag. */
  safeForbidden(): ToolCall & { why: string } {
    const found = safeForbiddenTool(this.facts.tools, this.options.allowTools);
    if (!found) throw new SkipCheck(forbiddenSkipReason(this.facts.tools));
    return found;
  }
}
