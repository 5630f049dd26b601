/**
 * The docs stay true to the tree (issue 18): every relative link of the Markdown a user reads
 * resolves to a file of the repository, and the README stays a front page (at most 200 lines:
 * what it is, install, one short quick start per audience, links onward).
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, it } from 'node:test';

const ROOT = process.cwd();
const SKIP = new Set(['node_modules', 'dist', '.git', 'coverage']);

function markdownFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return SKIP.has(entry.name) ? [] : markdownFiles(path);
    return entry.name.endsWith('.md') ? [path] : [];
  });
}

describe('docs', () => {
  it('every relative link in the Markdown files resolves to a file of the repository', () => {
    const broken: string[] = [];
    for (const file of markdownFiles('.')) {
      const text = readFileSync(join(ROOT, file), 'utf8');
      for (const match of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        const target = match[1]!;
        if (/^(https?:|mailto:|#)/.test(target)) continue;
        const path = normalize(join(dirname(file), target.split('#')[0]!));
        if (!existsSync(join(ROOT, path))) broken.push(`${file}: ${target}`);
      }
    }
    assert.deepEqual(broken, []);
  });

  it('README.md is at most 200 lines and gives the three commands a newcomer needs', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    assert.ok(readme.split('\n').length <= 200, `README.md has ${readme.split('\n').length} lines`);
    for (const command of ['npm install', 'npm start', 'npm test']) assert.ok(readme.includes(command), command);
  });
});
