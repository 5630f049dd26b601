/**
 * What discovery cannot know, from the operator: `--config FILE` (JSON) and the matching flags
 * `--tool-role ROLE=NAME[:JSON]` and `--allow-tool NAME`.
 *
 * ```json
 * {
 *   "roles": { "completes": { "tool": "lookup", "args": { "id": "42" } }, "long": { "tool": "build", "args": {} } },
 *   "tokens": { "a": "TOKEN_A", "b": ["Authorization: Bearer TOKEN_B"] },
 *   "limits": { "maxTasksPerOwner": 5, "maxTtlMs": 60000 },
 *   "allowTools": ["list_regions"],
 *   "answer": "yes", "timeoutMs": 15000, "probeBudgetMs": 15000
 * }
 * ```
 */
import { readFileSync } from 'node:fs';
import { isObject, type Json } from '../../core/json.js';
import { ROLES, type Role } from './roles.js';

export interface KitConfig {
  roles?: Partial<Record<Role, { name: string; args: Json }>>;
  authA?: string | string[];
  authB?: string | string[];
  maxTasksPerOwner?: number;
  maxTtlMs?: number;
  allowTools?: string[];
  elicitationAnswer?: string;
  checkTimeoutMs?: number;
  probeBudgetMs?: number;
}

/** A configuration problem, with the key that is wrong. */
export class ConfigError extends Error {}

/** Read and check a config file. */
export function loadConfig(path: string): KitConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigError(`--config ${path}: ${(error as Error).message}`);
  }
  return parseConfig(raw, `--config ${path}`);
}

export function parseConfig(raw: unknown, where = 'config'): KitConfig {
  if (!isObject(raw)) throw new ConfigError(`${where}: a JSON object is expected`);
  const config: KitConfig = {};
  if (raw.roles !== undefined) {
    if (!isObject(raw.roles)) throw new ConfigError(`${where}: roles must be an object`);
    config.roles = {};
    for (const [role, value] of Object.entries(raw.roles)) {
      if (!(ROLES as readonly string[]).includes(role))
        throw new ConfigError(`${where}: roles.${role} is not a role (${ROLES.join(', ')})`);
      const name = isObject(value) ? (value.tool ?? value.name) : value;
      const args = isObject(value) && value.args !== undefined ? value.args : {};
      if (typeof name !== 'string' || !isObject(args))
        throw new ConfigError(`${where}: roles.${role} must be "NAME" or { "tool": NAME, "args": {...} }`);
      config.roles[role as Role] = { name, args };
    }
  }
  const tokens = raw.tokens;
  if (tokens !== undefined) {
    if (!isObject(tokens)) throw new ConfigError(`${where}: tokens must be { "a": ..., "b": ... }`);
    const identity = (key: 'a' | 'b') => {
      const v = tokens[key];
      if (v === undefined) return undefined;
      if (typeof v === 'string' || (Array.isArray(v) && v.every((x) => typeof x === 'string'))) return v as string | string[];
      throw new ConfigError(`${where}: tokens.${key} must be a token or a list of "Header: value"`);
    };
    const a = identity('a');
    const b = identity('b');
    if (a !== undefined) config.authA = a;
    if (b !== undefined) config.authB = b;
  }
  const limits = raw.limits ?? {};
  if (!isObject(limits)) throw new ConfigError(`${where}: limits must be an object`);
  const integer = (key: string, value: unknown) => {
    if (value === undefined) return undefined;
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1)
      throw new ConfigError(`${where}: ${key} must be an integer >= 1`);
    return value;
  };
  const set = <K extends keyof KitConfig>(key: K, value: KitConfig[K] | undefined) => {
    if (value !== undefined) config[key] = value;
  };
  set('maxTasksPerOwner', integer('limits.maxTasksPerOwner', limits.maxTasksPerOwner));
  set('maxTtlMs', integer('limits.maxTtlMs', limits.maxTtlMs));
  set('checkTimeoutMs', integer('timeoutMs', raw.timeoutMs));
  set('probeBudgetMs', integer('probeBudgetMs', raw.probeBudgetMs));
  if (raw.allowTools !== undefined) {
    if (!Array.isArray(raw.allowTools) || !raw.allowTools.every((x) => typeof x === 'string'))
      throw new ConfigError(`${where}: allowTools must be a list of tool names`);
    config.allowTools = raw.allowTools as string[];
  }
  if (raw.answer !== undefined) {
    if (typeof raw.answer !== 'string') throw new ConfigError(`${where}: answer must be a string`);
    config.elicitationAnswer = raw.answer;
  }
  return config;
}

/** `--tool-role ROLE=NAME` or `ROLE=NAME:{"json":"args"}`. */
export function parseToolRole(value: string): { role: Role; name: string; args: Json } {
  const match = /^([a-z]+)=([^:]+)(?::(.*))?$/s.exec(value);
  if (!match) throw new ConfigError(`--tool-role must be ROLE=NAME or ROLE=NAME:JSON, got ${JSON.stringify(value)}`);
  const [, role, name, json] = match;
  if (!(ROLES as readonly string[]).includes(role!)) throw new ConfigError(`--tool-role: ${role} is not a role (${ROLES.join(', ')})`);
  let args: unknown = {};
  if (json !== undefined) {
    try {
      args = JSON.parse(json);
    } catch {
      args = undefined;
    }
    if (!isObject(args)) throw new ConfigError(`--tool-role ${role}: the arguments after ":" must be a JSON object`);
  }
  return { role: role as Role, name: name!, args: args as Json };
}
