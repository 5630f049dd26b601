/** Resolving bindings: the workflow's arguments, constants, and earlier steps' outputs. */
import { BindingError } from '../errors/index.js';
import { isPlainObject, type JsonObject, type JsonValue } from '../json.js';
import type { Binding } from './definition.js';

/** What bindings resolve against: the workflow's arguments and the outputs of finished steps. */
export interface BindingScope {
  args: JsonObject;
  outputs: { readonly [step: string]: JsonObject };
}

/** The segments of a path (`a.b.0.c`); undefined or '' is the whole value. Throws on a malformed path. */
export function parsePath(path: string | undefined): string[] {
  if (path === undefined || path === '') return [];
  if (typeof path !== 'string') throw new BindingError(`path must be a string, got ${typeof path}`);
  const segments = path.split('.');
  if (segments.some((s) => s.length === 0)) throw new BindingError(`malformed path '${path}': empty segment`);
  return segments;
}

/** The value at `path` inside `value`, or throws naming what is missing. */
export function valueAt(value: JsonValue, path: string | undefined, what: string): JsonValue {
  let current: JsonValue = value;
  let walked = '';
  for (const segment of parsePath(path)) {
    let next: JsonValue | undefined;
    if (Array.isArray(current)) next = /^(0|[1-9]\d*)$/.test(segment) ? current[Number(segment)] : undefined;
    else if (isPlainObject(current))
      next = Object.prototype.hasOwnProperty.call(current, segment) ? (current as JsonObject)[segment] : undefined;
    if (next === undefined) throw new BindingError(`${what} has no field '${walked ? `${walked}.` : ''}${segment}'`);
    current = next;
    walked = walked ? `${walked}.${segment}` : segment;
  }
  return current;
}

/** Resolve one binding. */
export function resolveBinding(binding: Binding, scope: BindingScope): JsonValue {
  switch (binding.from) {
    case 'const':
      return binding.value;
    case 'args':
      return valueAt(scope.args, binding.path, 'the workflow arguments');
    case 'step': {
      const output = scope.outputs[binding.step];
      if (output === undefined) throw new BindingError(`step '${binding.step}' has no output yet`);
      return valueAt(output, binding.path, `the output of step '${binding.step}'`);
    }
    default:
      throw new BindingError(`unknown binding source ${JSON.stringify((binding as { from?: unknown }).from)}`);
  }
}

/** Resolve a step's arguments: one binding per argument name. */
export function resolveArgs(bindings: Record<string, Binding> | undefined, scope: BindingScope): JsonObject {
  const args: JsonObject = {};
  for (const [name, binding] of Object.entries(bindings ?? {})) {
    try {
      args[name] = resolveBinding(binding, scope);
    } catch (error) {
      throw new BindingError(`argument '${name}': ${(error as Error).message}`);
    }
  }
  return args;
}
