#!/usr/bin/env node
// Generate, for each protocol generation:
//   2025-11-25: generated/types.ts and generated/schemas.ts from the pinned upstream MCP schema
//     (schema/upstream/schema.json, written by scripts/sync-schema.mjs; see schema/pin.json);
//   2026-07-28: generated/tasks-2026-07-28/{types,schemas}.ts from the committed core schema of the
//     Tasks extension (schema/2026-07-28/spec.schema.json, pinned by schema/2026-07-28/pin.json) plus
//     the extension's own defs transcribed from tasks.md (schema/2026-07-28/extension.schema.json).
//
//   node scripts/generate.mjs          write generated/*
//   node scripts/generate.mjs --check  exit 1 if generated/* differs from what would be written
//
// Output is deterministic: same upstream bytes -> same output bytes.
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile } from 'json-schema-to-typescript';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const rel = (p) => path.relative(repoRoot, p);
const pinPath = path.join(repoRoot, 'schema', 'pin.json');
const upstreamPath = path.join(repoRoot, 'schema', 'upstream', 'schema.json');
const outDir = path.join(repoRoot, 'generated');

/** Stable, non-resolvable identifier of the generated sub-schema. */
const SCHEMA_ID = 'https://mcp-tasks.invalid/schema/2025-11-25/tasks.schema.json';

/**
 * Task-related upstream definitions to keep. Everything they reference is added transitively.
 * Names are exactly as in upstream `$defs`.
 */
const ROOT_DEFS = [
  // Tasks utility
  'Task',
  'TaskStatus',
  'TaskMetadata',
  'RelatedTaskMetadata',
  'TaskAugmentedRequestParams',
  'CreateTaskResult',
  'GetTaskRequest',
  'GetTaskResult',
  'GetTaskPayloadRequest',
  'GetTaskPayloadResult',
  'ListTasksRequest',
  'ListTasksResult',
  'CancelTaskRequest',
  'CancelTaskResult',
  'TaskStatusNotification',
  'TaskStatusNotificationParams',
  // Task-augmentable requests and their results
  'ToolExecution',
  'Tool',
  'ListToolsResult',
  'CallToolRequest',
  'CallToolRequestParams',
  'CallToolResult',
  'CreateMessageRequest',
  'CreateMessageRequestParams',
  'CreateMessageResult',
  'ElicitRequest',
  'ElicitRequestParams',
  'ElicitResult',
  // Capabilities
  'ClientCapabilities',
  'ServerCapabilities',
  'InitializeResult',
  // JSON-RPC envelopes
  'JSONRPCRequest',
  'JSONRPCNotification',
  'JSONRPCResultResponse',
  'JSONRPCErrorResponse',
  'JSONRPCResponse',
  'JSONRPCMessage',
  'Error',
];

/**
 * mcp-tasks additions (NOT upstream). The 2025-11-25 schema leaves CreateTaskResult out of the
 * ServerResult/ClientResult unions (TASKS-REQUIREMENTS A3; fixed upstream for draft only, PR #2004),
 * so a task-augmentable request has no def for "its result". These defs model it: a result with a
 * top-level `task` key is a CreateTaskResult, anything else is the request's ordinary result.
 */
const ADDED_DEFS = [
  { name: 'ToolsCallResult', method: 'tools/call', plain: 'CallToolResult' },
  { name: 'SamplingCreateMessageResult', method: 'sampling/createMessage', plain: 'CreateMessageResult' },
  { name: 'ElicitationCreateResult', method: 'elicitation/create', plain: 'ElicitResult' },
];
const ADDED_NOTE = 'mcp-tasks addition, not part of the upstream schema (TASKS-REQUIREMENTS A3).';

function fail(message) {
  console.error(`generate: ERROR: ${message}`);
  process.exit(1);
}

const sha256 = (buf) => createHash('sha256').update(buf).digest('hex');
const byCodeUnit = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
const refName = (ref) => {
  const m = /^#\/\$defs\/([^/]+)$/.exec(ref);
  if (!m) fail(`unsupported $ref ${JSON.stringify(ref)} (only local "#/$defs/Name" refs are handled)`);
  return m[1];
};

