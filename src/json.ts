/** JSON values as stored by mcp-tasks, and the byte size used for every size limit. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** UTF-8 byte length of the JSON serialization: the one measure every limit uses. */
export function jsonByteLength(value: unknown): number {
  const text = JSON.stringify(value);
  return text === undefined ? 0 : Buffer.byteLength(text, 'utf8');
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Deep copy through JSON, so stored values never alias the caller's objects. */
export function cloneJson<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

/**
 * Detach a value for storage in one pass: a deep-frozen copy with JSON semantics (undefined and
 * functions dropped from objects, null in arrays, non-finite numbers -> null, `toJSON` honoured)
 * and the exact UTF-8 size of its JSON text. Equivalent to JSON.parse(JSON.stringify(v)) plus
 * jsonByteLength, without building the text (the store's hot path).
 */
export function detachJson<T>(value: T): { copy: T; size: number } {
  const tally: Tally = { size: 0 };
  const copy = walk(value, 0, tally) as T;
  return { copy, size: tally.size };
}

/**
 * Take ownership of a value for storage: when it is plain JSON data (plain objects, arrays,
 * strings, booleans, null, finite numbers; no undefined members), deep-freeze it IN PLACE and keep
 * it (no copy: the store's hot path); otherwise fall back to `detachJson`'s copy. Either way the
 * result is immutable and `size` is the exact UTF-8 size of its JSON text.
 */
export function adoptJson<T>(value: T): { copy: T; size: number } {
  const size = pureSize(value, 0);
  if (size === NOT_PURE) return detachJson(value);
  freezePure(value);
  return { copy: value, size };
}

/** `pureSize`'s answer for a value that is not plain JSON data (sizes are never negative). */
const NOT_PURE = -1;

/** The UTF-8 size of a plain JSON value's text, or NOT_PURE. */
function pureSize(value: unknown, depth: number): number {
  switch (typeof value) {
    case 'string':
      return stringSize(value);
    case 'number':
      if (!Number.isFinite(value)) return NOT_PURE;
      return numberSize(value);
    case 'boolean':
      return value ? 4 : 5;
    case 'object':
      break;
    default:
      return NOT_PURE;
  }
  if (value === null) return 4;
  if (depth > MAX_DEPTH) return NOT_PURE;
  if (Array.isArray(value)) {
    let size = value.length > 0 ? value.length + 1 : 2;
    for (let i = 0; i < value.length; i++) {
      const item = pureSize(value[i], depth + 1);
      if (item === NOT_PURE) return NOT_PURE;
      size += item;
    }
    return size;
  }
  if (!isPlainObject(value) || typeof (value as { toJSON?: unknown }).toJSON === 'function') return NOT_PURE;
  let size = 2;
  let members = 0;
  for (const key in value) {
    if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
    const member = pureSize((value as Record<string, unknown>)[key], depth + 1);
    if (member === NOT_PURE) return NOT_PURE;
    size += member + stringSize(key) + (members++ > 0 ? 2 : 1);
  }
  return size;
}

function freezePure(value: unknown): void {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return;
  Object.freeze(value);
  if (Array.isArray(value)) for (const v of value) freezePure(v);
  else for (const key in value) freezePure((value as Record<string, unknown>)[key]);
}

const MAX_DEPTH = 256;

/** The running size of one `detachJson` call, passed down its walk. */
interface Tally {
  size: number;
}

function numberSize(n: number): number {
  return Number.isInteger(n) && n >= 0 && n < 1e9 ? digits(n) : String(n).length;
}

function stringSize(s: string): number {
  // Fast path: printable ASCII without `"` and `\` serializes as the string plus two quotes.
  if (s.length <= 512) {
    let i = 0;
    for (; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x20 || c > 0x7e || c === 0x22 || c === 0x5c) break;
    }
    if (i === s.length) return s.length + 2;
  }
  return Buffer.byteLength(JSON.stringify(s), 'utf8');
}

function walk(value: unknown, depth: number, tally: Tally): unknown {
  switch (typeof value) {
    case 'string':
      tally.size += stringSize(value);
      return value;
    case 'number':
      if (!Number.isFinite(value)) {
        tally.size += 4;
        return null;
      }
      tally.size += numberSize(value);
      return value;
    case 'boolean':
      tally.size += value ? 4 : 5;
      return value;
    case 'object':
      break;
    case 'bigint':
      throw new TypeError('Do not know how to serialize a BigInt');
    default:
      // undefined, functions and symbols at the top or in arrays serialize as null.
      tally.size += 4;
      return null;
  }
  if (value === null) {
    tally.size += 4;
    return null;
  }
  if (depth > MAX_DEPTH) throw new TypeError(`JSON value nested deeper than ${MAX_DEPTH} levels`);
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return walk((value as { toJSON: () => unknown }).toJSON(), depth, tally);
  }
  if (Array.isArray(value)) {
    const out: unknown[] = new Array(value.length);
    tally.size += value.length > 0 ? value.length + 1 : 2;
    for (let i = 0; i < value.length; i++) out[i] = walk(value[i], depth + 1, tally);
    return Object.freeze(out);
  }
  if (!isPlainObject(value)) return walk(JSON.parse(JSON.stringify(value)), depth, tally);
  const out: Record<string, unknown> = {};
  let members = 0;
  tally.size += 2;
  for (const key in value) {
    if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
    const v = (value as Record<string, unknown>)[key];
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
    tally.size += stringSize(key) + (members++ > 0 ? 2 : 1);
    setOwn(out, key, walk(v, depth + 1, tally));
  }
  return Object.freeze(out);
}

function digits(n: number): number {
  let d = 1;
  while (n >= 10) {
    n = Math.floor(n / 10);
    d++;
  }
  return d;
}

/** `target[key] = value` as an own data property, also for the key "__proto__" (no prototype change). */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}
