/**
 * MRTR before a task exists (tasks.md "Task Creation": resolve MRTR exchanges synchronously,
 * then answer CreateTaskResult): round 1 is an InputRequiredResult without taskId, round 2
 * carries the answers and escalates to a task whose work sees them.
 */
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import type { JsonObject } from '../../../src/json.js';
import type { MrtrRound, Tool2026, ToolCall2026 } from '../../../src/server/v2026/tools.js';
import { formatIssues, validate2026 } from '../../../src/validate/index.js';
import { startLeg, WITH_TASKS, WITHOUT_TASKS, type Leg } from './harness.js';

const ASK_NAME = {
  resultType: 'input_required',
  inputRequests: {
    user_name: {
      method: 'elicitation/create',
      params: { mode: 'form', message: 'Your name?', requestedSchema: { type: 'object', properties: { name: { type: 'string' } } } },
    },
  },
  requestState: 'round-1',
};

/** Asks for a name until it has one, then greets as a task. */
class AskingTool implements Tool2026 {
  readonly name = 'ask_then_task';
  readonly taskSupport = 'required' as const;
  readonly rounds: MrtrRound[] = [];
  constructor(readonly syncWindowMs = 0) {} // 0: escalates to a task (the official kit's fixture does the same)
  async gather(_args: JsonObject, round: MrtrRound): Promise<JsonObject | undefined> {
    this.rounds.push(round);
    return acceptedName(round.inputResponses) === undefined ? ASK_NAME : undefined;
  }
  async run(_args: JsonObject, call: ToolCall2026): Promise<JsonObject> {
    return { content: [{ type: 'text', text: `Hello, ${acceptedName(call.inputResponses)}!` }] };
  }
}

function acceptedName(responses: Readonly<Record<string, unknown>>): string | undefined {
  const answer = responses['user_name'] as { action?: string; content?: { name?: unknown } } | undefined;
  return answer?.action === 'accept' && typeof answer.content?.name === 'string' ? answer.content.name : undefined;
}

/** The SDK answers -32021 itself when an embedded request needs a capability the request lacks. */
const ELICITING = { capabilities: { ...WITH_TASKS, elicitation: {} } };

let leg: Leg | undefined;
afterEach(async () => {
  await leg?.close();
  leg = undefined;
});

describe('2026 leg: MRTR escalating to a task', () => {
  it('round 1 asks without a task; round 2 with the answer creates the task; its result carries the answer', async () => {
    const tool = new AskingTool();
    leg = startLeg([tool]);
    const round1 = await leg.rpc('tools/call', { name: tool.name, arguments: {} }, ELICITING);
    const v1 = validate2026('tools/call result', round1.result);
    assert.ok(v1.ok, v1.ok ? '' : formatIssues(v1.errors));
    assert.equal(round1.result?.resultType, 'input_required');
    assert.equal('taskId' in round1.result!, false);
    assert.equal((await leg.store.list('anonymous')).tasks.length, 0, 'no task before the answers');

    const answer = { user_name: { action: 'accept', content: { name: 'Alice' } } };
    const round2 = await leg.rpc(
      'tools/call',
      { name: tool.name, arguments: {}, inputResponses: answer, requestState: 'round-1' },
      ELICITING,
    );
    assert.equal(round2.result?.resultType, 'task');
    for (const key of ['requestState', 'inputRequests']) assert.equal(key in round2.result!, false, key);
    assert.equal(tool.rounds[1]?.requestState, 'round-1');

    const done = await leg.settled(round2.result!.taskId as string);
    assert.equal(done.status, 'completed');
    assert.deepEqual((done.result as { content: unknown }).content, [{ type: 'text', text: 'Hello, Alice!' }]);
  });

  it('with a sync window, round 2 may answer the result itself: the greeting ends inside it, no task is stored', async () => {
    const tool = new AskingTool(60_000);
    leg = startLeg([tool]);
    await leg.rpc('tools/call', { name: tool.name, arguments: {} }, ELICITING);
    const answer = { user_name: { action: 'accept', content: { name: 'Bob' } } };
    const round2 = await leg.rpc(
      'tools/call',
      { name: tool.name, arguments: {}, inputResponses: answer, requestState: 'round-1' },
      ELICITING,
    );
    const v2 = validate2026('tools/call result', round2.result);
    assert.ok(v2.ok, v2.ok ? '' : formatIssues(v2.errors));
    assert.equal(round2.result?.resultType, 'complete');
    assert.deepEqual(round2.result?.content, [{ type: 'text', text: 'Hello, Bob!' }]);
    assert.equal((await leg.store.list('anonymous')).tasks.length, 0);
  });

  it('asking for elicitation from a client that cannot elicit is -32021 naming elicitation (the SDK checks)', async () => {
    const tool = new AskingTool();
    leg = startLeg([tool]);
    const reply = await leg.rpc('tools/call', { name: tool.name, arguments: {} });
    assert.equal(reply.error?.code, -32021);
    assert.ok((reply.error?.data as { requiredCapabilities?: { elicitation?: unknown } }).requiredCapabilities?.elicitation);
  });

  it('a required-task tool refuses a non-declaring client before asking anything (-32021)', async () => {
    const tool = new AskingTool();
    leg = startLeg([tool]);
    const reply = await leg.rpc('tools/call', { name: tool.name, arguments: {} }, { capabilities: WITHOUT_TASKS });
    assert.equal(reply.error?.code, -32021);
    assert.equal(tool.rounds.length, 0);
  });
});