/** Visit every `$ref` string inside a JSON value. */
function eachRef(value, fn) {
  if (Array.isArray(value)) value.forEach((v) => eachRef(v, fn));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string') fn(v);
      else eachRef(v, fn);
    }
  }
}

/** Deep copy with object keys sorted, so that output never depends on key insertion order. */
function sortKeys(value) {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort(byCodeUnit)
        .map((k) => [k, sortKeys(value[k])]),
    );
  }
  return value;
}

function selectDefs(allDefs, roots = ROOT_DEFS) {
  const selected = new Set();
  const queue = [...roots];
  while (queue.length > 0) {
    const name = queue.shift();
    if (selected.has(name)) continue;
    if (!Object.hasOwn(allDefs, name)) fail(`definition "${name}" not found in upstream $defs`);
    selected.add(name);
    eachRef(allDefs[name], (ref) => queue.push(refName(ref)));
  }
  return Object.fromEntries([...selected].sort(byCodeUnit).map((n) => [n, sortKeys(allDefs[n])]));
}

/** Validation form of an added def: `task` present -> CreateTaskResult, else the plain result. */
function addedValidationDef({ name, method, plain }) {
  return {
    $comment: `${ADDED_NOTE} Discriminated by a top-level "task" key.`,
    description: `Result of a ${method} request: ${plain}, or CreateTaskResult when the request was task-augmented. ${ADDED_NOTE}`,
    if: { required: ['task'] },
    then: { $ref: '#/$defs/CreateTaskResult' },
    else: { $ref: `#/$defs/${plain}` },
    title: name,
  };
}

/** Type form of an added def (json-schema-to-typescript ignores if/then/else). */
function addedTypeDef({ method, plain }) {
  return {
    anyOf: [{ $ref: `#/$defs/${plain}` }, { $ref: '#/$defs/CreateTaskResult' }],
    description: `Result of a ${method} request: ${plain}, or CreateTaskResult when the request was task-augmented (a top-level \`task\` key discriminates). ${ADDED_NOTE}`,
  };
}

/**
 * json-schema-to-typescript turns `{ $ref, description }` into a fresh copy of the target
 * (`TaskMetadata1`, inlined enums ...). For the type view, drop the siblings of `$ref`.
 */
function stripRefSiblings(value) {
  if (Array.isArray(value)) return value.map(stripRefSiblings);
  if (value && typeof value === 'object') {
    if (typeof value.$ref === 'string') return { $ref: value.$ref };
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, stripRefSiblings(v)]));
  }
  return value;
}

function banner(pin, what) {
  return [
    '/* eslint-disable */',
    '/**',
    ` * ${what}`,
    ' *',
    ` * Generated from ${pin.repository} ${pin.path}`,
    ` *   commit ${pin.commit}`,
    ` *   sha256 ${pin.sha256}`,
    ' * (pinned in schema/pin.json).',
    ' *',
    ' * DO NOT EDIT. Regenerate with: npm run generate',
    ' */',
  ].join('\n');
}

const ROOT_TYPE_NAME = 'McpTasksSchema';

