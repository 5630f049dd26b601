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
import { tasksSchema } from '../../generated/schemas.js';
import { InvalidArgumentError } from '../errors/index.js';
import { defValidators } from './compile.js';
import { PayloadValidationError, toIssues } from './errors.js';
import { PAYLOAD_DEFS, isPayloadName, type PayloadName, type PayloadType } from './names.js';
import type { ValidationResult } from './result.js';

export { PayloadValidationError, formatIssues, type ValidationIssue } from './errors.js';
export { PAYLOAD_NAMES, isPayloadName, type PayloadName, type PayloadType, type PayloadTypeMap } from './names.js';
export type { ValidationResult } from './result.js';
export {
  assertValid2026,
  isPayloadName2026,
  isValid2026,
  PAYLOAD_NAMES_2026,
  validate2026,
  type PayloadName2026,
  type PayloadType2026,
  type PayloadTypeMap2026,
} from './v2026.js';

const defValidator = defValidators(tasksSchema);
const validatorFor = (name: PayloadName) => defValidator(PAYLOAD_DEFS[name]);

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
