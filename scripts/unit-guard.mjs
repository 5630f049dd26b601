// The unit tier's guard, preloaded (`node --import`) into every test file of the unit tier by
// scripts/run-tests.mjs. A unit test needs no server process and no network, so starting either
// is made to fail at once, naming what was started, instead of silently making the tier slow:
//   - net.Server#listen (node:http servers, dynalite, the reference server in-process),
//   - net.Socket#connect (fetch, any client of a server),
//   - child_process: spawn, fork, exec, execFile and their Sync forms.
// Each trap throws, and also marks the process failed (exit code 1, one line on stderr), so a
// test that catches the error (a runner reporting "could not connect" as a skip) still fails.
// Armed only inside the test runner's child processes (NODE_TEST_CONTEXT is set there): the
// runner itself must spawn them. test/tiers.test.ts proves each trap fires.
import childProcess from 'node:child_process';
import { syncBuiltinESMExports } from 'node:module';
import net from 'node:net';

export class UnitTierError extends Error {
  constructor(what) {
    super(
      `unit tier: this test file called ${what}. A unit test starts no server process and uses no network; ` +
        'take the file out of the UNIT list of scripts/run-tests.mjs, or test without it.',
    );
    this.name = 'UnitTierError';
  }
}

const CHILD_PROCESS = ['spawn', 'spawnSync', 'fork', 'exec', 'execSync', 'execFile', 'execFileSync'];
let armed = false;

function trap(what) {
  const error = new UnitTierError(what);
  if (process.exitCode === undefined || process.exitCode === 0) process.stderr.write(`${error.message}\n`);
  process.exitCode = 1;
  throw error;
}

/** Patch the traps in; idempotent. ESM importers see the patched child_process functions too. */
export function arm() {
  if (armed) return;
  armed = true;
  net.Server.prototype.listen = function listen() {
    trap('net.Server#listen (a server)');
  };
  net.Socket.prototype.connect = function connect() {
    trap('net.Socket#connect (the network)');
  };
  for (const name of CHILD_PROCESS) childProcess[name] = () => trap(`child_process.${name} (a child process)`);
  syncBuiltinESMExports();
}

if (process.env.NODE_TEST_CONTEXT) arm();
