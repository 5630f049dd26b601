/**
 * Static bearer tokens (`--tokens FILE`): a JSON object mapping each token to an owner name, or
 * to `{ "owner": NAME, "operator": true }` for an operator of the task monitor (`--dashboard`),
 * who sees every owner's tasks there. A request authenticated by a token is owned by
 * `auth:<owner name>` (resolveOwner, R76), in every session; requests of two names never see each
 * other's tasks (R77), and on the MCP endpoint an operator's token is an owner like any other.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { CliError } from './args.js';

export interface TokenTable {
  /** Number of tokens. */
  readonly size: number;
  /** The owner name for a presented token, or undefined. */
  ownerOf(token: string): string | undefined;
  /** True when the token is an operator's (the task monitor shows it every owner's tasks). */
  isOperator(token: string): boolean;
}

/** Visible ASCII without spaces (RFC 6750 b64token is stricter; this keeps header parsing simple). */
const TOKEN_PATTERN = /^[\x21-\x7e]+$/;
const MAX_NAME_LENGTH = 200;

/** Build a table from `{ token: ownerName }`; throws CliError naming the problem. */
export function tokenTable(map: unknown, source = '--tokens'): TokenTable {
  if (typeof map !== 'object' || map === null || Array.isArray(map)) {
    throw new CliError(`${source}: expected a JSON object mapping bearer tokens to owner names, e.g. {"token-a":"alice","token-b":"bob","token-o":{"owner":"ops","operator":true}}`);
  }
  const entries = Object.entries(map as Record<string, unknown>);
  if (entries.length === 0) throw new CliError(`${source}: the object has no tokens`);
  // Keyed by the SHA-256 of the token: lookup timing reveals nothing about the tokens themselves.
  const byDigest = new Map<string, { owner: string; operator: boolean }>();
  for (const [token, entry] of entries) {
    if (!TOKEN_PATTERN.test(token)) throw new CliError(`${source}: a token must be non-empty visible ASCII without spaces`);
    const { owner, operator } = typeof entry === 'object' && entry !== null && !Array.isArray(entry) ? (entry as { owner?: unknown; operator?: unknown }) : { owner: entry, operator: false };
    if (typeof owner !== 'string' || owner.trim() === '' || owner.length > MAX_NAME_LENGTH) {
      throw new CliError(`${source}: the owner name of each token must be a non-empty string of at most ${MAX_NAME_LENGTH} characters`);
    }
    if (operator !== undefined && typeof operator !== 'boolean') throw new CliError(`${source}: "operator" must be true or false`);
    byDigest.set(sha256(token), { owner, operator: operator === true });
  }
  return {
    size: byDigest.size,
    ownerOf: (token) => byDigest.get(sha256(token))?.owner,
    isOperator: (token) => byDigest.get(sha256(token))?.operator === true,
  };
}

/** Read and check a tokens file; throws CliError naming the flag and the file. */
export function loadTokens(file: string): TokenTable {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(`--tokens: cannot read ${JSON.stringify(file)}${code ? ` (${code})` : ''}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new CliError(`--tokens: ${JSON.stringify(file)} is not valid JSON`);
  }
  return tokenTable(json, `--tokens ${JSON.stringify(file)}`);
}

/** The token of an `Authorization: Bearer <token>` header, or undefined if absent or malformed. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = header?.match(/^Bearer[ ]+(\S+)[ ]*$/i);
  return match?.[1];
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
