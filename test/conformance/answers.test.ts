/**
 * How the kit answers a server's requests (conformance/protocol/answers.ts): a form filled from
 * its requestedSchema (every field, `--answer` in the free-text ones, checked with ajv), a form no
 * content satisfies cancelled, URL mode declined, sampling answered with the kit's fixed
 * completion. The end-to-end part runs an SDK server in process (InMemoryTransport) whose
 * elicitInput validates the content against the schema as real servers do, and asks for sampling.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { answerElicitation, answerSampling, formContent, KIT_COMPLETION, KIT_MODEL } from '../../conformance/protocol/answers.js';
import type { Probe } from '../../conformance/protocol/discovery/probe.js';
import {
  assign,
  describeRoles,
  roleSkipReason,
  type Discovery,
  type Role,
  type RoleTool,
} from '../../conformance/protocol/discovery/roles.js';
import { WireSession } from '../../conformance/protocol/session.js';

const RELATED = 'io.modelcontextprotocol/related-task';
const CONFIRM = {
  type: 'object',
  properties: { confirm: { type: 'boolean', description: 'true to delete the file for good' } },
  required: ['confirm'],
};
/** A form with one field of every kind the spec allows (PrimitiveSchemaDefinition). */
const SIGN_UP = {
  type: 'object',
  properties: {
    name: { type: 'string', title: 'Name', minLength: 2 },
    email: { type: 'string', format: 'email' },
    born: { type: 'string', format: 'date' },
    site: { type: 'string', format: 'uri' },
    age: { type: 'integer', minimum: 18, maximum: 130 },
    score: { type: 'number', minimum: 0.5, maximum: 1 },
    colour: { type: 'string', enum: ['red', 'green'] },
    plan: {
      type: 'string',
      oneOf: [
        { const: 'pro', title: 'Pro' },
        { const: 'free', title: 'Free' },
      ],
    },
    legacy: { type: 'string', enum: ['a', 'b'], enumNames: ['A', 'B'] },
    toppings: { type: 'array', items: { type: 'string', enum: ['x', 'y', 'z'] }, minItems: 2, maxItems: 3 },
    nickname: { type: 'string', maxLength: 5 },
    newsletter: { type: 'boolean', default: true },
  },
  required: ['name', 'email', 'age', 'colour'],
};