async function generateTypes(pin, defs) {
  const typeDefs = stripRefSiblings(defs);
  for (const added of ADDED_DEFS) typeDefs[added.name] = addedTypeDef(added);
  // The root is an empty placeholder; every $def is emitted through `unreachableDefinitions`.
  const root = { title: ROOT_TYPE_NAME, type: 'object', properties: {}, additionalProperties: false, $defs: typeDefs };
  let ts = await compile(root, ROOT_TYPE_NAME, {
    bannerComment: banner(
      pin,
      'TypeScript types for the task-related part of the MCP 2025-11-25 schema (json-schema-to-typescript).\n' +
        ' * Objects without an explicit `additionalProperties` are emitted closed, as in upstream schema.ts.\n' +
        ` * ${ADDED_DEFS.map((d) => d.name).join(', ')}: ${ADDED_NOTE}`,
    ),
    cwd: repoRoot,
    additionalProperties: false,
    unreachableDefinitions: true,
    declareExternallyReferenced: true,
    enableConstEnums: true,
    strictIndexSignatures: false,
    unknownAny: true,
    format: true,
    style: { bracketSpacing: false, printWidth: 120, semi: true, singleQuote: false, tabWidth: 2, trailingComma: 'none', useTabs: false },
  });
  const placeholder = `\nexport interface ${ROOT_TYPE_NAME} {}\n`;
  if (!ts.includes(placeholder)) fail(`json-schema-to-typescript output changed: root placeholder not found`);
  ts = ts.replace(placeholder, '\n');
  ts = ts.replaceAll(`by \`${ROOT_TYPE_NAME}\`'s JSON-Schema`, 'by the JSON-Schema');
  const dup = /^export (?:interface|type) ([A-Za-z_]\w*?\d+)\b/m.exec(ts);
  if (dup && !Object.hasOwn(typeDefs, dup[1])) fail(`duplicated type name "${dup[1]}" in generated types`);
  return ts;
}

function generateSchemas(pin, defs) {
  const schema = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: SCHEMA_ID,
    $comment: `Subset of ${pin.repository} ${pin.path} @ ${pin.commit} (sha256 ${pin.sha256}), plus mcp-tasks additions.`,
  };
  const indent = (text, n) => text.replaceAll('\n', `\n${' '.repeat(n)}`);
  const entry = (name, def) => `    ${JSON.stringify(name)}: ${indent(JSON.stringify(def, null, 2), 4)}`;
  const upstream = Object.entries(defs).map(([n, d]) => entry(n, d));
  const added = ADDED_DEFS.map((a) => entry(a.name, sortKeys(addedValidationDef(a))));
  const head = Object.entries(schema).map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)},`);
  const origin = { repository: pin.repository, path: pin.path, commit: pin.commit, sha256: pin.sha256, url: pin.url };

  return [
    banner(pin, 'JSON Schema (draft 2020-12) for the task-related part of the MCP 2025-11-25 schema.'),
    '',
    '/** Where the upstream part of `tasksSchema` comes from. */',
    `export const SCHEMA_ORIGIN = ${JSON.stringify(origin, null, 2)} as const;`,
    '',
    '/** `$id` of `tasksSchema`; refer to a def as `${TASKS_SCHEMA_ID}#/$defs/<Name>`. */',
    `export const TASKS_SCHEMA_ID = ${JSON.stringify(SCHEMA_ID)};`,
    '',
    `/** Upstream defs kept (the task-related roots and everything they reference), sorted. */`,
    `export const UPSTREAM_DEF_NAMES = ${JSON.stringify(Object.keys(defs), null, 2)} as const;`,
    '',
    `/** The task-related roots the selection starts from: the defs \`mcp-tasks/validate\` names. */`,
    `export const ROOT_DEF_NAMES = ${JSON.stringify(ROOT_DEFS, null, 2)} as const;`,
    '',
    `/** Defs added by mcp-tasks; not upstream (TASKS-REQUIREMENTS A3). */`,
    `export const ADDED_DEF_NAMES = ${JSON.stringify(
      ADDED_DEFS.map((a) => a.name),
      null,
      2,
    )} as const;`,
    '',
    '/** The selected sub-schema. Upstream defs are copied verbatim (keys sorted). */',
    'export const tasksSchema = {',
    ...head,
    '  "$defs": {',
    upstream.join(',\n') + ',',
    `    // ---- mcp-tasks additions below: NOT upstream (TASKS-REQUIREMENTS A3). ----`,
    `    // "<method> result" = CreateTaskResult if the result has a top-level "task" key, else the plain result.`,
    added.join(',\n'),
    '  }',
    '} as const;',
    '',
    'export type TasksSchemaDefName = keyof typeof tasksSchema.$defs;',
    '',
  ].join('\n');
}

// ---- 2026-07-28 (the Tasks extension) ----

