/**
 * Compacting server payloads for report lines. A check's `observed` text quotes the server's
 * messages as JSON strings; some servers put a whole multi-line dump in a message (the SDK
 * answers bad params with its zod issue list, pretty-printed), which a report would show as
 * `"[\n  {\n    \"expected\": ...` three times per check. Here each such quoted message becomes
 * its first line, or, for a list of validation issues, `path: message` per issue.
 */

/** A JSON string literal inside report text. */
const QUOTED = /"(?:[^"\\\n]|\\.)*"/g;
const MAX_ISSUES = 3;

/** `text` with every quoted multi-line payload compacted; everything else unchanged. */
export function compactPayloads(text: string): string {
  return text.replace(QUOTED, (literal) => {
    let decoded: unknown;
    try {
      decoded = JSON.parse(literal);
    } catch {
      return literal;
    }
    if (typeof decoded !== 'string' || !decoded.includes('\n')) return literal;
    return JSON.stringify(compactMessage(decoded));
  });
}

/** One message on one line: a validation-issue list as `path: message; ...`, else the first line. */
export function compactMessage(message: string): string {
  const start = message.search(/[[{]/);
  if (start !== -1) {
    const issues = validationIssues(message.slice(start));
    if (issues) return `${message.slice(0, start)}${issues}`.trim();
  }
  const lines = message
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return lines.length > 1 ? `${lines[0]} …` : (lines[0] ?? '');
}

/** `params.taskId: expected string, received number; ...` for a JSON list of issues with path and message. */
function validationIssues(json: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return undefined;
  }
  const list = Array.isArray(parsed) ? parsed : [parsed];
  const issues = list.filter(isIssue);
  if (issues.length === 0 || issues.length !== list.length) return undefined;
  const shown = issues.slice(0, MAX_ISSUES).map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`);
  if (issues.length > MAX_ISSUES) shown.push(`… ${issues.length - MAX_ISSUES} more`);
  return shown.join('; ');
}

function isIssue(value: unknown): value is { path: (string | number)[]; message: string } {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { path?: unknown; message?: unknown };
  return Array.isArray(v.path) && typeof v.message === 'string';
}
