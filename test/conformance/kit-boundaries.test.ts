/**
 * conformance/ is three kits (store/, protocol/, client/) on one shared core (core/). These
 * tests hold the structure to what ARCHITECTURE.md says, read from the sources:
 * - core/ imports neither kit, so either kit can change without moving the other;
 * - the kits do not import each other: what they share goes through core/;
 * - the requestor kit reaches the server it runs through one named seam,
 *   client/scripted-server.ts, the only file of the kit that imports reference-server/;
 * - one `isObject` and one `Json` (core/json.ts) for all of conformance/;
 * - each file of protocol/checks/ is named after an area of the check model (core/check.ts AREAS).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { AREAS } from '../../conformance/core/check.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const KIT = join(ROOT, 'conformance');
/** The one file of the requestor kit that may import the reference server. */
const CLIENT_SEAM = 'conformance/client/scripted-server.ts';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Every relative module a file imports or re-exports, as a repo-relative path. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.[^']+)'/g)].map((m) => m[1]!);
  return specifiers.map((s) => relative(ROOT, resolve(dirname(file), s)).replaceAll('\\', '/'));
}

const repoPath = (file: string) => relative(ROOT, file).replaceAll('\\', '/');
const files = sources(KIT);

/** `from` files importing anything under one of `to` (folders of the repository). */
function crossings(from: string, to: readonly string[], except: (file: string) => boolean = () => false): string[] {
  return files
    .filter((f) => repoPath(f).startsWith(`${from}/`) && !except(repoPath(f)))
    .flatMap((f) =>
      importsOf(f)
        .filter((target) => to.some((t) => target.startsWith(`${t}/`)))
        .map((target) => `${repoPath(f)} -> ${target}`),
    );
}

describe('conformance/: three kits on one core', () => {
  it('core/ imports no kit (store/, protocol/, client/)', () => {
    assert.deepEqual(crossings('conformance/core', ['conformance/store', 'conformance/protocol', 'conformance/client']), []);
  });

  it('the kits do not import each other: what they share is in core/', () => {
    assert.deepEqual(crossings('conformance/client', ['conformance/protocol', 'conformance/store']), []);
    assert.deepEqual(crossings('conformance/protocol', ['conformance/client', 'conformance/store']), []);
    assert.deepEqual(crossings('conformance/store', ['conformance/client', 'conformance/protocol']), []);
  });

  it(`the requestor kit reaches the reference server only through ${CLIENT_SEAM}`, () => {
    assert.deepEqual(
      crossings('conformance/client', ['reference-server'], (f) => f === CLIENT_SEAM),
      [],
    );
    assert.ok(
      importsOf(join(ROOT, CLIENT_SEAM)).some((t) => t.startsWith('reference-server/')),
      `${CLIENT_SEAM} no longer imports the reference server: update this test and ARCHITECTURE.md`,
    );
    assert.deepEqual(crossings('conformance/core', ['reference-server']), []);
  });

  it('one isObject and one Json type, in core/json.ts', () => {
    const defining = files.filter((f) => /\b(const|function)\s+isObject\b|\btype\s+Json\s*=/.test(readFileSync(f, 'utf8'))).map(repoPath);
    assert.deepEqual(defining, ['conformance/core/json.ts']);
  });

  it('every file of protocol/checks/ is named after an area of the check model (or is the registry)', () => {
    const dir = join(KIT, 'protocol/checks');
    const areas = new Set<string>(AREAS);
    const misnamed = readdirSync(dir, { withFileTypes: true })
      .map((e) => (e.isDirectory() ? e.name : e.name.replace(/\.ts$/, '')))
      .filter((name) => name !== 'index' && !areas.has(name));
    assert.deepEqual(misnamed, [], `areas: ${[...areas].join(', ')}`);
  });
});
