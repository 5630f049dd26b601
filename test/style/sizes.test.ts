/**
 * Small modules with one job (issue "Architecture", item 10): no source file of the library, the
 * kit or the reference server over MAX_FILE_LINES lines, no function over MAX_FUNCTION_LINES.
 * Measured with the TypeScript parser on the sources, so a long function cannot hide.
 * Documents (RULES.md) and generated/ are not code and are not measured.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const FOLDERS = ['src', 'conformance', 'reference-server'];
const MAX_FILE_LINES = 300;
/**
 * Files over the limit since the formatter (issue 19 item 6) widened them, each with its line count
 * then, which may only go down, and what it would take to split it. A file not listed may not
 * pass the limit; a listed file that shrinks under it must leave the list.
 */
const OVER_LIMIT: Readonly<Record<string, { lines: number; why: string }>> = {
  'src/stores/base.ts': {
    lines: 342,
    why: 'BaseTaskStore: every contract method once for all backends; the input checks of create and complete could move out',
  },
  'src/stores/dynamodb/store.ts': {
    lines: 313,
    why: "the DynamoDB store's reads and the change polling could move beside its writes (create.ts)",
  },
  'conformance/protocol/checks/creation.ts': {
    lines: 352,
    why: 'the creation area: its TTL and metadata checks could become a file of their own',
  },
  'conformance/protocol/checks/result.ts': {
    lines: 383,
    why: 'the tasks/result area: its error and input checks could become files of their own',
  },
  'conformance/protocol/context.ts': {
    lines: 330,
    why: "the protocol kit's run context; its wire helpers (sightings, recorded exchanges) could move out",
  },
  'conformance/protocol/checks/input-required/redelivery.ts': {
    lines: 315,
    why: 'the redelivery checks (A10): the error-answer checks could become a file of their own',
  },
  'conformance/protocol/checks/ttl-timestamps/index.ts': {
    lines: 318,
    why: 'TTL and timestamps: the long-TTL and expiry probes could move beside the field checks',
  },
  'conformance/protocol/runner.ts': {
    lines: 306,
    why: 'the protocol runner: the wire attachment of failed checks could move to check-run.ts',
  },
  'conformance/protocol/session.ts': { lines: 315, why: 'one recorded client session; its SSE parsing could move out' },
};
const MAX_FUNCTION_LINES = 70;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/**
 * A suite's list of test declarations (`xxxTests(harness)` registering `it(...)` after `it(...)`,
 * or the callback of a `describe`): long by nature, with no logic of its own to split.
 */
function isTestDeclaration(node: ts.Node): boolean {
  const name = (node as ts.FunctionLikeDeclaration).name;
  if (name && /Tests$/.test(name.getText())) return true;
  const call = node.parent;
  return ts.isCallExpression(call) && /^(describe|test\.describe|t\.describe)$/.test(call.expression.getText());
}

function longFunctions(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body && !isTestDeclaration(node)) {
      const start = source.getLineAndCharacterOfPosition(node.getStart()).line;
      const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      if (end - start + 1 > MAX_FUNCTION_LINES) {
        const name = (node as ts.FunctionLikeDeclaration).name?.getText(source) ?? '(anonymous)';
        found.push(`${relative(ROOT, file)}:${start + 1} ${name} (${end - start + 1} lines)`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('module and function sizes', () => {
  const files = FOLDERS.flatMap((folder) => sources(join(ROOT, folder)));

  it(`no file in ${FOLDERS.join(', ')} over ${MAX_FILE_LINES} lines, bar the listed ones, which only shrink`, () => {
    const measured = files.map((file) => ({
      file: relative(ROOT, file).split('\\').join('/'),
      lines: readFileSync(file, 'utf8').split('\n').length,
    }));
    const tooLong = measured
      .filter(({ file, lines }) => lines > (OVER_LIMIT[file]?.lines ?? MAX_FILE_LINES))
      .map(({ file, lines }) => `${file} (${lines})`);
    assert.deepEqual(tooLong, []);
    const within = Object.keys(OVER_LIMIT).filter((file) => (measured.find((m) => m.file === file)?.lines ?? 0) <= MAX_FILE_LINES);
    assert.deepEqual(within, [], 'listed files now within the limit (or gone): remove them from OVER_LIMIT');
  });

  it(`no function over ${MAX_FUNCTION_LINES} lines`, () => {
    assert.deepEqual(files.flatMap(longFunctions), []);
  });
});
