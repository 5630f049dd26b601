/**
 * Opaque, owner-bound list cursors (R62, R64).
 *
 * Format: `<payload>.<mac>`, both base64url. The payload is JSON `[position, issuedAt]` where
 * `position` is the store's own resume point; the mac is HMAC-SHA256 over the owner and the
 * payload with the store's secret, cut to 128 bits. A cursor shown to another owner, edited, or
 * older than `cursorTtlMs` is refused with INVALID_CURSOR. Stores that share data across
 * processes (DynamoDB) must share the secret too, so any instance can continue any page.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Clock } from './clock.js';
import { InvalidCursorError } from './errors/index.js';
import type { Owner } from './owner.js';

const MAX_CURSOR_LENGTH = 4096;
const MAC_BYTES = 16;

/** How far a cursor's issue time may lie ahead of this clock (processes sharing a store drift). */
const MAX_CLOCK_SKEW_MS = 60_000;
/** Longest backend position a cursor may carry (a DynamoDB list key is far shorter). */
const MAX_POSITION_LENGTH = 1024;

export class CursorCodec {
  readonly #secret: Buffer;
  constructor(
    secret: string | Uint8Array | undefined,
    private readonly clock: Clock,
    private readonly ttlMs: number,
  ) {
    this.#secret = secret === undefined ? randomBytes(32) : Buffer.from(secret);
  }

  encode(owner: Owner, position: string): string {
    const payload = Buffer.from(JSON.stringify([position, this.clock.now()])).toString('base64url');
    return `${payload}.${this.#mac(owner, payload).toString('base64url')}`;
  }

  /** The position inside a cursor this owner received, or INVALID_CURSOR. */
  decode(owner: Owner, cursor: unknown): string {
    if (typeof cursor !== 'string') throw new InvalidCursorError('cursor must be a string');
    if (cursor.length === 0 || cursor.length > MAX_CURSOR_LENGTH) throw new InvalidCursorError();
    const dot = cursor.indexOf('.');
    const payload = cursor.slice(0, dot);
    const mac = Buffer.from(cursor.slice(dot + 1), 'base64url');
    const expected = this.#mac(owner, payload);
    if (
      dot <= 0 ||
      mac.length !== expected.length ||
      !timingSafeEqual(mac, expected) ||
      mac.toString('base64url') !== cursor.slice(dot + 1)
    ) {
      throw new InvalidCursorError();
    }
    let decoded: unknown;
    try {
      decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      throw new InvalidCursorError();
    }
    if (!Array.isArray(decoded) || typeof decoded[0] !== 'string' || typeof decoded[1] !== 'number') {
      throw new InvalidCursorError();
    }
    const age = this.clock.now() - decoded[1];
    if (age > this.ttlMs) throw new InvalidCursorError('cursor has expired; list again from the start');
    // Issued in the future: forged with a known secret, or a clock far off; it would never expire.
    if (age < -MAX_CLOCK_SKEW_MS) throw new InvalidCursorError('cursor was issued in the future');
    if (decoded[0].length > MAX_POSITION_LENGTH) throw new InvalidCursorError();
    return decoded[0];
  }

  #mac(owner: Owner, payload: string): Buffer {
    return createHmac('sha256', this.#secret).update(owner).update('\0').update(payload).digest().subarray(0, MAC_BYTES);
  }
}
