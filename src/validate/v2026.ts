/**
 * Validation of 2026-07-28 Tasks extension payloads (`io.modelcontextprotocol/tasks`), beside the
 * 2025-11-25 `validate`: same behaviour, same issues, same `PayloadValidationError`.
 *
 * @example
 *   const r = validate2026('tasks/get result', msg.result);
 *   if (!r.ok) console.error(formatIssues(r.errors));
 */
import { tasks2026Schema } from '../../generated/tasks-2026-07-28/schemas.js';
import { InvalidArgumentError } from '../errors/index.js';
import { defValidators } from './compile.js';
import { PayloadValidationError, toIssues } from './errors.js';
import { PAYLOAD_DEFS_2026, isPayloadName2026, type PayloadName2026, type PayloadType2026 } from './names-2026.js';
import type { ValidationResult } from './result.js';

export {
  PAYLOAD_NAMES_2026,
  isPayloadName2026,
  type PayloadName2026,
  type PayloadType2026,
  type PayloadTypeMap2026,
} from './names-2026.js';

const defValidator = defValidators(tasks2026Schema);
const validatorFor = (name: PayloadName2026) => defValidator(PAYLOAD_DEFS_2026[name]);

function checkName(name: string): asserts name is PayloadName2026 {
  if (typeof name !== 'string' || !isPayloadName2026(name)) {
    throw new InvalidArgumentError(`mcp-tasks/validate: unknown 2026-07-28 payload name ${JSON.stringify(name)} (see PAYLOAD_NAMES_2026)`);
  }
}

/** Validate `value` as the 2026-07-28 payload `name`; throws only for an unknown `name`. */
export function validate2026<N extends PayloadName2026>(name: N, value: unknown): ValidationResult<PayloadType2026<N>> {
  checkName(name);
  const fn = validatorFor(name);
  if (fn(value)) return { ok: true, value: value as PayloadType2026<N> };
  return { ok: false, errors: toIssues(fn.errors) };
}

/** `true` if `value` is a valid 2026-07-28 `name` payload (type guard). */
export function isValid2026<N extends PayloadName2026>(name: N, value: unknown): value is PayloadType2026<N> {
  checkName(name);
  return validatorFor(name)(value) === true;
}

/** Throw a `PayloadValidationError` (with `issues`) unless `value` is a valid 2026-07-28 `name` payload. */
export function assertValid2026<N extends PayloadName2026>(name: N, value: unknown): asserts value is PayloadType2026<N> {
  const result = validate2026(name, value);
  if (!result.ok) throw new PayloadValidationError(name, result.errors);
}
