/**
 * Tools the suite may call to compare a tool's declared taskSupport with its behaviour (R11-R14):
 * the documented fixtures with harmless arguments, the operator's --tool, and tools annotated
 * read-only that take no required arguments. Nothing else is ever called.
 */
import { isObject, type Json } from '../../core/json.js';
import type { CheckContext, ToolCall } from '../context.js';

/** Fixture tools and arguments that finish at once (or are cancelled by the suite's cleanup). */
const HARMLESS: Readonly<Record<string, Json>> = {
  support_forbidden: {},
  support_optional: {},
  support_required: {},
  echo: { text: 'conformance' },
  delay: { ms: 0 },
  fail_result: {},
  throw_error: {},
  count_steps: { steps: 1 },
  until_cancelled: { maxMs: 1 },
  ignore_cancel: { ms: 1 },
  late_progress: { ms: 0 },
};

export interface SafeTool extends ToolCall {
  /** The declared taskSupport ("forbidden" when absent). */
  declared: string;
}

/** Every listed tool that is safe to call, with its declared taskSupport. */
export function safeTools(ctx: CheckContext): SafeTool[] {
  const tools: SafeTool[] = [];
  for (const t of ctx.facts.tools) {
    const declared = t.taskSupport === undefined ? 'forbidden' : String(t.taskSupport);
    let args: Json | undefined = HARMLESS[t.name];
    if (args === undefined && ctx.options.tool?.name === t.name) args = ctx.options.tool.args;
    if (args === undefined && readOnlyWithoutArgs(t.raw)) args = {};
    if (args !== undefined) tools.push({ name: t.name, args, declared });
  }
  return tools;
}

function readOnlyWithoutArgs(raw: Json): boolean {
  const annotations = isObject(raw.annotations) ? raw.annotations : {};
  const schema = isObject(raw.inputSchema) ? raw.inputSchema : {};
  const required = Array.isArray(schema.required) ? schema.required : [];
  return annotations.readOnlyHint === true && required.length === 0;
}
