#!/usr/bin/env node
// Obtain the pinned upstream MCP schema (schema/pin.json), verify its sha256 and write it to
// schema/upstream/schema.json (git-ignored). No dependencies; Node >= 20.
// Also verify the committed 2026-07-28 schema (schema/2026-07-28/spec.schema.json) against its pin
// (schema/2026-07-28/pin.json): it is small enough to commit, so it needs no download.
//
// Source, first that exists:
//   1. $MCP_SCHEMA_FILE
//   2. schema/2025-11-25/schema.json, the committed copy (so CI and offline machines need no network)
//   3. ../shared/spec/2025-11-25/schema.json (relative to the repo root)
//   4. download of pin.url (global fetch)
// Whatever the source, its sha256 must be the pin's.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pinPath = path.join(repoRoot, 'schema', 'pin.json');
const outPath = path.join(repoRoot, 'schema', 'upstream', 'schema.json');
const committedPath = path.join(repoRoot, 'schema', '2025-11-25', 'schema.json');
const sharedPath = path.resolve(repoRoot, '..', 'shared', 'spec', '2025-11-25', 'schema.json');

function fail(message) {
  console.error(`sync-schema: ERROR: ${message}`);
  process.exit(1);
}

const sha256 = (buf) => createHash('sha256').update(buf).digest('hex');

async function readPin() {
  let pin;
  try {
    pin = JSON.parse(await readFile(pinPath, 'utf8'));
  } catch (err) {
    fail(`cannot read ${path.relative(repoRoot, pinPath)}: ${err.message}`);
  }
  for (const key of ['repository', 'path', 'commit', 'sha256', 'url']) {
    if (typeof pin[key] !== 'string' || pin[key] === '') fail(`schema/pin.json: missing string field "${key}"`);
  }
  if (!/^[0-9a-f]{64}$/.test(pin.sha256)) fail('schema/pin.json: "sha256" must be 64 lowercase hex digits');
  return pin;
}

async function obtain(pin) {
  const envFile = process.env.MCP_SCHEMA_FILE;
  if (envFile) {
    const file = path.resolve(envFile);
    try {
      return { bytes: await readFile(file), from: file };
    } catch (err) {
      fail(`MCP_SCHEMA_FILE=${envFile} cannot be read: ${err.message}`);
    }
  }
  if (existsSync(committedPath)) {
    return { bytes: await readFile(committedPath), from: committedPath };
  }
  if (existsSync(sharedPath)) {
    return { bytes: await readFile(sharedPath), from: sharedPath };
  }
  if (typeof fetch !== 'function') fail('no local schema file found and global fetch is unavailable (need Node >= 20)');
  let res;
  try {
    res = await fetch(pin.url, { signal: AbortSignal.timeout(60_000) });
  } catch (err) {
    const cause = err.cause?.message ? ` (${err.cause.message})` : '';
    fail(`download of ${pin.url} failed: ${err.message}${cause}. Set MCP_SCHEMA_FILE to a local copy to work offline.`);
  }
  if (!res.ok) fail(`download of ${pin.url} failed: HTTP ${res.status} ${res.statusText}`);
  return { bytes: Buffer.from(await res.arrayBuffer()), from: pin.url };
}

/** The 2026-07-28 core schema is committed: only check that it still is the pinned file. */
async function verify2026() {
  const pin2026Path = path.join(repoRoot, 'schema', '2026-07-28', 'pin.json');
  const pin = JSON.parse(await readFile(pin2026Path, 'utf8'));
  const file = path.join(repoRoot, pin.local);
  const actual = sha256(await readFile(file).catch(() => fail(`${pin.local} not found (it is committed; restore it)`)));
  if (actual !== pin.sha256) {
    fail(
      `${pin.local} has sha256 ${actual}, but schema/2026-07-28/pin.json pins ${pin.sha256} (${pin.repository}@${pin.commit}:${pin.path})`,
    );
  }
  console.log(`sync-schema: ${pin.local} matches its pin (sha256 ${actual})`);
}

async function main() {
  await verify2026();
  const pin = await readPin();

  if (existsSync(outPath) && sha256(await readFile(outPath)) === pin.sha256) {
    console.log(`sync-schema: ${path.relative(repoRoot, outPath)} is up to date (sha256 ${pin.sha256})`);
    return;
  }

  const { bytes, from } = await obtain(pin);
  const actual = sha256(bytes);
  if (actual !== pin.sha256) {
    fail(
      `sha256 mismatch for ${from}\n` +
        `  expected ${pin.sha256} (${pin.repository}@${pin.commit}:${pin.path}, from schema/pin.json)\n` +
        `  actual   ${actual}\n` +
        'The file is not the pinned upstream schema. Use the right file, or update schema/pin.json deliberately.',
    );
  }
  try {
    JSON.parse(bytes.toString('utf8'));
  } catch (err) {
    fail(`${from} is not valid JSON: ${err.message}`);
  }

  await mkdir(path.dirname(outPath), { recursive: true });
  const tmp = `${outPath}.${process.pid}.tmp`;
  await writeFile(tmp, bytes);
  await rename(tmp, outPath);
  console.log(`sync-schema: wrote ${path.relative(repoRoot, outPath)} from ${from} (sha256 ${actual})`);
}

main().catch((err) => fail(err?.stack ?? String(err)));