const dir2026 = path.join(repoRoot, 'schema', '2026-07-28');
const pin2026Path = path.join(dir2026, 'pin.json');
const extensionPath = path.join(dir2026, 'extension.schema.json');
const outDir2026 = path.join(outDir, 'tasks-2026-07-28');
const SCHEMA_ID_2026 = 'https://mcp-tasks.invalid/schema/2026-07-28/tasks.schema.json';
const EXTENSION_NOTE = 'Transcribed by mcp-tasks from tasks.md; the extension publishes no JSON Schema for its own types.';

/** Core (2026-07-28 draft) defs the extension builds on, or a client of it needs. */
const CORE_ROOT_DEFS_2026 = [
  'Result',
  'ResultType',
  'Error',
  'JSONObject',
  'RequestMetaObject',
  'NotificationMetaObject',
  'InputRequest',
  'InputRequests',
  'InputResponse',
  'InputResponses',
  'InputRequiredResult',
  'InputResponseRequestParams',
  'CallToolRequest',
  'CallToolRequestParams',
  'CallToolResult',
  'Tool',
  'ListToolsResult',
  'ElicitRequest',
  'ElicitResult',
  'CreateMessageRequest',
  'CreateMessageResult',
  'ClientCapabilities',
  'ServerCapabilities',
  'DiscoverResult',
  'MissingRequiredClientCapabilityError',
  'HeaderMismatchError',
  'MethodNotFoundError',
  'InvalidParamsError',
  'JSONRPCRequest',
  'JSONRPCNotification',
  'JSONRPCResultResponse',
  'JSONRPCErrorResponse',
  'JSONRPCResponse',
  'JSONRPCMessage',
];

/** Validation form of `TasksCallToolResult`: `resultType` picks the branch (the type form is a plain union). */
const TASKS_CALL_TOOL_RESULT_VALIDATION = {
  $comment: `${EXTENSION_NOTE} Discriminated by resultType.`,
  description:
    'Result of tools/call for a client that declared the extension: CreateTaskResult when resultType is "task", ' +
    'InputRequiredResult when "input_required", else CallToolResult.',
  if: { properties: { resultType: { const: 'task' } }, required: ['resultType'] },
  then: { $ref: '#/$defs/CreateTaskResult' },
  else: {
    if: { properties: { resultType: { const: 'input_required' } }, required: ['resultType'] },
    then: { $ref: '#/$defs/InputRequiredResult' },
    else: { $ref: '#/$defs/CallToolResult' },
  },
  title: 'TasksCallToolResult',
};

async function readPinned2026() {
  const pin = JSON.parse(await readFile(pin2026Path, 'utf8'));
  const localPath = path.join(repoRoot, pin.local);
  const bytes = await readFile(localPath).catch(() => fail(`${pin.local} not found (it is committed; restore it)`));
  const actual = sha256(bytes);
  if (actual !== pin.sha256) fail(`${pin.local} has sha256 ${actual}, but ${rel(pin2026Path)} pins ${pin.sha256}`);
  const core = JSON.parse(bytes.toString('utf8'));
  const extension = JSON.parse(await readFile(extensionPath, 'utf8'));
  for (const name of Object.keys(extension.$defs)) {
    if (Object.hasOwn(core.$defs, name)) fail(`extension def "${name}" also exists in the core schema; rename it`);
  }
  return { pin, core, extension };
}

function banner2026(pin, what) {
  return [
    '/* eslint-disable */',
    '/**',
    ` * ${what}`,
    ' *',
    ` * Core defs generated from ${pin.repository} ${pin.path}`,
    ` *   commit ${pin.commit}`,
    ` *   sha256 ${pin.sha256}`,
    ` * (committed as ${pin.local}, pinned in schema/2026-07-28/pin.json).`,
    ` * Extension defs: schema/2026-07-28/extension.schema.json (${EXTENSION_NOTE})`,
    ' *',
    ' * DO NOT EDIT. Regenerate with: npm run generate',
    ' */',
  ].join('\n');
}

