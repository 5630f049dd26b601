/**
 * Arguments for a tool, made from its `inputSchema` alone: required properties (and optional
 * duration-like numbers, so a tool with a `delayMs` does not run with its long default), defaults,
 * const/enum, types, numeric bounds, string formats and lengths, nested objects and arrays. The
 * result is checked against the schema with ajv; `valid: false` says the guess may be refused.
 */
import { randomUUID } from 'node:crypto';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { Ajv } from 'ajv/dist/ajv.js';
import { isObject, type Json } from '../../core/json.js';

/** `short`: the smallest durations allowed (a quick run); `long`: about 2 s (a run that can be cancelled). */
export type DurationPreference = 'short' | 'long';

export interface Synthesized {
  args: Json;
  valid: boolean;
  /** ajv's complaint when not valid, or why it could not check. */
  problem?: string;
  /** True when a duration-like number was chosen (so a `long` variant differs). */
  hasDuration: boolean;
}

const DURATION_NAME =
  /(^|_|[a-z])(ms|millis|milliseconds|delay|duration|sec|secs|seconds|timeout|wait|sleep|interval)($|_|[A-Z])|Ms$|Seconds$|Delay$/i;
const SECONDS_NAME = /sec/i;
const MAX_DEPTH = 8;

interface Walk {
  root: Json;
  prefer: DurationPreference;
  sawDuration: boolean;
}

/** Arguments for `inputSchema` (an object schema; anything else gives `{}`). */
export function synthesizeArguments(inputSchema: unknown, prefer: DurationPreference = 'short'): Synthesized {
  const root = isObject(inputSchema) ? inputSchema : {};
  const walk: Walk = { root, prefer, sawDuration: false };
  const made = value(walk, root, '', 0);
  const args = isObject(made) ? made : {};
  const { valid, problem } = validateAgainst(root, args);
  return { args, hasDuration: walk.sawDuration, valid, ...(problem !== undefined && { problem }) };
}

/**
 * `value` checked against `schema` with ajv (2020-12, else draft-07; formats not checked). Also
 * used for the kit's answers to elicitation forms (../answers.ts), so both are judged alike.
 */
export function validateAgainst(schema: Json, value: unknown): { valid: boolean; problem?: string; uncheckable?: true } {
  const { $schema, ...rest } = schema;
  void $schema;
  for (const make of [
    () => new Ajv2020({ strict: false, validateFormats: false }),
    () => new Ajv({ strict: false, validateFormats: false }),
  ]) {
    try {
      const check = make().compile(rest);
      if (check(value)) return { valid: true };
      const e = check.errors?.[0];
      return { valid: false, problem: e ? `${e.instancePath || '(root)'} ${e.message ?? ''}`.trim() : 'invalid' };
    } catch {
      // the schema does not compile under this draft: try the next one
    }
  }
  return { valid: false, problem: 'the schema could not be compiled', uncheckable: true };
}

function resolve(walk: Walk, schema: Json, depth: number): Json {
  let s = schema;
  for (let i = 0; i < MAX_DEPTH && typeof s.$ref === 'string' && s.$ref.startsWith('#'); i++) {
    let target: unknown = walk.root;
    for (const part of s.$ref.slice(1).split('/').filter(Boolean))
      target = isObject(target) ? target[decodeURIComponent(part.replaceAll('~1', '/').replaceAll('~0', '~'))] : undefined;
    if (!isObject(target)) break;
    const { $ref, ...rest } = s;
    void $ref;
    s = { ...target, ...rest };
  }
  if (Array.isArray(s.allOf) && depth < MAX_DEPTH) {
    const parts = s.allOf.filter(isObject).map((p) => resolve(walk, p, depth + 1));
    const merged: Json = { ...s };
    delete merged.allOf;
    for (const p of parts) {
      Object.assign(merged, { ...p, ...merged });
      if (isObject(p.properties)) merged.properties = { ...p.properties, ...(isObject(merged.properties) ? merged.properties : {}) };
      if (Array.isArray(p.required))
        merged.required = [...new Set([...(Array.isArray(merged.required) ? merged.required : []), ...p.required])];
    }
    s = merged;
  }
  const options = Array.isArray(s.anyOf) ? s.anyOf : Array.isArray(s.oneOf) ? s.oneOf : undefined;
  if (options) {
    const chosen = options.filter(isObject).find((o) => o.type !== 'null') ?? options.find(isObject);
    if (isObject(chosen)) {
      const { anyOf: _anyOf, oneOf: _oneOf, ...rest } = s;
      s = { ...rest, ...resolve(walk, chosen, depth + 1) };
    }
  }
  return s;
}

