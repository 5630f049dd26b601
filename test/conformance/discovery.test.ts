/**
 * Discovery's pure parts: arguments synthesized from an inputSchema are valid for it (ajv),
 * durations are small (or ~2 s for the long variant) within bounds, roles follow observed
 * behaviour rather than names, and the operator's configuration is parsed strictly.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { ConfigError, parseConfig, parseToolRole } from '../../conformance/protocol/discovery/config.js';
import type { Probe } from '../../conformance/protocol/discovery/probe.js';
import { assign, roleSkipReason, type Discovery, type RoleTool } from '../../conformance/protocol/discovery/roles.js';
import { synthesizeArguments } from '../../conformance/protocol/discovery/synthesize.js';

const SCHEMAS: Record<string, object> = {
  formats: {
    type: 'object',
    properties: {
      site: { type: 'string', format: 'uri' },
      mail: { type: 'string', format: 'email' },
      at: { type: 'string', format: 'date-time' },
      day: { type: 'string', format: 'date' },
      id: { type: 'string', format: 'uuid' },
    },
    required: ['site', 'mail', 'at', 'day', 'id'],
  },
  bounds: {
    type: 'object',
    properties: {
      count: { type: 'integer', minimum: 3, maximum: 5 },
      ratio: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 },
      step: { type: 'integer', multipleOf: 5, minimum: 7 },
    },
    required: ['count', 'ratio', 'step'],
  },
  strings: {
    type: 'object',
    properties: {
      code: { type: 'string', minLength: 20 },
      short: { type: 'string', maxLength: 2 },
      slug: { type: 'string', pattern: '^[a-z]+-\\d+$' },
      kind: { enum: ['x', 'y'] },
      fixed: { const: 7 },
    },
    required: ['code', 'short', 'kind', 'fixed'],
  },
  nested: {
    type: 'object',
    properties: {
      who: {
        type: 'object',
        properties: {
          email: { type: 'string', format: 'email' },
          tags: { type: 'array', items: { type: 'string' }, minItems: 2, uniqueItems: true },
        },
        required: ['email', 'tags'],
      },
      opt: { anyOf: [{ type: 'null' }, { $ref: '#/$defs/thing' }] },
    },
    required: ['who', 'opt'],
    $defs: { thing: { type: 'object', properties: { n: { type: 'integer', minimum: 1 } }, required: ['n'] } },
  },
  draft7: {
    $schema: 'http://json-schema.org/draft-07/schema#',
    type: 'object',
    properties: { title: { type: 'string', minLength: 3 }, format: { type: 'string', enum: ['pdf', 'html'], default: 'html' } },
    required: ['title'],
    additionalProperties: false,
  },
};

describe('synthesizeArguments', () => {
  for (const [name, schema] of Object.entries(SCHEMAS)) {
    it(`makes valid arguments: ${name}`, () => {
      const made = synthesizeArguments(schema);
      assert.equal(made.valid, true, `${JSON.stringify(made.args)}: ${made.problem ?? ''}`);
      const { $schema, ...rest } = schema as Record<string, unknown>;
      void $schema;
      assert.ok(new Ajv2020({ strict: false }).compile(rest)(made.args), JSON.stringify(made.args));
    });
  }

  it('prefers small durations within bounds, and about 2 s for the long variant', () => {
    const schema = {
      type: 'object',
      properties: {
        delayMs: { type: 'integer', minimum: 10, maximum: 60_000 },
        waitSeconds: { type: 'number', minimum: 1, maximum: 3 },
        label: { type: 'string' },
      },
      required: ['waitSeconds'],
    };
    const short = synthesizeArguments(schema, 'short');
    assert.deepEqual(short.args, { delayMs: 10, waitSeconds: 1 });
    assert.equal(short.hasDuration, true);
    assert.deepEqual(synthesizeArguments(schema, 'long').args, { delayMs: 2_000, waitSeconds: 2 });
  });

  it('reports a guess the schema refuses', () => {
    const made = synthesizeArguments({ type: 'object', properties: { v: { type: 'string', pattern: '^ZZ[0-9]{4}$' } }, required: ['v'] });
    assert.equal(made.valid, false);
    assert.ok(made.problem);
  });
});

const probe = (tool: string, p: Partial<Probe>): Probe => ({
  tool,
  args: {},
  outcome: 'completed',
  progress: false,
  inputRequired: false,
  ...p,
});

describe('roles from observations', () => {
  it('assigns by behaviour, not by name', () => {
    const roles: Partial<Record<'completes' | 'long' | 'input' | 'fails' | 'errors', RoleTool>> = {};
    assign(roles, [
      probe('delay', { outcome: 'failed', failure: 'is-error', durationMs: 50 }),
      probe('fail_result', { durationMs: 30 }),
      probe('report', { durationMs: 4_000, progress: true }),
      probe('approve', { durationMs: 200, inputRequired: true }),
      probe('boom', { outcome: 'failed', failure: 'jsonrpc-error', durationMs: 10 }),
    ]);
    assert.deepEqual(Object.fromEntries(Object.entries(roles).map(([r, t]) => [r, t!.name])), {
      completes: 'fail_result',
      long: 'report',
      input: 'approve',
      fails: 'delay',
      errors: 'boom',
    });
    assert.equal(roles.long?.progress, true);
  });

  it('takes a tool still running after the probe as long only if it honoured cancel', () => {
    const roles: Partial<Record<'long', RoleTool>> = {};
    const long = () => roles.long;
    assign(roles, [probe('stuck', { outcome: 'running' })]);
    assert.equal(long(), undefined);
    assign(roles, [probe('forever', { outcome: 'running', cancelHonoured: true })]);
    assert.equal(long()?.name, 'forever');
  });

  it('a skip names the flag, the config key and the candidates', () => {
    const discovery: Discovery = {
      roles: {},
      probes: [probe('report', { durationMs: 4_000 })],
      candidates: [{ name: 'report', synthesized: { args: { title: 'x' }, valid: true, hasDuration: false } }],
      probeMs: 1,
    };
    const reason = roleSkipReason('input', discovery);
    for (const part of ['--tool-role input=NAME', 'roles.input', 'report {"title":"x"}: completed in 4000 ms'])
      assert.ok(reason.includes(part), reason);
  });
});

describe('configuration', () => {
  it('parses roles, tokens, limits and allowed tools', () => {
    const config = parseConfig({
      roles: { completes: { tool: 'a', args: { x: 1 } }, input: 'b' },
      tokens: { a: 't1', b: ['X-Key: 2'] },
      limits: { maxTasksPerOwner: 5, maxTtlMs: 60_000 },
      allowTools: ['list'],
    });
    assert.deepEqual(config, {
      roles: { completes: { name: 'a', args: { x: 1 } }, input: { name: 'b', args: {} } },
      authA: 't1',
      authB: ['X-Key: 2'],
      maxTasksPerOwner: 5,
      maxTtlMs: 60_000,
      allowTools: ['list'],
    });
  });

  it('refuses what it does not understand', () => {
    for (const bad of [[], { roles: { sometimes: 'x' } }, { limits: { maxTtlMs: -1 } }, { allowTools: 'x' }, { tokens: { a: 3 } }])
      assert.throws(() => parseConfig(bad), ConfigError, JSON.stringify(bad));
    for (const bad of ['completes', 'nope=x', 'long=x:[1]', 'long=x:{']) assert.throws(() => parseToolRole(bad), ConfigError, bad);
    assert.deepEqual(parseToolRole('long=build:{"title":"a:b"}'), { role: 'long', name: 'build', args: { title: 'a:b' } });
  });
});
