/**
 * Code blocks of the docs that are whole programs are type-checked (issue 18): a ```ts block right
 * after a `<!-- program -->` comment (any text may follow `program` in it) is written to a file
 * and compiled with the repository's compiler options against the built package, imported by its
 * own name (`mcp-tasks`, resolved through package.json `exports`, as a user's code would).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const ROOT = process.cwd();
const OUT = join(ROOT, 'dist', 'doc-programs');

function programs(): { name: string; code: string }[] {
  const files = [
    'README.md',
    ...readdirSync(join(ROOT, 'docs'), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.md'))
      .map((f) => join('docs', f)),
  ];
  return files.flatMap((file) =>
    [...readFileSync(join(ROOT, file), 'utf8').matchAll(/<!-- program[^>]*-->\s*```ts\n([\s\S]*?)```/g)].map((m, i) => ({
      name: `${file.replace(/[^a-z0-9]+/gi, '_')}_${i + 1}.ts`,
      code: m[1]!,
    })),
  );
}

describe('docs: whole programs type-check', () => {
  it('every <!-- program --> block compiles against the built package', { timeout: 120_000 }, () => {
    const found = programs();
    assert.ok(found.length > 0, 'no program blocks found');
    rmSync(OUT, { recursive: true, force: true });
    mkdirSync(OUT, { recursive: true });
    for (const { name, code } of found) writeFileSync(join(OUT, name), code);
    const config = {
      compilerOptions: {
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        types: ['node'],
      },
      include: ['*.ts'],
    };
    writeFileSync(join(OUT, 'tsconfig.json'), JSON.stringify(config));
    const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', OUT], {
      encoding: 'utf8',
      cwd: ROOT,
    });
    assert.equal(tsc.status, 0, `${found.map((f) => f.name).join(', ')}:\n${tsc.stdout}${tsc.stderr}`);
  });
});
