/**
 * Bearer tokens -> owners. A request authenticated by a token is owned by `auth:<owner name>`
 * (resolveOwner, R76) on both wires and in every session; requests of two names never see each
 * other's tasks (R77). A static table (`tokenTable`), or any `TokenOwners` (e.g. one that
 * verifies a JWT and returns its subject). A token may also be an operator's: the task monitor
 * (`observe.dashboard`) shows it every owner's tasks; on the MCP endpoint it is an owner like any
 * other.
 */
import { createHash } from 'node:crypto';
import { InvalidArgumentError } from '../errors/index.js';

/** Who a presented bearer token belongs to: an owner name, or undefined for a token not accepted. */
export interface TokenOwners {
  ownerOf(token: string): string | undefined | Promise<string | undefined>;
  /** True for an operator's token: the task monitor shows it every owner's tasks. Absent: nobody is. */
  isOperator?(token: string): boolean | Promise<boolean>;
}

/** A static table of tokens (`tokenTable`). */
export interface TokenTable extends TokenOwners {
  /** Number of tokens. */
  readonly size: number;
  ownerOf(token: string): string | undefined;
  isOperator(token: string): boolean;
}

/** Visible ASCII without spaces (RFC 6750 b64token is stricter; this keeps header parsing simple). */
const TOKEN_PATTERN = /^[\x21-\x7e]+$/;
const MAX_NAME_LENGTH = 200;

/**
 * A table from `{ token: ownerName }`, where an entry may also be `{ owner, operator: true }`
 * (an operator of the task monitor); INVALID_ARGUMENT naming the problem (`source` names where
 * the map came from). Lookups go by the token's SHA-256, so their timing reveals nothing of the
 * tokens.
 *
 * @example
 * ```ts
 * const tokens = tokenTable({ 'token-a': 'alice', 'token-b': 'bob', 'token-o': { owner: 'ops', operator: true } });
 * tokens.ownerOf('token-a'); // 'alice'
 * tokens.isOperator('token-o'); // true
 * ```
 */
export function tokenTable(map: unknown, source = 'tokens'): TokenTable {
  if (typeof map !== 'object' || map === null || Array.isArray(map)) {
    throw new InvalidArgumentError(
      `${source}: expected a JSON object mapping bearer tokens to owner names, e.g. {"token-a":"alice","token-b":"bob","token-o":{"owner":"ops","operator":true}}`,
    );
  }
  const entries = Object.entries(map as Record<string, unknown>);
  if (entries.length === 0) throw new InvalidArgumentError(`${source}: the object has no tokens`);
  const byDigest = new Map<string, { owner: string; operator: boolean }>();
  for (const [token, entry] of entries) {
    if (!TOKEN_PATTERN.test(token)) throw new InvalidArgumentError(`${source}: a token must be non-empty visible ASCII without spaces`);
    const { owner, operator } =
      typeof entry === 'object' && entry !== null && !Array.isArray(entry)
        ? (entry as { owner?: unknown; operator?: unknown })
        : { owner: entry, operator: false };
    if (typeof owner !== 'string' || owner.trim() === '' || owner.length > MAX_NAME_LENGTH) {
      throw new InvalidArgumentError(
        `${source}: the owner name of each token must be a non-empty string of at most ${MAX_NAME_LENGTH} characters`,
      );
    }
    if (operator !== undefined && typeof operator !== 'boolean')
      throw new InvalidArgumentError(`${source}: "operator" must be true or false`);
    byDigest.set(sha256(token), { owner, operator: operator === true });
  }
  return {
    size: byDigest.size,
    ownerOf: (token) => byDigest.get(sha256(token))?.owner,
    isOperator: (token) => byDigest.get(sha256(token))?.operator === true,
  };
}

/**
 * The token of an `Authorization: Bearer <token>` header, or undefined if absent or malformed.
 *
 * @example
 * ```ts
 * bearerToken('Bearer token-a'); // 'token-a'
 * ```
 */
export function bearerToken(header: string | null | undefined): string | undefined {
  const match = header?.match(/^Bearer[ ]+(\S+)[ ]*$/i);
  return match?.[1];
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