function typeOf(s: Json): string | undefined {
  const t = Array.isArray(s.type) ? (s.type.find((x) => x !== 'null') ?? s.type[0]) : s.type;
  if (typeof t === 'string') return t;
  if (isObject(s.properties) || Array.isArray(s.required)) return 'object';
  if (s.items !== undefined) return 'array';
  if (s.minimum !== undefined || s.maximum !== undefined) return 'number';
  if (s.minLength !== undefined || s.format !== undefined || s.pattern !== undefined) return 'string';
  return undefined;
}

function value(walk: Walk, schema: Json, name: string, depth: number): unknown {
  const s = resolve(walk, schema, depth);
  if ('const' in s) return s.const;
  // A duration's default can be long (`seconds` defaulting to 20): a number gets the smallest value
  // the schema allows (or ~2 s for the long variant) instead, so a plain call does not wait on it.
  const duration = DURATION_NAME.test(name) && (walk.prefer === 'long' || ['number', 'integer'].includes(typeOf(s) ?? ''));
  if (s.default !== undefined && !duration) return s.default;
  if (Array.isArray(s.enum) && s.enum.length) return s.enum.find((v) => v !== null) ?? s.enum[0];
  if (Array.isArray(s.examples) && s.examples.length && typeOf(s) !== 'object') return s.examples[0];
  switch (typeOf(s)) {
    case 'object':
      return depth >= MAX_DEPTH ? {} : object(walk, s, depth);
    case 'array':
      return depth >= MAX_DEPTH ? [] : array(walk, s, name, depth);
    case 'integer':
    case 'number':
      return number(walk, s, name);
    case 'boolean':
      return false;
    case 'null':
      return null;
    case 'string':
      return string(s, name);
    default:
      return 'conformance';
  }
}

function object(walk: Walk, s: Json, depth: number): Json {
  const properties = isObject(s.properties) ? s.properties : {};
  const required = new Set(Array.isArray(s.required) ? s.required.filter((r): r is string => typeof r === 'string') : []);
  const out: Json = {};
  for (const [key, sub] of Object.entries(properties)) {
    if (!isObject(sub)) continue;
    const durationLike = DURATION_NAME.test(key) && ['number', 'integer'].includes(typeOf(resolve(walk, sub, depth + 1)) ?? '');
    if (required.has(key) || durationLike) out[key] = value(walk, sub, key, depth + 1);
  }
  for (const key of required) if (!(key in out)) out[key] = 'conformance';
  const minProperties = typeof s.minProperties === 'number' ? s.minProperties : 0;
  for (const [key, sub] of Object.entries(properties)) {
    if (Object.keys(out).length >= minProperties) break;
    if (!(key in out) && isObject(sub)) out[key] = value(walk, sub, key, depth + 1);
  }
  return out;
}

