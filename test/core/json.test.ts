import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { adoptJson, detachJson, jsonByteLength } from '../../src/json.js';

const jsonText = (v: unknown) => JSON.stringify(v) ?? '';

describe('json: adoptJson / detachJson (the size every limit uses)', () => {
  it('sizes and copies any JSON value exactly like JSON.stringify (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const expectedText = jsonText(value);
        const detached = detachJson(value);
        assert.equal(detached.size, Buffer.byteLength(expectedText));
        assert.equal(jsonText(detached.copy), expectedText);
        const adopted = adoptJson(structuredClone(value));
        assert.equal(adopted.size, Buffer.byteLength(expectedText));
        assert.equal(jsonText(adopted.copy), expectedText);
      }),
      { numRuns: 300 },
    );
  });

  it('follows JSON semantics for non-JSON members (property over arbitrary objects)', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.oneof(fc.anything(), fc.constant(undefined), fc.double())), (value) => {
        let expected: string;
        try {
          expected = jsonText(value);
        } catch {
          return; // BigInt and friends: JSON.stringify throws, and so may we
        }
        const { copy, size } = adoptJson(value);
        assert.equal(jsonText(copy), expected);
        assert.equal(size, Buffer.byteLength(expected));
      }),
      { numRuns: 300 },
    );
  });

  it('adopts plain JSON in place (deep-frozen, same object) and copies anything else', () => {
    const plain = { a: [1, { b: 'c' }] };
    const adopted = adoptJson(plain);
    assert.equal(adopted.copy, plain);
    assert.ok(Object.isFrozen(plain) && Object.isFrozen(plain.a) && Object.isFrozen(plain.a[1]));
    const withDate = { when: new Date(0), gone: undefined, n: NaN };
    const copied = adoptJson(withDate);
    assert.notEqual(copied.copy, withDate);
    assert.deepEqual(copied.copy, { when: '1970-01-01T00:00:00.000Z', n: null });
    assert.ok(!Object.isFrozen(withDate));
    assert.ok(Object.isFrozen(copied.copy));
  });

  it('counts non-ASCII, escapes and long strings in UTF-8 bytes', () => {
    for (const s of ['héllo', '☃😀', 'quote " and \\ backslash', 'line\nbreak\u0001', 'x'.repeat(2000), 'ü'.repeat(600)]) {
      assert.equal(detachJson({ s }).size, jsonByteLength({ s }), s.slice(0, 20));
    }
  });

  it('refuses values JSON cannot represent and absurd nesting', () => {
    assert.throws(() => detachJson({ n: 10n }), TypeError);
    let deep: unknown = 1;
    for (let i = 0; i < 300; i++) deep = [deep];
    assert.throws(() => detachJson(deep), /nested deeper/);
    assert.throws(() => adoptJson(deep), /nested deeper/);
  });
});
