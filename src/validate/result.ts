import type { ValidationIssue } from './errors.js';

/** Result of `validate`: the (unchanged, same reference) value when valid, else the issues. */
export type ValidationResult<V> = { ok: true; value: V } | { ok: false; errors: ValidationIssue[] };
