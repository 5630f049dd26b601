/**
 * Owners: the authorization context a task is bound to (R76, R77). Stores see an owner as an
 * opaque, non-empty string; this module is the one rule that derives it from an SDK request.
 */
import { createHash } from 'node:crypto';

export type Owner = string;

/** The owner of requests that carry neither authentication nor a session. */
export const ANONYMOUS_OWNER: Owner = 'anonymous';

/** The parts of the SDK's `RequestHandlerExtra` that identify a requestor. */
export interface OwnerSource {
  authInfo?: { token: string; clientId?: string; extra?: Record<string, unknown> } | undefined;
  sessionId?: string | undefined;
}

export interface ResolveOwnerOptions {
  /** Derive the identity from verified auth info yourself (e.g. an OAuth subject in `extra`). */
  fromAuth?: (authInfo: NonNullable<OwnerSource['authInfo']>) => string | undefined;
}

/**
 * Resolve the owner of a request, first match wins:
 * 1. `authInfo` (a verified bearer token): `auth:<fromAuth(authInfo)>`, else `auth:<clientId>`,
 *    else `auth:sha256:<hash of the token>` (the token itself is never stored);
 * 2. the transport session id: `session:<id>` (tasks then live as long as the session's identity);
 * 3. `anonymous`, which stores refuse unless `security.allowAnonymous` is set.
 */
export function resolveOwner(source: OwnerSource | undefined, options: ResolveOwnerOptions = {}): Owner {
  const auth = source?.authInfo;
  if (auth) {
    const custom = options.fromAuth?.(auth);
    if (custom) return `auth:${custom}`;
    if (auth.clientId) return `auth:${auth.clientId}`;
    if (auth.token) return `auth:sha256:${createHash('sha256').update(auth.token).digest('base64url')}`;
  }
  if (source?.sessionId) return `session:${source.sessionId}`;
  return ANONYMOUS_OWNER;
}
