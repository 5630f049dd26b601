/** src/cursor.ts: opaque, owner-bound, tamper-proof, expiring list cursors (R62, R64). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ManualClock } from '../../src/clock.js';
import { CursorCodec } from '../../src/cursor.js';

const TTL = 60_000;
const codec = (clock = new ManualClock(), secret = 'secret') => new CursorCodec(secret, clock, TTL);
const randomCodec = () => new CursorCodec(undefined, new ManualClock(), TTL);
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function invalid(action: () => unknown): void {
  assert.throws(action, (err: { code?: string }) => err.code === 'INVALID_CURSOR');
}

describe('CursorCodec', () => {
  it('round trip: decode gives back the position, for any position string', () => {
    const c = codec();
    for (const position of ['0', '42', 'pk#abc|sk#1', '', 'ünïcödé', JSON.stringify({ a: 1 })]) {
      assert.equal(c.decode('auth:alice', c.encode('auth:alice', position)), position);
    }
  });

  it('R62 cursors are opaque: the position is not readable as plain text', () => {
    const cursor = codec().encode('auth:alice', 'position-1234');
    assert.ok(!cursor.includes('position-1234'));
    assert.ok(!cursor.includes('alice'));
  });

  it('R64 a cursor is bound to its owner', () => {
    const c = codec();
    const cursor = c.encode('auth:alice', '7');
    for (const other of ['auth:bob', 'auth:alic', 'auth:alice ', '']) invalid(() => c.decode(other, cursor));
  });

  it('R64 changing any single character of a cursor makes it invalid (all 64 substitutes at every position)', () => {
    const c = codec();
    const cursor = c.encode('auth:alice', '12');
    let tried = 0;
    for (let i = 0; i < cursor.length; i++) {
      for (const ch of `${BASE64URL}.=+/ `) {
        if (ch === cursor[i]) continue;
        const tampered = cursor.slice(0, i) + ch + cursor.slice(i + 1);
        invalid(() => c.decode('auth:alice', tampered));
        tried++;
      }
    }
    assert.ok(tried > 1000);
  });

  it('R64 appending, prepending or dropping characters makes it invalid', () => {
    const c = codec();
    const cursor = c.encode('auth:alice', '12');
    for (const t of [
      `${cursor}=`,
      `${cursor}==`,
      `${cursor}A`,
      ` ${cursor}`,
      `${cursor}\n`,
      cursor.slice(1),
      cursor.slice(0, -1),
      `${cursor}.x`,
    ]) {
      invalid(() => c.decode('auth:alice', t));
    }
  });

  it('R64 a cursor of another secret is invalid; the same secret in another codec accepts it', () => {
    const cursor = codec(new ManualClock(), 'one').encode('auth:alice', '3');
    invalid(() => codec(new ManualClock(), 'two').decode('auth:alice', cursor));
    invalid(() => randomCodec().decode('auth:alice', cursor));
    assert.equal(codec(new ManualClock(), 'one').decode('auth:alice', cursor), '3');
  });

  it('without a secret each codec has its own random one', () => {
    const a = randomCodec();
    const b = randomCodec();
    assert.equal(a.decode('auth:alice', a.encode('auth:alice', '1')), '1');
    invalid(() => b.decode('auth:alice', a.encode('auth:alice', '1')));
  });

  it('R64 a cursor expires after cursorTtlMs (valid at exactly the TTL, invalid 1 ms later)', () => {
    const clock = new ManualClock();
    const c = codec(clock);
    const cursor = c.encode('auth:alice', '9');
    clock.advance(TTL);
    assert.equal(c.decode('auth:alice', cursor), '9');
    clock.advance(1);
    invalid(() => c.decode('auth:alice', cursor));
  });

  it('R64 a cursor issued more than a minute in the future (forged, or a clock far off) is invalid: it would never expire', () => {
    const issuer = new ManualClock(Date.UTC(2026, 0, 1) + 61_000);
    const reader = new ManualClock(Date.UTC(2026, 0, 1));
    const future = codec(issuer).encode('auth:alice', '5');
    invalid(() => codec(reader).decode('auth:alice', future));
    const nearFuture = codec(new ManualClock(Date.UTC(2026, 0, 1) + 59_000)).encode('auth:alice', '5');
    assert.equal(codec(reader).decode('auth:alice', nearFuture), '5', 'a small clock skew between instances is fine');
  });

  it('R64 a signed cursor with an absurdly long position is INVALID_CURSOR, not a store error', () => {
    const c = codec();
    invalid(() => c.decode('auth:alice', c.encode('auth:alice', 'x'.repeat(3000))));
  });

  it('R64 garbage and non-strings are INVALID_CURSOR', () => {
    const c = codec();
    for (const bad of ['', '.', 'abc', 'abc.', '.abc', 'a.b.c', 'x'.repeat(5000), 42, null, undefined, {}, ['a.b']]) {
      invalid(() => c.decode('auth:alice', bad));
    }
  });
});
