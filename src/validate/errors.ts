import type { ErrorObject } from 'ajv/dist/2020.js';
import { TasksError } from '../errors/index.js';

/** One reason a payload failed validation. */
export interface ValidationIssue {
  /**
   * JSON Pointer (RFC 6901) into the payload, e.g. `/task/ttl`; `""` is the payload itself.
   * For a missing required property the pointer names the missing property
   * (`/task/ttl` with message "must have required property 'ttl'").
   */
  path: string;
  /** Readable reason, e.g. `must have required property 'ttl'`, `must be string`. */
  message: string;
}

/** Render issues one per line as `<path>: <message>` (`(root)` for the empty pointer). */
export function formatIssues(issues: readonly ValidationIssue[]): string {
  return issues.map((i) => `${i.path === '' ? '(root)' : i.path}: ${i.message}`).join('\n');
}

/** Thrown by `assertValid` when a payload does not match its schema (code `PAYLOAD_INVALID`). */
export class PayloadValidationError extends TasksError {
  override name = 'PayloadValidationError';
  /** The payload name it was validated as, e.g. `"tasks/get request"`. */
  readonly payloadName: string;
  readonly issues: readonly ValidationIssue[];

  constructor(payloadName: string, issues: readonly ValidationIssue[]) {
    const count = issues.length === 1 ? '1 issue' : `${issues.length} issues`;
    const lines = formatIssues(issues)
      .split('\n')
      .map((l) => `  ${l}`)
      .join('\n');
    super('PAYLOAD_INVALID', `Invalid "${payloadName}" payload (${count}):\n${lines}`);
    this.payloadName = payloadName;
    this.issues = issues;
  }
}

const escapePointer = (segment: string): string => segment.replaceAll('~', '~0').replaceAll('/', '~1');

const str = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));

function issueFor(e: ErrorObject): ValidationIssue {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return {
        path: `${e.instancePath}/${escapePointer(String(p['missingProperty']))}`,
        message: e.message ?? `must have required property '${String(p['missingProperty'])}'`,
      };
    case 'enum': {
      const allowed = Array.isArray(p['allowedValues']) ? p['allowedValues'].map((v) => JSON.stringify(v)) : [];
      return { path: e.instancePath, message: `must be equal to one of the allowed values: ${allowed.join(', ')}` };
    }
    case 'const':
      return { path: e.instancePath, message: `must be equal to constant ${JSON.stringify(p['allowedValue'])}` };
    case 'type': {
      const t = p['type'];
      const types = Array.isArray(t) ? t.map(str) : String(t).split(',');
      return { path: e.instancePath, message: `must be ${types.join(' or ')}` };
    }
    case 'additionalProperties':
      return {
        path: e.instancePath,
        message: `must NOT have additional properties (found '${String(p['additionalProperty'])}')`,
      };
    default:
      return { path: e.instancePath, message: e.message ?? `must pass "${e.keyword}" keyword validation` };
  }
}

/**
 * Convert ajv errors to issues: drop the `if` wrapper error (the branch errors say what is
 * wrong) and duplicates, keep ajv's order.
 */
export function toIssues(errors: readonly ErrorObject[] | null | undefined): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  const seen = new Set<string>();
  for (const e of errors ?? []) {
    if (e.keyword === 'if') continue;
    const issue = issueFor(e);
    const key = `${issue.path}\u0000${issue.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(issue);
  }
  if (out.length === 0 && (errors?.length ?? 0) > 0) out.push({ path: '', message: 'does not match the schema' });
  return out;
}
