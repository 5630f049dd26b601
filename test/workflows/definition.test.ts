/**
 * Build-time validation (every problem named, at register, not at run time) and bindings
 * (unit cases, and a property: random forward-only step lists with random bindings resolve to
 * exactly the values of the steps and paths they name).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import * as z from 'zod';
import type { JsonObject, JsonValue } from '../../src/json.js';
import { InMemoryTaskStore } from '../../src/stores/memory.js';
import { isTasksError, WorkflowDefinitionError } from '../../src/errors/index.js';
import { resolveArgs, resolveBinding } from '../../src/workflows/bindings.js';
import type { Binding, Step } from '../../src/workflows/definition.js';
import { SequentialWorkflow } from '../../src/workflows/index.js';
import { runSteps, type WorkflowRunContext } from '../../src/workflows/runner.js';
import { validateWorkflow, workflowProblems } from '../../src/workflows/validate.js';
import { serve } from './harness.js';

const noop = async () => ({});

describe('workflow validation', () => {
  const problems = (steps: Step[], toolExists?: (n: string) => boolean) => workflowProblems('wf', steps, toolExists ? { toolExists } : {});

  it('a valid definition has no problems', () => {
    assert.deepEqual(
      problems([
        { name: 'a', run: noop },
        {
          name: 'b',
          run: noop,
          args: { x: { from: 'step', step: 'a', path: 'p.0' }, y: { from: 'args' }, z: { from: 'const', value: 1 } },
        },
      ]),
      [],
    );
  });
  it('no steps', () => assert.deepEqual(problems([]), ['it has no steps']));
  it('duplicate names', () => {
    assert.deepEqual(
      problems([
        { name: 'a', run: noop },
        { name: 'a', run: noop },
      ]),
      ["duplicate step name 'a' (steps #1 and #2)"],
    );
  });
  it('invalid names', () => {
    assert.deepEqual(problems([{ name: 'a.b', run: noop }]), [
      "step #1 has an invalid name \"a.b\" (letters, digits, '_' and '-', 1 to 64)",
    ]);
  });
  it('unknown step reference', () => {
    assert.deepEqual(problems([{ name: 'a', run: noop, args: { x: { from: 'step', step: 'ghost' } } }]), [
      "step 'a', argument 'x' refers to unknown step \"ghost\"",
    ]);
  });
  it('self reference is a cycle', () => {
    assert.deepEqual(problems([{ name: 'a', run: noop, args: { x: { from: 'step', step: 'a' } } }]), [
      "step 'a', argument 'x' refers to its own step (cycle)",
    ]);
  });
  it('a reference to a later step (a -> b -> a) is a forward reference / cycle', () => {
    const found = problems([
      { name: 'a', run: noop, args: { x: { from: 'step', step: 'b' } } },
      { name: 'b', run: noop, args: { y: { from: 'step', step: 'a' } } },
    ]);
    assert.deepEqual(found, [
      "step 'a', argument 'x' refers to later step 'b' (forward reference: steps run in order, so this would be a cycle)",
    ]);
  });
  it('missing tools (checked against the server) and a step calling the workflow itself', () => {
    assert.deepEqual(
      problems(
        [
          { name: 'a', tool: 'nope' },
          { name: 'b', tool: 'wf' },
        ],
        (n) => n === 'yes',
      ),
      [
        "step 'a' calls tool 'nope', which is not registered on this server (register it with registerTool before the workflow)",
        "step 'b' calls the workflow itself (cycle)",
      ],
    );
  });
  it('exactly one of tool, run, input', () => {
    assert.deepEqual(problems([{ name: 'a' }, { name: 'b', tool: 't', run: noop }]), [
      "step 'a' must have exactly one of tool, run or input (has none)",
      "step 'b' must have exactly one of tool, run or input (has tool, run)",
    ]);
  });
  it('bad paths, bad sources, const without value, bad input', () => {
    assert.deepEqual(
      problems([
        { name: 'a', run: noop },
        {
          name: 'b',
          run: noop,
          args: {
            p: { from: 'step', step: 'a', path: 'x..y' },
            q: { from: 'args', path: '.x' },
            r: { from: 'env' } as unknown as Binding,
            s: { from: 'const' } as unknown as Binding,
          },
        },
        { name: 'c', input: { message: 1 } as never },
      ]),
      [
        "step 'b', argument 'p': malformed path 'x..y': empty segment",
        "step 'b', argument 'q': malformed path '.x': empty segment",
        "step 'b', argument 'r': unknown binding source \"env\" (args, const or step)",
        "step 'b', argument 's': a const binding needs a value",
        "step 'c': input must be { message: string, requestedSchema: object }",
      ],
    );
  });
  it('validateWorkflow throws a WorkflowDefinitionError listing every problem', () => {
    assert.throws(
      () =>
        validateWorkflow('wf', [
          { name: 'a', run: noop },
          { name: 'a', run: noop, args: { x: { from: 'step', step: 'zz' } } },
        ]),
      (error: unknown) =>
        error instanceof WorkflowDefinitionError && isTasksError(error, 'WORKFLOW_INVALID') && error.problems.length === 2,
    );
  });
  it('register() fails for a missing tool and registers nothing; a valid workflow registers once tools exist', async () => {
    const h = await serve(new InMemoryTaskStore(), (tasks) => {
      tasks.registerTool('exists', { inputSchema: { v: z.string() } }, async () => ({ content: [] }));
      assert.throws(
        () => new SequentialWorkflow('bad').step({ name: 's', tool: 'missing' }).register(tasks),
        (error: unknown) => isTasksError(error, 'WORKFLOW_INVALID') && (error as WorkflowDefinitionError).problems.length === 1,
      );
      new SequentialWorkflow('good').step({ name: 's', tool: 'exists', args: { v: { from: 'const', value: 'x' } } }).register(tasks);
    });
    try {
      const names = ((await h.end.request('tools/list')).tools as { name: string }[]).map((t) => t.name).sort();
      assert.deepEqual(names, ['exists', 'good']);
    } finally {
      await h.close();
    }
  });
  it('steps cannot be added after register()', async () => {
    const wf = new SequentialWorkflow('late').step({ name: 's', run: noop });
    const h = await serve(new InMemoryTaskStore(), (tasks) => void wf.register(tasks));
    try {
      assert.throws(() => wf.step({ name: 't', run: noop }), { code: 'INVALID_OPTIONS' });
      assert.throws(() => wf.withTaskSupport(), { code: 'INVALID_OPTIONS' });
    } finally {
      await h.close();
    }
  });
});

describe('bindings', () => {
  const scope = { args: { id: 'x', nested: { list: [10, { deep: true }] } }, outputs: { a: { v: 1, arr: [{ c: 'z' }] } } };
  it('args, const, step, with and without paths', () => {
    assert.deepEqual(resolveBinding({ from: 'args' }, scope), scope.args);
    assert.equal(resolveBinding({ from: 'args', path: 'nested.list.1.deep' }, scope), true);
    assert.deepEqual(resolveBinding({ from: 'const', value: [1, 2] }, scope), [1, 2]);
    assert.deepEqual(resolveBinding({ from: 'step', step: 'a' }, scope), scope.outputs.a);
    assert.equal(resolveBinding({ from: 'step', step: 'a', path: 'arr.0.c' }, scope), 'z');
  });
  it('missing fields, bad indexes, malformed paths and missing outputs are BINDING_FAILED', () => {
    const failed = { code: 'BINDING_FAILED', name: 'BindingError' };
    assert.throws(() => resolveBinding({ from: 'step', step: 'a', path: 'arr.1' }, scope), failed);
    assert.throws(() => resolveBinding({ from: 'step', step: 'a', path: 'arr.01' }, scope), failed);
    assert.throws(() => resolveBinding({ from: 'step', step: 'a', path: 'v.x' }, scope), failed);
    assert.throws(() => resolveBinding({ from: 'step', step: 'a', path: 'v..x' }, scope), failed);
    assert.throws(() => resolveBinding({ from: 'args', path: 'toString' }, scope), failed);
    assert.throws(() => resolveBinding({ from: 'step', step: 'b' }, scope), failed);
    assert.throws(() => resolveArgs({ k: { from: 'step', step: 'b' } }, scope), failed);
  });

  /** Every (path, value) inside a JSON value, the value itself at ''. */
  function pathsOf(value: JsonValue, prefix = ''): [string, JsonValue][] {
    const here: [string, JsonValue][] = [[prefix, value]];
    const join = (k: string) => (prefix ? `${prefix}.${k}` : k);
    if (Array.isArray(value)) return here.concat(value.flatMap((v, i) => pathsOf(v, join(String(i)))));
    if (value !== null && typeof value === 'object') {
      return here.concat(
        Object.entries(value)
          .filter(([k]) => k.length > 0 && !k.includes('.'))
          .flatMap(([k, v]) => pathsOf(v, join(k))),
      );
    }
    return here;
  }

  it('property: random step lists with random earlier-step bindings resolve to exactly the named outputs, when run', async () => {
    const output = fc.dictionary(
      fc.string({ minLength: 1, maxLength: 4 }).filter((k) => !k.includes('.')),
      fc.jsonValue({ maxDepth: 3 }),
      { maxKeys: 4 },
    ) as fc.Arbitrary<JsonObject>;
    const plan = fc.array(fc.record({ output, picks: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 4 }) }), {
      minLength: 1,
      maxLength: 6,
    });
    await fc.assert(
      fc.asyncProperty(plan, async (stepsPlan) => {
        const expected: JsonObject[] = [];
        const seen: JsonObject[] = [];
        const steps: Step[] = stepsPlan.map(({ output: out, picks }, i) => {
          const args: Record<string, Binding> = {};
          const want: JsonObject = {};
          if (i > 0) {
            picks.forEach(([s, p], j) => {
              const target = s % i;
              const paths = pathsOf(stepsPlan[target]!.output);
              const [path, value] = paths[p % paths.length]!;
              args[`a${j}`] = path === '' ? { from: 'step', step: `s${target}` } : { from: 'step', step: `s${target}`, path };
              want[`a${j}`] = value;
            });
          }
          expected.push(want);
          return { name: `s${i}`, args, run: async (resolved: JsonObject) => (seen.push(resolved), out) };
        });
        assert.deepEqual(workflowProblems('p', steps), []);
        const vars: JsonObject = {};
        const context: WorkflowRunContext = {
          signal: new AbortController().signal,
          variables: async () => vars,
          setVariables: async (patch) => void Object.assign(vars, patch),
        };
        const run = await runSteps('p', steps, {}, context, async () => ({}));
        assert.deepEqual(seen, expected);
        assert.deepEqual(
          Object.values(run.outputs),
          stepsPlan.map((s) => s.output),
        );
      }),
      { numRuns: 150 },
    );
  });

  it('property: a binding to any later step or itself is always refused', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.nat(), fc.nat(), (n, from, offset) => {
        const i = from % n;
        const target = i + (offset % (n - i)); // i itself or later
        const steps: Step[] = Array.from({ length: n }, (_, k) => ({
          name: `s${k}`,
          run: noop,
          ...(k === i && { args: { x: { from: 'step', step: `s${target}` } as Binding } }),
        }));
        const found = workflowProblems('p', steps);
        assert.equal(found.length, 1);
        assert.match(found[0]!, target === i ? /its own step \(cycle\)/ : /later step/);
      }),
    );
  });
});
