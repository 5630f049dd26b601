/** src/owner.ts: resolveOwner precedence (R76): auth > session > anonymous; tokens are hashed. */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { ANONYMOUS_OWNER, resolveOwner } from '../../src/owner.js';

const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.secret-token-value';

describe('resolveOwner', () => {
  it('R76 auth wins over the session', () => {
    assert.equal(resolveOwner({ authInfo: { token: TOKEN, clientId: 'client-1' }, sessionId: 's1' }), 'auth:client-1');
  });

  it('fromAuth picks the identity from verified auth info, before clientId', () => {
    const owner = resolveOwner(
      { authInfo: { token: TOKEN, clientId: 'client-1', extra: { sub: 'user-9' } }, sessionId: 's1' },
      { fromAuth: (a) => a.extra?.['sub'] as string | undefined },
    );
    assert.equal(owner, 'auth:user-9');
  });

  it('fromAuth returning nothing falls back to clientId, then the token hash', () => {
    assert.equal(resolveOwner({ authInfo: { token: TOKEN, clientId: 'c' } }, { fromAuth: () => undefined }), 'auth:c');
    assert.match(resolveOwner({ authInfo: { token: TOKEN } }, { fromAuth: () => '' }), /^auth:sha256:/);
  });

  it('R79 a bare token gives its SHA-256, never the token itself', () => {
    const owner = resolveOwner({ authInfo: { token: TOKEN }, sessionId: 's1' });
    assert.equal(owner, `auth:sha256:${createHash('sha256').update(TOKEN).digest('base64url')}`);
    assert.ok(!owner.includes(TOKEN) && !owner.includes('secret-token-value'));
    assert.equal(resolveOwner({ authInfo: { token: TOKEN } }), owner, 'deterministic');
    assert.notEqual(resolveOwner({ authInfo: { token: `${TOKEN}x` } }), owner);
  });

  it('without auth the session identifies the requestor', () => {
    assert.equal(resolveOwner({ sessionId: 'abc' }), 'session:abc');
    assert.equal(resolveOwner({ authInfo: undefined, sessionId: 'abc' }), 'session:abc');
  });

  it('with neither, the requestor is anonymous', () => {
    assert.equal(resolveOwner(undefined), ANONYMOUS_OWNER);
    assert.equal(resolveOwner({}), ANONYMOUS_OWNER);
    assert.equal(resolveOwner({ sessionId: '' }), ANONYMOUS_OWNER);
    assert.equal(ANONYMOUS_OWNER, 'anonymous');
  });

  it('auth, session and anonymous owners can never collide', () => {
    const owners = [resolveOwner({ authInfo: { token: 't', clientId: 'x' } }), resolveOwner({ sessionId: 'x' }), resolveOwner({})];
    assert.equal(new Set(owners).size, 3);
  });
});
