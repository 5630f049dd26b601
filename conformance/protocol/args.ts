/**
 * The flags of `mcp-tasks-conformance` (node:util parseArgs) -> ProtocolConformanceOptions. Every
 * refusal is a UsageError naming the flag (exit code 2).
 */
import { parseArgs } from 'node:util';
import { UsageError } from '../core/cli.js';
import { PROTOCOL_CHECKS } from './checks/index.js';
import { ConfigError, loadConfig, parseToolRole, type KitConfig } from './discovery/config.js';
import type { ProtocolConformanceOptions } from './run-options.js';
import { selectChecks } from './runner.js';
import { parseIdentity, splitCommandLine } from './target.js';
import { V2026_CHECKS } from './v2026/index.js';

const FLAGS = {
  url: { type: 'string' },
  stdio: { type: 'string' },
  'auth-a': { type: 'string', multiple: true },
  'auth-b': { type: 'string', multiple: true },
  tool: { type: 'string' },
  args: { type: 'string' },
  'max-tasks-per-owner': { type: 'string' },
  'max-ttl-ms': { type: 'string' },
  'rate-limit': { type: 'string' },
  'max-request-bytes': { type: 'string' },
  answer: { type: 'string' },
  'tool-role': { type: 'string', multiple: true },
  'allow-tool': { type: 'string', multiple: true },
  config: { type: 'string' },
  only: { type: 'string' },
  'timeout-ms': { type: 'string' },
  json: { type: 'string' },
  junit: { type: 'string' },
  html: { type: 'string' },
  quiet: { type: 'boolean' },
  strict: { type: 'boolean' },
  list: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

interface Values {
  url?: string;
  stdio?: string;
  'auth-a'?: string[];
  'auth-b'?: string[];
  tool?: string;
  args?: string;
  'max-tasks-per-owner'?: string;
  'max-ttl-ms'?: string;
  'rate-limit'?: string;
  'max-request-bytes'?: string;
  answer?: string;
  'tool-role'?: string[];
  'allow-tool'?: string[];
  config?: string;
  only?: string;
  'timeout-ms'?: string;
  json?: string;
  junit?: string;
  html?: string;
  quiet?: boolean;
  strict?: boolean;
  list?: boolean;
  help?: boolean;
}

export type Parsed =
  { options: ProtocolConformanceOptions; json?: string; junit?: string; html?: string; quiet: boolean; strict: boolean } | 'help' | 'list';

export function parse(argv: string[]): Parsed {
  let values: Values;
  try {
    values = parseArgs({ args: argv, strict: true, allowPositionals: false, options: FLAGS }).values as Values;
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0]);
  }
  if (values.help) return 'help';
  if (values.list) return 'list';
  const target = targetOf(values);
  const config = configOf(values);
  if ('stdio' in target && (config.authA || config.authB))
    throw new UsageError('--config tokens apply to --url only: a stdio server has one client and no authentication');
  const { authA: configA, authB: configB, ...fromConfig } = config;
  const options: ProtocolConformanceOptions = { target, ...fromConfig };
  if (values['allow-tool']) options.allowTools = [...(config.allowTools ?? []), ...values['allow-tool']];
  identities(values, configA, configB, options);
  toolOf(values, options);
  limits(values, options);
  if (values.answer !== undefined) options.elicitationAnswer = values.answer;
  if (values.only !== undefined) {
    options.only = values.only
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    try {
      selectChecks(options.only, [...PROTOCOL_CHECKS, ...V2026_CHECKS]);
    } catch (error) {
      throw new UsageError(`--only: ${(error as Error).message}`);
    }
  }
  return {
    options,
    quiet: values.quiet === true,
    strict: values.strict === true,
    ...(values.json !== undefined && { json: values.json }),
    ...(values.junit !== undefined && { junit: values.junit }),
    ...(values.html !== undefined && { html: values.html }),
  };
}

function targetOf(values: Values): ProtocolConformanceOptions['target'] {
  if ((values.url === undefined) === (values.stdio === undefined))
    throw new UsageError('give exactly one target: --url URL or --stdio "COMMAND"');
  if (values.url !== undefined) {
    try {
      const url = new URL(values.url);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error();
    } catch {
      throw new UsageError(`--url must be an http(s) URL, got ${JSON.stringify(values.url)}`);
    }
    return { url: values.url };
  }
  try {
    if (splitCommandLine(values.stdio!).length === 0) throw new Error('the command is empty');
  } catch (error) {
    throw new UsageError(`--stdio: ${(error as Error).message}`);
  }
  if (values['auth-a'] || values['auth-b'])
    throw new UsageError('--auth-a/--auth-b apply to --url only: a stdio server has one client and no authentication');
  return { stdio: values.stdio! };
}

function configOf(values: Values): KitConfig {
  try {
    const config = values.config === undefined ? {} : loadConfig(values.config);
    for (const v of values['tool-role'] ?? []) {
      const { role, name, args } = parseToolRole(v);
      config.roles = { ...config.roles, [role]: { name, args } };
    }
    return config;
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }
}

function identities(
  values: Values,
  configA: string | string[] | undefined,
  configB: string | string[] | undefined,
  options: ProtocolConformanceOptions,
): void {
  const identity = (flag: string, v: string[] | undefined) => {
    if (!v) return undefined;
    try {
      return parseIdentity(v);
    } catch (error) {
      throw new UsageError(`${flag}: ${(error as Error).message}`);
    }
  };
  const asList = (v: string | string[] | undefined) => (v === undefined ? undefined : typeof v === 'string' ? [v] : v);
  const a = identity('--auth-a', values['auth-a'] ?? asList(configA));
  const b = identity('--auth-b', values['auth-b'] ?? asList(configB));
  if (b && !a) throw new UsageError('--auth-b needs --auth-a');
  if (a) options.authA = a;
  if (b) options.authB = b;
}

function toolOf(values: Values, options: ProtocolConformanceOptions): void {
  if (values.args !== undefined && values.tool === undefined) throw new UsageError('--args needs --tool');
  if (values.tool === undefined) return;
  let args: unknown = {};
  if (values.args !== undefined) {
    try {
      args = JSON.parse(values.args);
    } catch {
      throw new UsageError('--args must be a JSON object');
    }
    if (typeof args !== 'object' || args === null || Array.isArray(args)) throw new UsageError('--args must be a JSON object');
  }
  options.tool = { name: values.tool, args: args as Record<string, unknown> };
}

function limits(values: Values, options: ProtocolConformanceOptions): void {
  const integer = (flag: string, raw: string | undefined, min: number) => {
    if (raw === undefined) return undefined;
    const n = /^\d+$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isSafeInteger(n) || n < min) throw new UsageError(`${flag} must be an integer >= ${min}, got ${JSON.stringify(raw)}`);
    return n;
  };
  const maxTasks = integer('--max-tasks-per-owner', values['max-tasks-per-owner'], 1);
  const maxTtl = integer('--max-ttl-ms', values['max-ttl-ms'], 1);
  const rate = integer('--rate-limit', values['rate-limit'], 1);
  const requestBytes = integer('--max-request-bytes', values['max-request-bytes'], 1);
  const timeout = integer('--timeout-ms', values['timeout-ms'], 1000);
  if (maxTasks !== undefined) options.maxTasksPerOwner = maxTasks;
  if (maxTtl !== undefined) options.maxTtlMs = maxTtl;
  if (rate !== undefined) options.rateLimit = rate;
  if (requestBytes !== undefined) options.maxRequestBytes = requestBytes;
  if (timeout !== undefined) options.checkTimeoutMs = timeout;
}
