/**
 * The abuse suite at short scale, in `npm test`: each attack of issue "Bounded resources" against
 * a fresh reference server; the server must stay up and hold its limit. `npm run soak` runs the
 * same attacks at full scale and prints the table for the README.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HTTP_ATTACKS } from './attacks-http.js';
import { TASK_ATTACKS } from './attacks-tasks.js';
import { runAttack } from './suite.js';

describe('abuse suite (short)', () => {
  for (const attack of [...HTTP_ATTACKS, ...TASK_ATTACKS]) {
    it(`${attack.name}: ${attack.what}`, { timeout: 120_000 }, async () => {
      const row = await runAttack(attack, 'short');
      assert.ok(row.stayedUp, `the server did not stay up: ${row.did}`);
      assert.ok(row.held, row.did);
    });
  }
});
