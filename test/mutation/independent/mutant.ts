/**
 * One planted defect on disk: a scratch folder `.mutants/<id>/` (inside the repository, so
 * node_modules resolves; git-ignored) holding what the patched program loads.
 * - a server defect (`dist/src/...`): a copy of dist/ without what a server never loads, patched;
 * - a client defect (`node_modules/<package>/...`): copies of the client programs of the
 *   requestor kit and of that one package under `<dir>/node_modules`, patched; a client program
 *   run from `<dir>` resolves the package there first, everything else from the repository.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ClientProgram, Defect } from './catalogue.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
export const SCRATCH = path.join(ROOT, '.mutants');

/** Files of dist/ a patched server never loads: not copied. */
const SKIP_TOP = new Set(['test', 'bench', 'examples', '.tsbuildinfo']);

/** The client programs, relative to the repository root (what each requestor-kit run starts). */
const PROGRAMS: Record<ClientProgram, string> = {
  sdk: 'dist/test/interop/clients/sdk-client.js',
  'ext-tasks': 'dist/test/interop/clients/ext-tasks-client.js',
  'sdk-receiver': 'dist/test/conformance/client/sdk-receiver-client.js',
};
/** What the programs import from the build besides themselves. */
const PROGRAM_SUPPORT = ['dist/test/interop/clients/scenario-env.js'];

/** The scenarios a program plays (the receiver client plays only `receiver`); undefined: all. */
export const PROGRAM_SCENARIOS: Record<ClientProgram, string[] | undefined> = {
  sdk: undefined,
  'ext-tasks': undefined,
  'sdk-receiver': ['receiver'],
};

function occurrences(text: string, find: string): number {
  let count = 0;
  for (let at = text.indexOf(find); at !== -1; at = text.indexOf(find, at + find.length)) count++;
  return count;
}

/** Why the defect no longer applies to today's code, or undefined when it does. */
export function staleReason(defect: Defect): string | undefined {
  if (defect.file.startsWith('node_modules/') !== (defect.client !== undefined))
    return 'a client defect patches node_modules/, a server defect dist/';
  const file = path.join(ROOT, defect.file);
  if (!existsSync(file)) return `${defect.file} does not exist`;
  const n = occurrences(readFileSync(file, 'utf8'), defect.find);
  return n === 1 ? undefined : `find occurs ${n} times in ${defect.file}`;
}

/** The installed package a file belongs to: `node_modules/name` or `node_modules/@scope/name`. */
function packageOf(file: string): string {
  const parts = file.split('/');
  return parts.slice(0, parts[1]!.startsWith('@') ? 3 : 2).join('/');
}

const skipped = (source: string) => source.endsWith('.map') || source.endsWith('.d.ts');

/** dist/ copied to `<dir>/dist` without what a server never loads. */
function copyDist(dir: string): void {
  const from = path.join(ROOT, 'dist');
  cpSync(from, path.join(dir, 'dist'), {
    recursive: true,
    filter: (source) => {
      const rel = path.relative(from, source);
      if (rel === '') return true;
      return !SKIP_TOP.has(rel.split(path.sep)[0]!) && !skipped(source);
    },
  });
}

/** The client programs. */
function copyPrograms(dir: string): void {
  for (const file of [...Object.values(PROGRAMS), ...PROGRAM_SUPPORT]) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    cpSync(path.join(ROOT, file), path.join(dir, file));
  }
}

/** The package of the defect's file (its CommonJS build left out: the programs import ESM). */
function copyPackage(dir: string, defect: Defect): void {
  const pkg = packageOf(defect.file);
  const from = path.join(ROOT, pkg);
  cpSync(from, path.join(dir, pkg), {
    recursive: true,
    filter: (source) => !skipped(source) && !path.relative(from, source).startsWith(path.join('dist', 'cjs')),
  });
}

/**
 * A fresh `<dir>` with what the defect's program loads: the server's dist/ or the client programs
 * with their package; patched with the defect's replacement when one is given.
 */
export function prepare(dir: string, defect: Defect | undefined, kind: 'server' | 'client'): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  if (kind === 'server') copyDist(dir);
  else copyPrograms(dir);
  if (!defect) return;
  if (kind === 'client') copyPackage(dir, defect);
  const file = path.join(dir, defect.file);
  writeFileSync(
    file,
    readFileSync(file, 'utf8').replace(defect.find, () => defect.replace),
  );
}

/** The shell command running `program` from `dir` (the requestor kit's --command). */
export function clientCommand(dir: string, program: ClientProgram): string {
  return `${JSON.stringify(process.execPath)} ${JSON.stringify(path.join(dir, PROGRAMS[program]))}`;
}