function array(walk: Walk, s: Json, name: string, depth: number): unknown[] {
  const count = typeof s.minItems === 'number' ? Math.max(0, Math.min(s.minItems, 20)) : 0;
  const prefix = Array.isArray(s.prefixItems) ? s.prefixItems : Array.isArray(s.items) ? s.items : [];
  const items = isObject(s.items) ? s.items : {};
  const out: unknown[] = [];
  for (let i = 0; i < Math.max(count, prefix.length && count ? Math.min(prefix.length, count) : 0); i++) {
    const sub = isObject(prefix[i]) ? (prefix[i] as Json) : items;
    let v = value(walk, sub, name, depth + 1);
    // uniqueItems: vary strings and numbers so repeated guesses differ.
    if (s.uniqueItems === true && i > 0 && typeof v === 'string') v = `${v}${i}`;
    if (s.uniqueItems === true && i > 0 && typeof v === 'number') v = v + i;
    out.push(v);
  }
  return out;
}

function number(walk: Walk, s: Json, name: string): number {
  const integer = typeOf(s) === 'integer';
  const step = typeof s.multipleOf === 'number' && s.multipleOf > 0 ? s.multipleOf : integer ? 1 : 0;
  let low = typeof s.minimum === 'number' ? s.minimum : -Infinity;
  let high = typeof s.maximum === 'number' ? s.maximum : Infinity;
  if (typeof s.exclusiveMinimum === 'number') low = Math.max(low, s.exclusiveMinimum + (step || 1e-6));
  if (typeof s.exclusiveMaximum === 'number') high = Math.min(high, s.exclusiveMaximum - (step || 1e-6));
  const duration = DURATION_NAME.test(name);
  if (duration) walk.sawDuration = true;
  let wanted: number;
  if (duration) wanted = walk.prefer === 'long' ? (SECONDS_NAME.test(name) ? 2 : 2_000) : 0;
  else wanted = 1;
  let n = Math.min(Math.max(wanted, low), high);
  if (!Number.isFinite(n)) n = Number.isFinite(low) ? low : Number.isFinite(high) ? high : 1;
  if (step) {
    n = Math.ceil(n / step) * step;
    if (n > high) n -= step;
  }
  return integer ? Math.round(n) : n;
}

const FORMATS: Record<string, () => string> = {
  uri: () => 'https://example.com/conformance',
  'uri-reference': () => 'https://example.com/conformance',
  iri: () => 'https://example.com/conformance',
  url: () => 'https://example.com/conformance',
  email: () => 'conformance@example.com',
  'idn-email': () => 'conformance@example.com',
  'date-time': () => new Date().toISOString(),
  date: () => new Date().toISOString().slice(0, 10),
  time: () => '12:00:00Z',
  duration: () => 'PT1S',
  uuid: () => randomUUID(),
  hostname: () => 'example.com',
  ipv4: () => '127.0.0.1',
  ipv6: () => '::1',
  regex: () => '.*',
  'json-pointer': () => '/conformance',
};

function string(s: Json, name: string): string {
  const format = typeof s.format === 'string' ? FORMATS[s.format] : undefined;
  const byName = /(^|_)(url|uri)$/i.test(name) ? FORMATS.uri : /email/i.test(name) ? FORMATS.email : undefined;
  let text = (format ?? byName)?.() ?? 'conformance';
  if (typeof s.pattern === 'string') text = matchPattern(s.pattern, text);
  const min = typeof s.minLength === 'number' ? s.minLength : 0;
  const max = typeof s.maxLength === 'number' ? s.maxLength : Infinity;
  while (text.length < min) text += 'x';
  return text.length > max ? text.slice(0, Math.max(max, min)) : text;
}

/** The first of a few plain candidates that the pattern accepts (patterns are not generally invertible). */
function matchPattern(pattern: string, first: string): string {
  let re: RegExp;
  try {
    re = new RegExp(pattern, 'u');
  } catch {
    return first;
  }
  const candidates = [
    first,
    'conformance',
    'a',
    'A',
    '0',
    '1',
    'abc',
    'ABC',
    'a1',
    'conformance-1',
    'x_y',
    '2025-11-25',
    'conformance@example.com',
    'https://example.com',
  ];
  return candidates.find((c) => re.test(c)) ?? first;
}