async function generateTypes2026(pin, defs) {
  const root = { title: ROOT_TYPE_NAME, type: 'object', properties: {}, additionalProperties: false, $defs: stripRefSiblings(defs) };
  let ts = await compile(root, ROOT_TYPE_NAME, {
    bannerComment: banner2026(
      pin,
      'TypeScript types for the MCP Tasks extension (io.modelcontextprotocol/tasks), protocol 2026-07-28.\n' +
        ' * Objects without an explicit `additionalProperties` are emitted closed.',
    ),
    cwd: repoRoot,
    additionalProperties: false,
    unreachableDefinitions: true,
    declareExternallyReferenced: true,
    enableConstEnums: true,
    strictIndexSignatures: false,
    unknownAny: true,
    format: true,
    style: { bracketSpacing: false, printWidth: 120, semi: true, singleQuote: false, tabWidth: 2, trailingComma: 'none', useTabs: false },
  });
  const placeholder = `\nexport interface ${ROOT_TYPE_NAME} {}\n`;
  if (!ts.includes(placeholder)) fail(`json-schema-to-typescript output changed: root placeholder not found`);
  ts = ts.replace(placeholder, '\n');
  ts = ts.replaceAll(`by \`${ROOT_TYPE_NAME}\`'s JSON-Schema`, 'by the JSON-Schema');
  const dup = /^export (?:interface|type) ([A-Za-z_]\w*?\d+)\b/m.exec(ts);
  if (dup && !Object.hasOwn(defs, dup[1])) fail(`duplicated type name "${dup[1]}" in generated 2026 types`);
  return ts;
}

function generateSchemas2026(pin, coreDefs, extensionDefs) {
  const validationDefs = { ...extensionDefs, TasksCallToolResult: sortKeys(TASKS_CALL_TOOL_RESULT_VALIDATION) };
  const indent = (text, n) => text.replaceAll('\n', `\n${' '.repeat(n)}`);
  const entry = (name, def) => `    ${JSON.stringify(name)}: ${indent(JSON.stringify(def, null, 2), 4)}`;
  const origin = { repository: pin.repository, path: pin.path, commit: pin.commit, sha256: pin.sha256, url: pin.url };
  const comment = `Subset of ${pin.repository} ${pin.path} @ ${pin.commit} (sha256 ${pin.sha256}), plus the extension's defs.`;
  return [
    banner2026(pin, 'JSON Schema (draft 2020-12) for the MCP Tasks extension (io.modelcontextprotocol/tasks), protocol 2026-07-28.'),
    '',
    '/** Where the core part of `tasks2026Schema` comes from. */',
    `export const SCHEMA_ORIGIN_2026 = ${JSON.stringify(origin, null, 2)} as const;`,
    '',
    '/** `$id` of `tasks2026Schema`; refer to a def as `${TASKS_2026_SCHEMA_ID}#/$defs/<Name>`. */',
    `export const TASKS_2026_SCHEMA_ID = ${JSON.stringify(SCHEMA_ID_2026)};`,
    '',
    '/** Core defs kept (the roots and everything they reference), sorted. */',
    `export const CORE_DEF_NAMES_2026 = ${JSON.stringify(Object.keys(coreDefs), null, 2)} as const;`,
    '',
    '/** The core roots the selection starts from: the core defs `mcp-tasks/validate` names. */',
    `export const CORE_ROOT_DEF_NAMES_2026 = ${JSON.stringify(CORE_ROOT_DEFS_2026, null, 2)} as const;`,
    '',
    `/** The extension's own defs (${EXTENSION_NOTE}) */`,
    `export const EXTENSION_DEF_NAMES_2026 = ${JSON.stringify(Object.keys(extensionDefs), null, 2)} as const;`,
    '',
    '/** The selected sub-schema: core defs copied verbatim (keys sorted), then the extension defs. */',
    'export const tasks2026Schema = {',
    `  "$schema": "https://json-schema.org/draft/2020-12/schema",`,
    `  "$id": ${JSON.stringify(SCHEMA_ID_2026)},`,
    `  "$comment": ${JSON.stringify(comment)},`,
    '  "$defs": {',
    Object.entries(coreDefs)
      .map(([n, d]) => entry(n, d))
      .join(',\n') + ',',
    `    // ---- the extension's defs (io.modelcontextprotocol/tasks), transcribed from tasks.md ----`,
    Object.entries(validationDefs)
      .map(([n, d]) => entry(n, d))
      .join(',\n'),
    '  }',
    '} as const;',
    '',
    'export type Tasks2026SchemaDefName = keyof typeof tasks2026Schema.$defs;',
    '',
  ].join('\n');
}

