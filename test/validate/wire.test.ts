import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatIssues, validate } from '../../src/validate/index.js';
import { WIRE_CASES } from './fixtures.js';

const roundTrip = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

function assertOk(name: Parameters<typeof validate>[0], value: unknown): void {
  const r = validate(name, value);
  assert.ok(r.ok, r.ok ? '' : `expected valid "${name}":\n${formatIssues(r.errors)}`);
  assert.equal(r.value, value, 'validate returns the same value, unmodified');
}

describe('validate: digest 1.5 wire examples', () => {
  for (const c of WIRE_CASES) {
    it(`${c.title} validates as "${c.envelope}" and as JSONRPCMessage`, () => {
      const before = JSON.stringify(c.message);
      assertOk(c.envelope, c.message);
      assertOk('JSONRPCMessage', c.message);
      assert.equal(JSON.stringify(c.message), before, 'validation does not mutate the payload');
    });

    for (const name of c.result ?? []) {
      it(`${c.title}: result validates as "${name}"`, () => {
        assertOk('JSONRPCResultResponse', c.message);
        assertOk(name, (c.message as { result: unknown }).result);
      });
    }

    it(`${c.title} round-trips through JSON unchanged and still validates`, () => {
      const copy = roundTrip(c.message);
      assert.deepEqual(copy, c.message);
      assertOk(c.envelope, copy);
      for (const name of c.result ?? []) assertOk(name, (copy as { result: unknown }).result);
    });
  }

  it('error examples carry the JSON-RPC codes of R71/R72 (-32602, -32600)', () => {
    const codes = WIRE_CASES.filter((c) => c.envelope === 'JSONRPCErrorResponse').map(
      (c) => (c.message as { error: { code: number } }).error.code,
    );
    assert.deepEqual(codes, [-32600, -32602, -32602, -32602]);
  });

  it('error responses are not success responses and vice versa', () => {
    for (const c of WIRE_CASES) {
      if (c.envelope === 'JSONRPCErrorResponse') assert.equal(validate('JSONRPCResultResponse', c.message).ok, false);
      if (c.result) assert.equal(validate('JSONRPCErrorResponse', c.message).ok, false);
    }
  });
});
