/**
 * Make packages look uninstalled to a child process: a module for `node --import` that registers
 * a resolve hook failing for the given names exactly as Node does for a missing package
 * (ERR_MODULE_NOT_FOUND), so optional peers can be "absent" without uninstalling them.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The URL to pass to `--import`. */
export function hidingHook(names: readonly string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'mcp-tasks-hide-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(
    join(dir, 'hooks.mjs'),
    `const hidden = new Set(${JSON.stringify(names)});
export async function resolve(specifier, context, next) {
  if (hidden.has(specifier)) {
    const error = new Error(\`Cannot find package '\${specifier}' imported from \${context.parentURL}\`);
    error.code = 'ERR_MODULE_NOT_FOUND';
    throw error;
  }
  return next(specifier, context);
}
`,
  );
  writeFileSync(join(dir, 'register.mjs'), `import { register } from 'node:module';\nregister('./hooks.mjs', import.meta.url);\n`);
  return pathToFileURL(join(dir, 'register.mjs')).href;
}