/** 2026-07-28: read the committed core schema and the extension defs, return the files to write. */
async function outputs2026() {
  const { pin, core, extension } = await readPinned2026();
  const coreDefs = selectDefs(core.$defs, CORE_ROOT_DEFS_2026);
  const extensionDefs = sortKeys(extension.$defs);
  for (const [name, def] of Object.entries(extensionDefs)) {
    eachRef(def, (ref) => {
      const target = refName(ref);
      if (!Object.hasOwn(coreDefs, target) && !Object.hasOwn(extensionDefs, target)) {
        fail(`extension def "${name}" refers to "${target}", which is neither selected from the core nor an extension def`);
      }
    });
  }
  const files = new Map([
    [path.join(outDir2026, 'types.ts'), await generateTypes2026(pin, { ...coreDefs, ...extensionDefs })],
    [path.join(outDir2026, 'schemas.ts'), generateSchemas2026(pin, coreDefs, extensionDefs)],
  ]);
  const summary = `2026-07-28: ${Object.keys(coreDefs).length} core defs + ${Object.keys(extensionDefs).length} extension defs`;
  return { files, summary };
}

/** 2025-11-25: read the synced upstream schema, return the files to write. */
async function outputs2025() {
  const pin = JSON.parse(await readFile(pinPath, 'utf8'));
  let bytes;
  try {
    bytes = await readFile(upstreamPath);
  } catch {
    fail(`${rel(upstreamPath)} not found. Run: npm run sync-schema`);
  }
  const actual = sha256(bytes);
  if (actual !== pin.sha256) {
    fail(`${rel(upstreamPath)} has sha256 ${actual}, but schema/pin.json pins ${pin.sha256}. Run: npm run sync-schema`);
  }
  const upstream = JSON.parse(bytes.toString('utf8'));
  if (!upstream.$defs || typeof upstream.$defs !== 'object') fail('upstream schema has no $defs');
  for (const a of ADDED_DEFS) {
    if (Object.hasOwn(upstream.$defs, a.name)) fail(`added def "${a.name}" now exists upstream; rename or drop it`);
  }
  const defs = selectDefs(upstream.$defs);
  const files = new Map([
    [path.join(outDir, 'types.ts'), await generateTypes(pin, defs)],
    [path.join(outDir, 'schemas.ts'), generateSchemas(pin, defs)],
  ]);
  return { files, summary: `2025-11-25: ${Object.keys(defs).length} upstream defs + ${ADDED_DEFS.length} added` };
}

/** Write (or, with --check, compare) every generated file. */
async function writeOrCheck(check, generations) {
  const files = new Map(generations.flatMap((g) => [...g.files]));
  const summary = generations.map((g) => g.summary).join('; ');
  if (check) {
    const stale = [];
    for (const [file, content] of files) {
      const current = await readFile(file, 'utf8').catch(() => null);
      if (current === null) stale.push(`${rel(file)} (missing)`);
      else if (current !== content) stale.push(`${rel(file)} (differs)`);
    }
    if (stale.length > 0) {
      console.error(`generate --check: generated/ is out of date:\n  ${stale.join('\n  ')}\nRun: npm run generate`);
      process.exit(1);
    }
    console.log(`generate --check: generated/ is up to date (${summary})`);
    return;
  }
  for (const [file, content] of files) {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, content);
    console.log(`generate: wrote ${rel(file)}`);
  }
  console.log(`generate: ${summary}`);
}

async function main() {
  const check = process.argv.includes('--check');
  const unknown = process.argv.slice(2).filter((a) => a !== '--check');
  if (unknown.length > 0) fail(`unknown argument(s): ${unknown.join(' ')} (usage: generate.mjs [--check])`);
  await writeOrCheck(check, [await outputs2025(), await outputs2026()]);
}

main().catch((err) => fail(err?.stack ?? String(err)));
