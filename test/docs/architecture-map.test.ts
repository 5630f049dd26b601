/**
 * ARCHITECTURE.md's module map covers the code (issue 18): every source file under `src/`,
 * `conformance/` and `reference-server/` is named in the block of its folder in the map, so a
 * new module cannot land without a line saying what it is (as rules-doc.test.ts does for rule
 * IDs). A folder's block is its line in the map and the more-indented lines under it; a file
 * counts as named when its file name appears anywhere in that block.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const ROOT = process.cwd();
const TOP = ['src', 'conformance', 'reference-server'];
const NAME_COLUMN_END = 24;

/** The module map: the first fenced block after the "## Module map" heading. */
function moduleMap(): string[] {
  const text = readFileSync(join(ROOT, 'ARCHITECTURE.md'), 'utf8');
  const section = text.slice(text.indexOf('## Module map'));
  const start = section.indexOf('```\n') + 4;
  return section.slice(start, section.indexOf('```', start)).split('\n');
}

/** The lines of `folder`'s block (folder: e.g. `src/server/v2026`), found by walking the indentation. */
function block(lines: string[], folder: string): string[] | undefined {
  let from = 0;
  let indent = -1;
  for (const part of folder.split('/')) {
    // A folder's own line starts in the name column (descriptions start at column 25).
    const at = lines.findIndex((line, i) => {
      const lead = line.length - line.trimStart().length;
      return i >= from && lead > indent && lead < NAME_COLUMN_END && line.trimStart().startsWith(`${part}/`);
    });
    if (at < 0) return undefined;
    indent = lines[at]!.length - lines[at]!.trimStart().length;
    from = at;
    const end = lines.findIndex((line, i) => i > at && line.trim() !== '' && line.length - line.trimStart().length <= indent);
    lines = lines.slice(0, end < 0 ? lines.length : end);
  }
  return lines.slice(from);
}

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

describe('ARCHITECTURE.md module map', () => {
  it('names every source file of src/, conformance/ and reference-server/ in its folder', () => {
    const map = moduleMap();
    const missing: string[] = [];
    for (const file of TOP.flatMap(sources)) {
      const folder = file.slice(0, file.lastIndexOf('/'));
      const name = file.slice(file.lastIndexOf('/') + 1);
      const lines = block(map, folder);
      if (!lines || !lines.some((line) => line.includes(name))) missing.push(file);
    }
    assert.deepEqual(missing, [], 'add a line for each to the module map of ARCHITECTURE.md');
  });
});
