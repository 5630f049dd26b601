/**
 * The code-mode language: a program is a JSON array of tool calls, run in order.
 *
 *   [{ "tool": "add",      "args": { "a": 1,    "b": 2  } },   // call 0 -> 3
 *    { "tool": "multiply", "args": { "a": "$0", "b": 10 } }]   // call 1 -> 30 (the value of the program)
 *
 * - Every value is a number. An argument is a number literal or a reference `"$k"`: the output
 *   of call k (0-based), which must come EARLIER in the program (no loops, no forward references).
 * - The value of the program is the output of its last call.
 * - Tools (each needs exactly the arguments listed):
 *     add { a, b }         a + b
 *     multiply { a, b }    a * b
 *     wait { ms, value }   value, after `ms` milliseconds; `ms` must be a literal 0..2000
 *                          (the slow tool, there to show cancellation)
 * - At most 50 calls. Nothing else: no variables, no branches, no side effects.
 *
 * `checkProgram` is what the `validate` tool approves; `execute` re-checks before running.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

export type Arg = number | string;
export interface Call {
  tool: string;
  args: { [name: string]: Arg };
}
export type Program = Call[];

export const MAX_CALLS = 50;
export const MAX_WAIT_MS = 2000;

interface ToolDef {
  params: readonly string[];
  run(args: { [name: string]: number }, signal: AbortSignal): number | Promise<number>;
}

export const TOOLS: { readonly [name: string]: ToolDef } = {
  add: { params: ['a', 'b'], run: ({ a = 0, b = 0 }) => a + b },
  multiply: { params: ['a', 'b'], run: ({ a = 0, b = 0 }) => a * b },
  wait: {
    params: ['ms', 'value'],
    run: async ({ ms = 0, value = 0 }, signal) => {
      await sleep(ms, undefined, { signal }); // rejects at once on tasks/cancel
      return value;
    },
  },
};

const REF = /^\$(0|[1-9][0-9]*)$/;

/** Every problem with the program (empty: the program is valid). */
export function checkProgram(program: Program): string[] {
  const problems: string[] = [];
  if (program.length === 0) problems.push('the program is empty');
  if (program.length > MAX_CALLS) problems.push(`the program has ${program.length} calls; at most ${MAX_CALLS} are allowed`);
  program.forEach((call, i) => {
    const def = TOOLS[call.tool];
    if (!def) return void problems.push(`call ${i}: unknown tool '${call.tool}' (known: ${Object.keys(TOOLS).join(', ')})`);
    for (const name of Object.keys(call.args)) {
      if (!def.params.includes(name)) problems.push(`call ${i}: ${call.tool} has no argument '${name}'`);
    }
    for (const name of def.params) {
      const arg = call.args[name];
      if (arg === undefined) problems.push(`call ${i}: ${call.tool} needs argument '${name}'`);
      else if (typeof arg === 'number') {
        if (!Number.isFinite(arg)) problems.push(`call ${i}: ${name} must be a finite number`);
      } else {
        const k = REF.exec(arg)?.[1];
        if (k === undefined) problems.push(`call ${i}: ${name} must be a number or a reference "$k", got ${JSON.stringify(arg)}`);
        else if (Number(k) >= i) problems.push(`call ${i}: ${name} refers to call ${k}, which does not come before it`);
      }
    }
    const ms = call.args.ms;
    if (call.tool === 'wait' && ms !== undefined && (typeof ms !== 'number' || ms < 0 || ms > MAX_WAIT_MS)) {
      problems.push(`call ${i}: wait.ms must be a literal number from 0 to ${MAX_WAIT_MS}`);
    }
  });
  return problems;
}

/** The arguments of call `call` with references replaced by earlier outputs. */
export function resolveArgs(call: Call, outputs: readonly number[]): { [name: string]: number } {
  const resolved: { [name: string]: number } = {};
  for (const [name, arg] of Object.entries(call.args)) {
    resolved[name] = typeof arg === 'number' ? arg : (outputs[Number(arg.slice(1))] ?? NaN);
  }
  return resolved;
}

/** Canonical JSON: object keys sorted, no whitespace, so equal programs have equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as { [key: string]: unknown }).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * Approval tokens: `HMAC-SHA256(secret, "code-mode/v1\n" + canonicalJson(program))`, base64url.
 * The secret is random per server instance, so a token is only good on the server that issued
 * it, for exactly that program (any changed call, argument or order gives another MAC), and it
 * cannot be forged without the secret. Tokens do not expire here; add a timestamp under the
 * MAC if yours should.
 */
export class Approvals {
  readonly #secret: Buffer;

  constructor(secret: Buffer = randomBytes(32)) {
    this.#secret = secret;
  }

  issue(program: Program): string {
    return createHmac('sha256', this.#secret)
      .update(`code-mode/v1\n${canonicalJson(program)}`)
      .digest('base64url');
  }

  /** Constant-time comparison with the token this program should have. */
  verify(program: Program, token: string): boolean {
    const expected = Buffer.from(this.issue(program));
    const given = Buffer.from(token);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}
