/** src/security.ts: documented defaults, validation naming the setting, effectiveTtl (R34, R35, A4). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_SECURITY_CONFIG, effectiveTtl, resolveSecurityConfig, type SecurityConfig } from '../../src/security.js';

/** A bad setting is INVALID_OPTIONS (found at startup); a bad request value INVALID_ARGUMENT. */
function refused(action: () => unknown, setting: string, code = 'INVALID_OPTIONS'): void {
  assert.throws(action, (err: Error & { code?: string }) => {
    assert.equal(err.code, code);
    assert.ok(err.message.includes(setting), `message "${err.message}" does not name ${setting}`);
    return true;
  });
}

describe('security config', () => {
  it('R38 the defaults are the documented ones', () => {
    assert.deepEqual(
      { ...DEFAULT_SECURITY_CONFIG },
      {
        maxActiveTasksPerOwner: 100,
        maxStoredTasksPerOwner: 1_000,
        maxStoredBytesPerOwner: 67_108_864,
        defaultTtlMs: 3_600_000,
        maxTtlMs: 86_400_000,
        allowAnonymous: false,
        maxVariablesBytes: 65_536,
        maxResultBytes: 1_048_576,
        maxRequestBytes: 262_144,
        pollIntervalMs: 1000,
        defaultPageSize: 50,
        maxPageSize: 500,
        cursorTtlMs: 86_400_000,
      },
    );
    assert.ok(Object.isFrozen(DEFAULT_SECURITY_CONFIG));
  });

  it('resolveSecurityConfig fills defaults, applies overrides, ignores undefined and freezes', () => {
    const config = resolveSecurityConfig({ maxActiveTasksPerOwner: 3, allowAnonymous: true, maxPageSize: undefined });
    assert.equal(config.maxActiveTasksPerOwner, 3);
    assert.equal(config.allowAnonymous, true);
    assert.equal(config.maxPageSize, 500);
    assert.ok(Object.isFrozen(config));
    assert.deepEqual(resolveSecurityConfig(), DEFAULT_SECURITY_CONFIG);
  });

  const positive = [
    'maxActiveTasksPerOwner',
    'maxVariablesBytes',
    'maxResultBytes',
    'maxRequestBytes',
    'pollIntervalMs',
    'defaultPageSize',
    'maxPageSize',
    'cursorTtlMs',
  ] as const;
  for (const key of positive) {
    it(`security.${key} must be a positive integer; the error names it`, () => {
      for (const bad of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '10', null]) {
        refused(() => resolveSecurityConfig({ [key]: bad } as unknown as Partial<SecurityConfig>), `security.${key}`);
      }
    });
  }

  for (const key of ['defaultTtlMs', 'maxTtlMs'] as const) {
    it(`security.${key} must be a positive integer or null; the error names it`, () => {
      for (const bad of [0, -5, 2.5, '60000']) {
        refused(
          () => resolveSecurityConfig({ defaultTtlMs: null, maxTtlMs: null, [key]: bad } as unknown as Partial<SecurityConfig>),
          `security.${key}`,
        );
      }
    });
  }

  it('null TTLs mean unlimited, when both are null', () => {
    const config = resolveSecurityConfig({ defaultTtlMs: null, maxTtlMs: null });
    assert.equal(config.defaultTtlMs, null);
    assert.equal(config.maxTtlMs, null);
  });

  it('cross-setting rules name the settings', () => {
    refused(() => resolveSecurityConfig({ allowAnonymous: 'yes' as unknown as boolean }), 'security.allowAnonymous');
    refused(() => resolveSecurityConfig({ defaultPageSize: 20, maxPageSize: 10 }), 'security.defaultPageSize');
    refused(() => resolveSecurityConfig({ defaultTtlMs: 2000, maxTtlMs: 1000 }), 'security.defaultTtlMs');
    refused(() => resolveSecurityConfig({ defaultTtlMs: null, maxTtlMs: 1000 }), 'security.defaultTtlMs');
  });

  describe('effectiveTtl', () => {
    const config = resolveSecurityConfig({ defaultTtlMs: 60_000, maxTtlMs: 120_000 });

    it('R35 no requested ttl gives the default', () => {
      assert.equal(effectiveTtl(undefined, config), 60_000);
      assert.equal(effectiveTtl(undefined, resolveSecurityConfig({ defaultTtlMs: null, maxTtlMs: null })), null);
    });

    it('R34 a requested ttl is kept up to the maximum and clamped above it', () => {
      assert.equal(effectiveTtl(1, config), 1);
      assert.equal(effectiveTtl(120_000, config), 120_000);
      assert.equal(effectiveTtl(120_001, config), 120_000);
      assert.equal(effectiveTtl(Number.MAX_SAFE_INTEGER, config), 120_000);
      assert.equal(effectiveTtl(10 ** 12, resolveSecurityConfig({ maxTtlMs: null })), 10 ** 12);
    });

    it('A4 null, zero, negative, fractional and non-numbers are refused with INVALID_ARGUMENT', () => {
      for (const bad of [null, 0, -1, 0.5, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, '1000', true, {}]) {
        refused(() => effectiveTtl(bad, config), 'task.ttl', 'INVALID_ARGUMENT');
      }
    });
  });
});
