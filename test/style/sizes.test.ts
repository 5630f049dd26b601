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

  // No exceptions: the files the formatter pushed past the limit were split (issue 19 item 6).
  it(`no file in ${FOLDERS.join(', ')} over ${MAX_FILE_LINES} lines`, () => {
    const measured = files.map((file) => ({
      file: relative(ROOT, file).split('\\').join('/'),
      lines: readFileSync(file, 'utf8').split('\n').length,
    }));
    const tooLong = measured.filter(({ lines }) => lines > MAX_FILE_LINES).map(({ file, lines }) => `${file} (${lines})`);
    assert.deepEqual(tooLong, []);
  });

  it(`no function over ${MAX_FUNCTION_LINES} lines`, () => {
    assert.deepEqual(files.flatMap(longFunctions), []);
  });
});
