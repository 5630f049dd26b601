/**
 * `mcp-tasks/validate`: JSON Schema validation of MCP Tasks payloads (protocol 2025-11-25).
 *
 * Schemas come from `generated/schemas.ts` (a pinned subset of the upstream schema.json plus the
 * A3 result unions); nothing is read from disk at runtime. Each name's validator is compiled
 * lazily, once, on first use (Ajv 2020-12, `allErrors: true`; `format` keywords are not checked).
 *
 * @example
 *   const r = validate('tasks/get result', msg.result);
 *   if (!r.ok) console.error(formatIssues(r.errors));
 */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { TASKS_SCHEMA_ID, tasksSchema } from '../../generated/schemas.js';
import { InvalidArgumentError } from '../errors/index.js';
import { PayloadValidationError, toIssues, type ValidationIssue } from './errors.js';
import { PAYLOAD_DEFS, isPayloadName, type PayloadName, type PayloadType } from './names.js';

export { PayloadValidationError, formatIssues, type ValidationIssue } from './errors.js';
export { PAYLOAD_NAMES, isPayloadName, type PayloadName, type PayloadType, type PayloadTypeMap } from './names.js';

/** Result of `validate`: the (unchanged, same reference) value when valid, else the issues. */
export type ValidationResult<V> = { ok: true; value: V } | { ok: false; errors: ValidationIssue[] };

let ajv: Ajv2020 | undefined;
const validators = new Map<PayloadName, ValidateFunction>();

function getAjv(): Ajv2020 {
  if (ajv === undefined) {
    const instance = new Ajv2020({
      allErrors: true,
      strict: false, // upstream uses annotation keywords ajv's strict mode does not know
      validateFormats: false, // upstream `format`s (uri, byte, ...) are informative; avoid ajv-formats
    });
    instance.addSchema(tasksSchema);
    ajv = instance;
  }
  return ajv;
}

function validatorFor(name: PayloadName): ValidateFunction {
  let fn = validators.get(name);
  if (fn === undefined) {
    const ref = `${TASKS_SCHEMA_ID}#/$defs/${PAYLOAD_DEFS[name]}`;
    fn = getAjv().getSchema(ref);
    // An invariant, not a user error: only a broken build of generated/schemas.ts gets here.
    if (fn === undefined) throw new Error(`mcp-tasks/validate: schema ${ref} not found`);
    validators.set(name, fn);
  }
  return fn;
}

function checkName(name: string): asserts name is PayloadName {
  if (typeof name !== 'string' || !isPayloadName(name)) {
    throw new InvalidArgumentError(`mcp-tasks/validate: unknown payload name ${JSON.stringify(name)} (see PAYLOAD_NAMES)`);
  }
}

/**
 * Validate `value` as the payload `name`. Never throws for invalid payloads (only for an unknown
 * `name`). The value is not modified or copied.
 */
export function validate<N extends PayloadName>(name: N, value: unknown): ValidationResult<PayloadType<N>> {
  checkName(name);
  const fn = validatorFor(name);
  if (fn(value)) return { ok: true, value: value as PayloadType<N> };
  return { ok: false, errors: toIssues(fn.errors) };
}

/** `true` if `value` is a valid `name` payload (type guard). */
export function isValid<N extends PayloadName>(name: N, value: unknown): value is PayloadType<N> {
  checkName(name);
  return validatorFor(name)(value) === true;
}

/** Throw a `PayloadValidationError` (with `issues`) unless `value` is a valid `name` payload. */
export function assertValid<N extends PayloadName>(name: N, value: unknown): asserts value is PayloadType<N> {
  const result = validate(name, value);
  if (!result.ok) throw new PayloadValidationError(name, result.errors);
}
