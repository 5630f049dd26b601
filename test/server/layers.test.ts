/**
 * src/server/ is one core under two wire generations (ARCHITECTURE.md, module map). These tests
 * hold the structure to that, read from the sources, so a shortcut across it fails here:
 * - src/server/ holds core/, v2025/, v2026/ and the re-exporting index.ts, nothing else;
 * - core/ imports neither leg and no module of either SDK: it holds no wire code (each leg builds
 *   its waiting on the engine's `changes`, and puts errors in its SDK's form itself);
 * - the legs do not import each other: what they share is in core/ (or src/);
 * - SDK 1.x (`@modelcontextprotocol/sdk`) is imported only by v2025/, SDK v2
 *   (`@modelcontextprotocol/server`) only by v2026/.
 * And src/http/ (`mcp-tasks/http`, issue 18 item 2) is THE module that combines both legs:
 * - nothing under src/server/ imports it (each leg stands alone, under it);
 * - it may import core/, both legs, both SDKs and the rest of src/ (stores, errors, owners),
 *   nothing outside src/ (the reference server is built on it, not the other way round);
 * - no other module of src/ imports both legs.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SERVER = 'src/server';
const SDK1 = '@modelcontextprotocol/sdk';
const SDK2 = '@modelcontextprotocol/server';

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Every module a file imports or re-exports (static, dynamic, type-only): repo-relative paths for relative specifiers, else the specifier. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8').replace(/\/\*[\s\S]*?\*\//g, ''); // not the examples in doc comments
  return [...text.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*'([^']+)'/g)].map(([, specifier]) =>
    specifier!.startsWith('.') ? relative(ROOT, resolve(ROOT, dirname(file), specifier!)).replaceAll('\\', '/') : specifier!,
  );
}

const files = sources(SERVER);
const HTTP = 'src/http';
const srcFiles = sources('src');

/** `file -> import` for each file under `from` importing something `forbidden` names. */
function crossings(from: string, forbidden: (target: string) => boolean): string[] {
  return files
    .filter((f) => f.startsWith(`${from}/`))
    .flatMap((f) =>
      importsOf(f)
        .filter(forbidden)
        .map((target) => `${f} -> ${target}`),
    );
}

const under = (folder: string) => (target: string) => target.startsWith(`${SERVER}/${folder}/`);
const sdk = (name: string) => (target: string) => target === name || target.startsWith(`${name}/`);

describe('src/server/: one core under two wire generations', () => {
  it('holds core/, v2025/, v2026/ and index.ts, nothing else', () => {
    assert.deepEqual(readdirSync(join(ROOT, SERVER)).sort(), ['core', 'index.ts', 'v2025', 'v2026']);
  });

  it('core/ imports neither leg (v2025/, v2026/)', () => {
    assert.deepEqual(
      crossings(`${SERVER}/core`, (t) => under('v2025')(t) || under('v2026')(t)),
      [],
    );
  });

  it('core/ imports no module of either SDK (no wire code)', () => {
    assert.deepEqual(
      crossings(`${SERVER}/core`, (t) => sdk(SDK1)(t) || sdk(SDK2)(t)),
      [],
    );
  });

  it('the legs do not import each other', () => {
    assert.deepEqual(crossings(`${SERVER}/v2025`, under('v2026')), []);
    assert.deepEqual(crossings(`${SERVER}/v2026`, under('v2025')), []);
  });

  it('SDK 1.x is imported only by v2025/, SDK v2 only by v2026/', () => {
    assert.deepEqual(crossings(`${SERVER}/v2026`, sdk(SDK1)), []);
    assert.deepEqual(crossings(`${SERVER}/v2025`, sdk(SDK2)), []);
  });

  it('the scan bites: it sees each leg import the core and its own SDK', () => {
    assert.ok(files.length > 25, `scanned ${files.length} files`);
    for (const [leg, own] of [
      ['v2025', SDK1],
      ['v2026', SDK2],
    ] as const) {
      assert.ok(crossings(`${SERVER}/${leg}`, under('core')).length > 0, `${leg} imports core/`);
      assert.ok(crossings(`${SERVER}/${leg}`, sdk(own)).length > 0, `${leg} imports ${own}`);
    }
  });
});

describe('src/http/: the one module that combines both legs', () => {
  const httpFiles = srcFiles.filter((f) => f.startsWith(`${HTTP}/`));
  const importsUnder = (file: string, folder: string) => importsOf(file).filter((t) => t.startsWith(`${folder}/`));

  it('nothing under src/server/ imports it', () => {
    assert.deepEqual(
      crossings(SERVER, (t) => t.startsWith(`${HTTP}/`)),
      [],
    );
  });

  it('imports only src/ modules (core, both legs, stores, errors, ...), both SDKs and node: built-ins', () => {
    const outside = httpFiles.flatMap((f) =>
      importsOf(f)
        .filter((t) => !t.startsWith('src/') && !t.startsWith('node:') && !sdk(SDK1)(t) && !sdk(SDK2)(t) && !t.startsWith('generated/'))
        .map((t) => `${f} -> ${t}`),
    );
    assert.deepEqual(outside, []);
  });

  it('no other module of src/ imports both legs', () => {
    const both = srcFiles.filter(
      (f) => !f.startsWith(`${HTTP}/`) && importsUnder(f, `${SERVER}/v2025`).length > 0 && importsUnder(f, `${SERVER}/v2026`).length > 0,
    );
    assert.deepEqual(both, []);
  });

  it('the scan bites: src/http/ imports both legs and both SDKs', () => {
    const all = httpFiles.flatMap(importsOf);
    assert.ok(all.some(under('v2025')) && all.some(under('v2026')), 'both legs');
    assert.ok(all.some(sdk(SDK1)) && all.some(sdk(SDK2)), 'both SDKs');
  });
});
