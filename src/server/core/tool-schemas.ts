/**
 * A defined tool's schemas (tool-definition.ts), written once for both wires: a JSON Schema
 * object, or a Standard Schema object (zod 4, valibot, arktype, ...). Each becomes what both legs
 * need: the JSON Schema a `tools/list` shows, and one check with one wording of its problems, so
 * an invalid argument is the same -32602 naming the same field on either wire.
 *
 * - JSON Schema: listed as given, checked with ajv (2020-12; `$schema` is not used to pick a draft).
 * - Standard Schema: checked with its own `~standard.validate` (its output, e.g. defaults, is what
 *   the tool gets); listed with the JSON Schema it offers (`~standard.jsonSchema`, the Standard
 *   JSON Schema interface, which zod 4.2+ implements: the same as `z.toJSONSchema`; for an older
 *   zod 4 schema, `z.toJSONSchema` itself). One that offers none is listed as
 *   `{ type: 'object' }` (any object): clients are then not told the fields, but the arguments
 *   are still checked with it on both wires.
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { toJSONSchema, type ZodType } from 'zod/v4';
import { InvalidArgumentError } from '../../errors/index.js';
import { isPlainObject, type JsonObject } from '../../json.js';

/** The Standard Schema interface (standardschema.dev, v1), as far as tools need it. */
export interface StandardSchemaV1<Input = unknown, Output = Input> {
  readonly '~standard': {
    readonly version: 1;
    readonly vendor: string;
    readonly validate: (value: unknown) => StandardResult<Output> | Promise<StandardResult<Output>>;
    readonly types?: { readonly input: Input; readonly output: Output } | undefined;
  };
}

type StandardResult<Output> = { readonly value: Output; readonly issues?: undefined } | { readonly issues: readonly StandardIssue[] };

interface StandardIssue {
  readonly message: string;
  readonly path?: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }> | undefined;
}

/** What a tool may give as its input or output schema. */
export type ToolSchema<Output = JsonObject> = StandardSchemaV1<unknown, Output> | JsonObject;

/** A value checked against a schema: its (maybe transformed) value, or the problems found, each naming its field. */
export type Checked = { ok: true; value: unknown } | { ok: false; problems: string[] };

/** One schema in the two forms the legs need. */
export interface CompiledSchema {
  /** What `tools/list` shows. */
  readonly json: JsonObject;
  check(value: unknown): Promise<Checked>;
}

/** The listing of a tool without an input schema (as McpServer lists one). */
export const NO_INPUT_SCHEMA: JsonObject = Object.freeze({ type: 'object', properties: {} }) as JsonObject;

/** Whether `schema` is a Standard Schema object. */
export function isStandardSchema(schema: unknown): schema is StandardSchemaV1 {
  return (
    typeof schema === 'object' && schema !== null && typeof (schema as Partial<StandardSchemaV1>)['~standard']?.validate === 'function'
  );
}

/** Compile a tool's schema (`what`: e.g. "inputSchema of tool x", for error messages); INVALID_ARGUMENT when it cannot be used. */
export function compileSchema(schema: ToolSchema<unknown>, what: string, io: 'input' | 'output'): CompiledSchema {
  if (isStandardSchema(schema)) return standardSchema(schema, what, io);
  if (!isPlainObject(schema))
    throw new InvalidArgumentError(`${what} must be a JSON Schema object or a Standard Schema (e.g. z.object({...}))`);
  const shape = Object.entries(schema).find(([, value]) => isStandardSchema(value));
  if (shape) throw new InvalidArgumentError(`${what}: "${shape[0]}" is a schema object: pass z.object({ ... }) rather than a raw shape`);
  assertObjectSchema(schema, what);
  const validate = compileJsonSchema(schema, what);
  return {
    json: schema,
    check: async (value) => (validate(value) ? { ok: true, value } : { ok: false, problems: (validate.errors ?? []).map(ajvProblem) }),
  };
}

function standardSchema(schema: StandardSchemaV1, what: string, io: 'input' | 'output'): CompiledSchema {
  const std = schema['~standard'] as StandardSchemaV1['~standard'] & {
    jsonSchema?: { [k in 'input' | 'output']?: (options: { target: string }) => unknown };
  };
  let json: unknown = { type: 'object' };
  const standardJson = std.jsonSchema?.[io];
  const convert =
    typeof standardJson === 'function'
      ? standardJson
      : isZod4(schema)
        ? () => toJSONSchema(schema, { target: 'draft-2020-12', io })
        : undefined;
  if (convert) {
    try {
      json = convert({ target: 'draft-2020-12' });
    } catch (error) {
      throw new InvalidArgumentError(`${what} has no JSON Schema form: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (!isPlainObject(json)) throw new InvalidArgumentError(`${what}: its JSON Schema is not an object`);
  const listed = json as JsonObject;
  assertObjectSchema(listed, what);
  return {
    json: listed,
    async check(value) {
      const result = await std.validate(value);
      return result.issues === undefined ? { ok: true, value: result.value } : { ok: false, problems: result.issues.map(standardProblem) };
    },
  };
}

/** A zod 4 schema (its internals under `_zod`), which `z.toJSONSchema` converts. */
function isZod4(schema: object): schema is ZodType {
  return '_zod' in schema;
}

/** MCP: a tool's input and output schemas describe objects. */
function assertObjectSchema(schema: JsonObject, what: string): void {
  if (schema.type !== 'object') throw new InvalidArgumentError(`${what} must describe an object (type: "object")`);
}

let sharedAjv: Ajv2020 | undefined;

const newAjv = (): Ajv2020 => new Ajv2020({ allErrors: true, strict: false, validateFormats: false });

/** A compiled JSON Schema check; one Ajv for all tools, a fresh one for a schema whose `$id` another already took. */
function compileJsonSchema(schema: JsonObject, what: string): ValidateFunction {
  const { $schema: _ignored, ...body } = schema; // the draft is 2020-12, whatever `$schema` names
  sharedAjv ??= newAjv();
  try {
    return sharedAjv.compile(body);
  } catch (error) {
    try {
      if (body.$id !== undefined) return newAjv().compile(body);
    } catch {
      // reported below
    }
    throw new InvalidArgumentError(`${what} is not a valid JSON Schema: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** A field path for messages: `items.0.qty`; the root is `(root)`. */
function fieldPath(parts: readonly PropertyKey[]): string {
  return parts.length === 0 ? '(root)' : parts.map(String).join('.');
}

function pointerParts(pointer: string): string[] {
  return pointer === ''
    ? []
    : pointer
        .slice(1)
        .split('/')
        .map((p) => p.replaceAll('~1', '/').replaceAll('~0', '~'));
}

function ajvProblem(error: ErrorObject): string {
  const at = pointerParts(error.instancePath);
  const params = error.params as { missingProperty?: string; additionalProperty?: string };
  if (error.keyword === 'required' && params.missingProperty !== undefined)
    return `${fieldPath([...at, params.missingProperty])}: required`;
  if (error.keyword === 'additionalProperties' && params.additionalProperty !== undefined)
    return `${fieldPath([...at, params.additionalProperty])}: not allowed`;
  return `${fieldPath(at)}: ${error.message ?? error.keyword}`;
}

function standardProblem(issue: StandardIssue): string {
  const parts = (issue.path ?? []).map((p) => (typeof p === 'object' && p !== null ? p.key : p));
  return `${fieldPath(parts)}: ${issue.message}`;
}
