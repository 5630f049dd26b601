/**
 * JSON as the kits read it off the wire: a message, a result or a params object is a `Json`
 * record until a check has looked at each field it relies on. The one `isObject` of
 * conformance/ (a plain object: not null, not an array), and `brief` for quoting a value on a
 * report line.
 */

/** A JSON object whose fields are not yet checked. */
export type Json = Record<string, unknown>;

/** True for a JSON object: not null, not an array. */
export const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** JSON, shortened for a report line. */
export function brief(value: unknown, max = 300): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
