/**
 * How the kit answers the requests a server sends it, as the person (and the model) behind a real
 * client would: a task that asks for input is only exercised when the answer is one its server
 * takes. A fixed answer that ignores the question made servers that check their answers (the
 * SDK validates elicitation content against the requestedSchema) fail the task, and the kit then
 * judged a failure it had caused itself.
 *
 * - `elicitation/create`, form mode: every field of the form filled from its `requestedSchema` with
 *   the synthesis used for tool arguments (discovery/synthesize.ts: defaults, const/enum, types,
 *   bounds, formats); `--answer TEXT` fills the free-text fields; the content is checked against
 *   the schema with ajv before it is sent. A form no content can satisfy is cancelled ("the user
 *   dismissed it"), never answered with content the kit knows to be wrong.
 * - `elicitation/create`, URL mode: declined. The kit opens no URLs, and a consent (`accept`) would
 *   promise an out-of-band interaction that never happens; decline is an answer the spec gives the
 *   user.
 * - `sampling/createMessage`: a short fixed completion from model `mcp-tasks-conformance`, so no
 *   one mistakes it for a model's output; a request with `tools`/`toolChoice` gets the error the
 *   spec requires of a client that did not declare `sampling.tools`.
 * Every answer echoes the request's related-task `_meta` (R52) and is recorded (`AnswerRecord`), so
 * a report can say what the kit answered when a task then fails.
 */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { CreateMessageRequestSchema, ElicitRequestSchema, ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { brief, isObject, type Json } from '../core/json.js';
import { RELATED_TASK } from '../core/wire.js';
import { synthesizeArguments, validateAgainst } from './discovery/synthesize.js';

/** What the kit declares as a client: both elicitation modes and sampling (no sampling tools). */
export const KIT_CLIENT_CAPABILITIES = { elicitation: { form: {}, url: {} }, sampling: {} } as const;

/** The model name of the kit's completions. */
export const KIT_MODEL = 'mcp-tasks-conformance';
export const KIT_COMPLETION = 'mcp-tasks-conformance: a fixed completion (no model was run)';

/** The server-to-client requests a task can depend on (R48: they carry the related-task _meta). */
export const SIDE_CHANNEL_METHODS: readonly string[] = ['elicitation/create', 'sampling/createMessage'];

/** One answer the kit gave to a server request. */
export interface AnswerRecord {
  at: number;
  method: string;
  /** The server's JSON-RPC id of the request. */
  requestId: number | string;
  /** From the request's related-task `_meta`, when it had one. */
  taskId?: string;
  /** What was sent: a result, or the error the kit answered with. */
  result?: Json;
  error?: { code: number; message: string };
  /** Why the kit answered as it did, when it was not a plain accept (URL mode, an unfillable form). */
  note?: string;
}

/** The content of a form: every field filled; `text` in each free-text field that takes it. */
export function formContent(
  requestedSchema: unknown,
  text: string,
): { content: Json; valid: boolean; problem?: string; uncheckable?: true } {
  const schema = isObject(requestedSchema) ? requestedSchema : {};
  const properties = isObject(schema.properties) ? schema.properties : {};
  const required = Array.isArray(schema.required) ? schema.required.filter((r): r is string => typeof r === 'string') : [];
  // A person fills the fields they are shown (a form is flat: primitives only), not only the
  // required ones; if an optional field cannot be filled validly, the required ones alone.
  const everyField = synthesizeArguments({ ...schema, required: [...new Set([...required, ...Object.keys(properties)])] }).args;
  const requiredOnly = synthesizeArguments(schema).args;
  let content = [everyField, requiredOnly].find((c) => validateAgainst(schema, c).valid) ?? everyField;
  for (const [key, field] of Object.entries(properties)) {
    if (!isObject(field) || !freeText(field)) continue;
    const withText = { ...content, [key]: text };
    if (validateAgainst(schema, withText).valid) content = withText;
  }
  return { content, ...validateAgainst(schema, content) };
}

/** A string field a person types into: no choices (enum, const, oneOf/anyOf) and no format. */
function freeText(field: Json): boolean {
  return field.type === 'string' && ['enum', 'const', 'oneOf', 'anyOf', 'format'].every((k) => field[k] === undefined);
}

/** The kit's answer to one `elicitation/create` (params as sent). */
export function answerElicitation(params: Json, text: string): { result: Json; note?: string } {
  if (params.mode === 'url') return { result: { action: 'decline' }, note: 'URL mode: declined, the kit opens no URLs' };
  const form = formContent(params.requestedSchema, text);
  if (form.valid) return { result: { action: 'accept', content: form.content } };
  if (form.uncheckable)
    return {
      result: { action: 'accept', content: form.content },
      note: 'the requestedSchema could not be compiled, so the answer was not checked against it',
    };
  return {
    result: { action: 'cancel' },
    note: `cancelled: the kit could not fill the form to match its requestedSchema (${form.problem ?? 'invalid'})`,
  };
}

/** The kit's answer to one `sampling/createMessage`, or the error a client without sampling.tools owes. */
export function answerSampling(params: Json): { result: Json } | { error: { code: number; message: string } } {
  if (params.tools !== undefined || params.toolChoice !== undefined) {
    return {
      error: {
        code: ErrorCode.InvalidParams,
        message: 'the conformance kit does not declare sampling.tools, so it cannot sample with tools',
      },
    };
  }
  return { result: { role: 'assistant', content: { type: 'text', text: KIT_COMPLETION }, model: KIT_MODEL, stopReason: 'endTurn' } };
}

/** An answer on a report line: `accept {"confirm":false}`, `decline (URL mode: ...)`, `a fixed completion`. */
export function describeAnswer(record: AnswerRecord): string {
  if (record.error) return `error ${record.error.code} ${JSON.stringify(record.error.message)}`;
  const result = record.result ?? {};
  if (record.method === 'sampling/createMessage') return `a fixed completion (model ${KIT_MODEL})`;
  const said = result.content === undefined ? String(result.action) : `${String(result.action)} ${brief(result.content, 160)}`;
  return record.note ? `${said} (${record.note})` : said;
}

/** Answer the server's elicitation and sampling requests on `client`, recording each answer. */
export function installAnswers(client: Client, text: () => string, record: (answer: AnswerRecord) => void): void {
  const related = (params: Json): unknown => (isObject(params._meta) ? params._meta[RELATED_TASK] : undefined);
  const log = (method: string, requestId: number | string, params: Json, sent: Omit<AnswerRecord, 'at' | 'method' | 'requestId'>) => {
    const r = related(params);
    record({ at: Date.now(), method, requestId, ...(isObject(r) && typeof r.taskId === 'string' && { taskId: r.taskId }), ...sent });
  };
  // R52: the requestor's response carries the same related-task metadata.
  const withMeta = (result: Json, params: Json): Json => {
    const r = related(params);
    return r === undefined ? result : { ...result, _meta: { [RELATED_TASK]: r } };
  };
  client.setRequestHandler(ElicitRequestSchema, (request, extra) => {
    const params = request.params as Json;
    const { result, note } = answerElicitation(params, text());
    log(request.method, extra.requestId, params, { result, ...(note !== undefined && { note }) });
    return withMeta(result, params) as never;
  });
  client.setRequestHandler(CreateMessageRequestSchema, (request, extra) => {
    const params = request.params as Json;
    const answer = answerSampling(params);
    log(request.method, extra.requestId, params, answer);
    if ('error' in answer) throw new McpError(answer.error.code, answer.error.message);
    return withMeta(answer.result, params) as never;
  });
}