describe('the kit answers a form as a person would', () => {
  it('fills a strict confirmation with exactly its field (false: a kit never confirms a destructive action)', () => {
    assert.deepEqual(answerElicitation({ mode: 'form', message: 'Delete /x?', requestedSchema: CONFIRM }, 'conformance-answer'), {
      result: { action: 'accept', content: { confirm: false } },
    });
  });

  it('fills every field of a form from its schema, --answer in the free-text fields it fits', () => {
    const form = formContent(SIGN_UP, 'my answer');
    assert.equal(form.valid, true, form.problem);
    const c = form.content;
    assert.equal(c.name, 'my answer');
    assert.match(String(c.email), /^[^@\s]+@[^@\s]+\.[a-z]+$/);
    assert.match(String(c.born), /^\d{4}-\d{2}-\d{2}$/);
    assert.match(String(c.site), /^https:\/\//);
    assert.equal(c.age, 18);
    assert.ok(Number(c.score) >= 0.5 && Number(c.score) <= 1);
    assert.deepEqual([c.colour, c.plan, c.legacy], ['red', 'pro', 'a']);
    assert.equal((c.toppings as string[]).length, 2);
    assert.ok((c.toppings as string[]).every((t) => ['x', 'y', 'z'].includes(t)));
    assert.equal(c.newsletter, true, 'the default is kept');
    assert.ok(String(c.nickname).length <= 5 && c.nickname !== 'my answer', 'a text that does not fit is not forced in');
    assert.equal(formContent(SIGN_UP, 'ok').content.nickname, 'ok');
  });

  it('the fixture form gets the --answer text', () => {
    const schema = { type: 'object', properties: { answer: { type: 'string' } }, required: ['answer'] };
    assert.deepEqual(formContent(schema, 'yes please').content, { answer: 'yes please' });
  });

  it('cancels a form it cannot fill validly, declines URL mode, and says why', () => {
    const impossible = answerElicitation(
      {
        message: 'm',
        requestedSchema: { type: 'object', properties: { code: { type: 'string', minLength: 5, maxLength: 2 } }, required: ['code'] },
      },
      'x',
    );
    assert.deepEqual(impossible.result, { action: 'cancel' });
    assert.match(impossible.note ?? '', /could not fill the form/);
    const url = answerElicitation({ mode: 'url', message: 'Sign in', url: 'https://example.com/auth', elicitationId: 'e1' }, 'x');
    assert.deepEqual(url.result, { action: 'decline' });
    assert.match(url.note ?? '', /URL mode/);
  });

  it("answers sampling with a fixed completion marked as the kit's, and refuses tool use it did not declare", () => {
    assert.deepEqual(answerSampling({ messages: [], maxTokens: 10 }), {
      result: { role: 'assistant', content: { type: 'text', text: KIT_COMPLETION }, model: KIT_MODEL, stopReason: 'endTurn' },
    });
    const withTools = answerSampling({ messages: [], maxTokens: 10, tools: [] });
    assert.ok('error' in withTools && withTools.error.code === -32602);
  });
});

describe("an SDK server that validates the answer against its requestedSchema takes the kit's answers", () => {
  it('elicitation (strict and many-field forms, URL mode) and sampling, related-task _meta echoed, every answer recorded', async () => {
    const mcp = new McpServer({ name: 'strict', version: '1' }, { capabilities: {} });
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    await mcp.connect(serverSide);
    const session = new WireSession(clientSide, { label: 'A', answer: 'conformance-answer', requestTimeoutMs: 5_000 });
    await session.connect();
    try {
      // The related-task _meta written by hand: the SDK's relatedTask option needs its task queue.
      const relatedTask = { taskId: 't-1' };
      const _meta = { [RELATED]: relatedTask };
      const confirm = await mcp.server.elicitInput({ mode: 'form', message: 'Delete /x?', requestedSchema: CONFIRM as never, _meta });
      assert.deepEqual(confirm, { action: 'accept', content: { confirm: false }, _meta: { [RELATED]: relatedTask } });
      const signUp = await mcp.server.elicitInput({ mode: 'form', message: 'Sign up', requestedSchema: SIGN_UP as never });
      assert.equal(signUp.action, 'accept');
      const url = await mcp.server.elicitInput({ mode: 'url', message: 'Sign in', url: 'https://example.com/auth', elicitationId: 'e1' });
      assert.equal(url.action, 'decline');
      const completion = await mcp.server.createMessage({
        messages: [{ role: 'user', content: { type: 'text', text: 'Summarize: x' } }],
        maxTokens: 50,
        _meta,
      });
      assert.deepEqual(
        { model: completion.model, content: completion.content },
        { model: KIT_MODEL, content: { type: 'text', text: KIT_COMPLETION } },
      );
      assert.deepEqual(
        session.answers.map((a) => [a.method, a.taskId, a.result?.action ?? a.result?.model]),
        [
          ['elicitation/create', 't-1', 'accept'],
          ['elicitation/create', undefined, 'accept'],
          ['elicitation/create', undefined, 'decline'],
          ['sampling/createMessage', 't-1', KIT_MODEL],
        ],
      );
    } finally {
      await session.close();
      await mcp.close();
    }
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

describe('discovery uses what it saw of an asking tool', () => {
  const refused = probe('confirm_delete', {
    outcome: 'failed',
    failure: 'is-error',
    durationMs: 100,
    inputRequired: true,
    answered: ['elicitation/create: accept {"answer":"conformance-answer"}'],
    failureMessage:
      "MCP error -32602: Elicitation response content does not match requested schema: data must have required property 'confirm'",
  });

  it("a tool that asked and then failed after the kit's answer is the input tool, never the failing one", () => {
    const roles: Partial<Record<Role, RoleTool>> = {};
    assign(roles, [refused, probe('plain_fail', { outcome: 'failed', failure: 'is-error', durationMs: 5 })]);
    assert.equal(roles.input?.name, 'confirm_delete');
    assert.equal(roles.fails?.name, 'plain_fail');
    const alone: Partial<Record<Role, RoleTool>> = {};
    assign(alone, [refused]);
    assert.deepEqual(Object.keys(alone), ['input']);
  });

  it("a completed asking tool is preferred; the report names the kit's answer as the cause of a failure", () => {
    const roles: Partial<Record<Role, RoleTool>> = {};
    assign(roles, [
      refused,
      probe('approve', { durationMs: 300, inputRequired: true, answered: ['elicitation/create: accept {"ok":false}'] }),
    ]);
    assert.equal(roles.input?.name, 'approve');
    assert.equal(roles.input?.failedAfterAnswer, undefined);
    const discovery: Discovery = {
      roles: {},
      probes: [refused],
      candidates: [{ name: 'confirm_delete', synthesized: { args: { path: 'x' }, valid: true, hasDuration: false } }],
      probeMs: 1,
    };
    assign(discovery.roles, discovery.probes);
    for (const text of [describeRoles(discovery) ?? '', roleSkipReason('completes', discovery)]) {
      assert.match(
        text,
        /failed after the kit's answer \(elicitation\/create: accept \{"answer":"conformance-answer"\}\), so the server may have refused the kit's answer: ".*required property 'confirm'"/,
        text,
      );
    }
  });
});
