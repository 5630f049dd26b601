/** src/status.ts against the table of the spec digest, section 2 (R21, R22, R68). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  canTransition,
  INITIAL_STATUS,
  isActive,
  isTaskStatus,
  isTerminal,
  sourcesOf,
  TASK_STATUSES,
  type TaskStatus,
} from '../../src/status.js';

/** Digest section 2, written out independently of src/status.ts. */
const ALLOWED = new Set([
  'working>input_required',
  'working>completed',
  'working>failed',
  'working>cancelled',
  'input_required>working',
  'input_required>completed',
  'input_required>failed',
  'input_required>cancelled',
]);
const STATUSES = ['working', 'input_required', 'completed', 'failed', 'cancelled'] as const;

describe('status machine', () => {
  it('R21 the statuses are the five of the spec, in its order, and tasks begin working', () => {
    assert.deepEqual([...TASK_STATUSES], [...STATUSES]);
    assert.equal(INITIAL_STATUS, 'working');
  });

  for (const from of STATUSES) {
    for (const to of STATUSES) {
      const allowed = ALLOWED.has(`${from}>${to}`);
      it(`R22 ${from} -> ${to} is ${allowed ? 'allowed' : 'not allowed'}`, () => {
        assert.equal(canTransition(from, to), allowed);
        assert.equal(sourcesOf(to).includes(from), allowed);
      });
    }
  }

  it('R22 R68 terminal and active statuses', () => {
    assert.deepEqual(
      STATUSES.filter((s) => isTerminal(s)),
      ['completed', 'failed', 'cancelled'],
    );
    assert.deepEqual(
      STATUSES.filter((s) => isActive(s)),
      ['working', 'input_required'],
    );
  });

  it('isTaskStatus accepts exactly the five statuses', () => {
    for (const s of STATUSES) assert.ok(isTaskStatus(s));
    for (const v of ['', 'Working', 'running', 'canceled', null, undefined, 1, {}, ['working']]) assert.ok(!isTaskStatus(v));
  });

  it('sourcesOf lists sources in spec order', () => {
    assert.deepEqual(sourcesOf('working'), ['input_required']);
    assert.deepEqual(sourcesOf('input_required'), ['working']);
    for (const t of ['completed', 'failed', 'cancelled'] as const) assert.deepEqual(sourcesOf(t), ['working', 'input_required']);
  });

  it('R68 property: a random walk that takes only allowed steps never leaves a terminal status', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...STATUSES), { maxLength: 30 }), (targets) => {
        let status: TaskStatus = INITIAL_STATUS;
        let terminalAt: TaskStatus | undefined;
        for (const to of targets) {
          if (canTransition(status, to)) status = to;
          if (terminalAt !== undefined) assert.equal(status, terminalAt);
          else if (isTerminal(status)) terminalAt = status;
        }
        if (terminalAt !== undefined) for (const to of STATUSES) assert.ok(!canTransition(terminalAt, to));
      }),
      { numRuns: 300 },
    );
  });
});
