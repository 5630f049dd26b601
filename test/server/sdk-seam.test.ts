/**
 * The SDK seam: only src/server/v2025/sdk-internals.ts may import a path of @modelcontextprotocol/sdk that
 * is not a documented export, and the peer range is the one its guards support.
 *
 * Documented = every named entry of the SDK's package.json "exports" (read below; its "./*"
 * catch-all exposes every file and says nothing about which are public), plus the modules the
 * SDK's docs (README, docs/server.md, docs/client.md, docs/protocol.md, docs/capabilities.md of
 * the v1.x branch) and the examples they point to tell users to import, each with its reason.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SDK = '@modelcontextprotocol/sdk';
const SEAM = 'src/server/v2025/sdk-internals.ts';
const SCANNED = ['src', 'conformance', 'reference-server', 'examples'];

/** Modules reached through the "./*" catch-all that the SDK documents, and where. */
const DOCUMENTED_FILES: Readonly<Record<string, string>> = {
  'types.js': 'request/result schemas, McpError, ErrorCode: imported in docs/server.md and docs/client.md',
  'server/mcp.js': 'McpServer: "for most use cases you will use McpServer from sdk/server/mcp.js" (docs/server.md)',
  'server/index.js': 'the low-level Server (docs/protocol.md); also the "./server" entry of package.json',
  'server/stdio.js': 'StdioServerTransport: imported in docs/server.md',
  'server/streamableHttp.js': 'StreamableHTTPServerTransport, the recommended transport (docs/server.md and its examples)',
  'server/webStandardStreamableHttp.js':
    "WebStandardStreamableHTTPServerTransport, the web-standard core the Node transport wraps; the SDK's own example dist/esm/examples/server/honoWebStandardStreamableHttp.js serves with it (Node, Workers, Deno, Bun)",
  'server/auth/types.js': 'AuthInfo, the declared type of extra.authInfo; imported by the examples docs/server.md points to',
  'client/index.js': 'Client: imported in docs/client.md; also the "./client" entry of package.json',
  'client/stdio.js': 'StdioClientTransport: imported in docs/client.md',
  'client/streamableHttp.js': 'StreamableHTTPClientTransport: docs/client.md and its examples',
  'inMemory.js': 'InMemoryTransport.createLinkedPair(): a module of the v1 API reference, for in-process client/server pairs',
  'shared/transport.js': 'Transport, the interface every transport implements (v1 API reference)',
};

/** Named (non-wildcard) entries of the SDK's package.json "exports", as import specifiers. */
function namedExports(): string[] {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'node_modules', SDK, 'package.json'), 'utf8')) as { exports: Record<string, unknown> };
  return Object.keys(pkg.exports)
    .filter((key) => !key.includes('*') && key !== './package.json')
    .map((key) => (key === '.' ? SDK : `${SDK}/${key.slice(2)}`));
}

const DOCUMENTED = new Set([...namedExports(), ...Object.keys(DOCUMENTED_FILES).map((file) => `${SDK}/${file}`)]);

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
    return /\.(ts|mts|js|mjs)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Every SDK module specifier in a file: static and dynamic imports, re-exports, require. */
function sdkSpecifiers(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  return [...text.matchAll(/['"`](@modelcontextprotocol\/sdk(?:\/[^'"`\s]*)?)['"`]/g)].map((m) => m[1]!);
}

/** `file: specifier` for each import of an undocumented SDK path. */
function undocumentedImports(files: string[]): string[] {
  return files.flatMap((file) =>
    sdkSpecifiers(file)
      .filter((s) => !DOCUMENTED.has(s))
      .map((s) => `${file}: ${s}`),
  );
}

describe('the SDK seam', () => {
  const files = SCANNED.flatMap(sourceFiles);

  it('no file but src/server/v2025/sdk-internals.ts imports an undocumented SDK path', () => {
    assert.ok(files.length > 50, `scanned ${files.length} files`);
    assert.deepEqual(undocumentedImports(files.filter((file) => file !== SEAM)), []);
  });

  it('the scan bites: it finds the undocumented imports of sdk-internals.ts (and nothing else there)', () => {
    assert.ok(files.includes(SEAM));
    assert.deepEqual(undocumentedImports([SEAM]), [`${SEAM}: ${SDK}/server/zod-compat.js`]);
  });

  it('every documented module exists in the installed SDK', () => {
    for (const file of Object.keys(DOCUMENTED_FILES)) {
      assert.ok(readdirSync(join(ROOT, 'node_modules', SDK, 'dist/esm', file, '..')).includes(file.split('/').pop()!), file);
    }
    assert.ok(DOCUMENTED.has(`${SDK}/experimental/tasks`), 'package.json names ./experimental/tasks');
  });

  it('the peer range is ~1.32, what the guards support, and the installed SDK is in it', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { peerDependencies: Record<string, string> };
    assert.equal(pkg.peerDependencies[SDK], '~1.32');
    const sdk = JSON.parse(readFileSync(join(ROOT, 'node_modules', SDK, 'package.json'), 'utf8')) as { version: string };
    assert.match(sdk.version, /^1\.32\.\d+$/);
    assert.match(readFileSync(join(ROOT, SEAM), 'utf8'), /~1\.32/, 'sdk-internals.ts names the range it supports');
  });
});
