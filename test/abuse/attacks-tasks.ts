/**
 * Attacks through the Tasks methods: one owner filling memory, short TTLs that would bypass the
 * quota, and operation floods from many tokenless sessions.
 */
import { at, tally, type Attack } from './attack.js';
import { isSession, openSession, type RawAnswer, type RawSession } from './raw-client.js';

const codeOf = (answer: RawAnswer): string =>
  answer.error ? `${answer.error.code}${dataCode(answer)}` : answer.result ? 'ok' : `http ${answer.status}`;
const dataCode = (answer: RawAnswer): string => {
  const data = answer.error?.data as { code?: unknown } | undefined;
  return typeof data?.code === 'string' ? ` ${data.code}` : '';
};

async function session(url: string, token?: string): Promise<RawSession> {
  const opened = await openSession(url, token);
  if (!isSession(opened)) throw new Error(`initialize refused with HTTP ${opened.refused}`);
  return opened;
}

export const oneOwnerFillsMemory: Attack = {
  name: 'owner-memory',
  what: 'one token creates finished tasks carrying 250 KB each until refused',
  serverArgs: ['--rate-limit', '0'],
  tokens: { 'token-a': 'alice' },
  async run(target, scale) {
    const attempts = at(scale, 60, 6_000);
    const a = await session(target.url, 'token-a');
    const text = 'x'.repeat(250 * 1024);
    let accepted = 0;
    let refusal: RawAnswer | undefined;
    for (let i = 0; i < attempts && !refusal; i += 10) {
      const answers = await Promise.all(
        Array.from({ length: 10 }, () => a.call('tools/call', { name: 'delay', arguments: { ms: 0, text }, task: {} })),
      );
      for (const answer of answers) {
        if (answer.result) accepted++;
        else refusal ??= answer;
      }
    }
    const up = await a.call('tools/list', {});
    return {
      did: `accepted ${accepted} tasks (${((accepted * 250) / 1024).toFixed(0)} MB of text), then ${refusal ? codeOf(refusal) : 'none refused'}; still serving: ${up.result ? 'yes' : 'no'}`,
      held: up.result !== undefined && (scale === 'short' || refusal !== undefined),
    };
  },
};

export const shortTtlBypass: Attack = {
  name: 'short-ttl',
  what: 'tasks with TTL 1 ms running 600 s with 100 KB arguments, quota 5',
  serverArgs: ['--max-tasks-per-owner', '5', '--rate-limit', '0'],
  tokens: { 'token-a': 'alice' },
  async run(target, scale) {
    const attempts = at(scale, 40, 2_000);
    const a = await session(target.url, 'token-a');
    const text = 'y'.repeat(100 * 1024);
    const answers: RawAnswer[] = [];
    for (let i = 0; i < attempts; i += 20) {
      answers.push(
        ...(await Promise.all(
          Array.from({ length: 20 }, () => a.call('tools/call', { name: 'delay', arguments: { ms: 600_000, text }, task: { ttl: 1 } })),
        )),
      );
    }
    const listed = await a.call('tasks/list', {});
    const live = (listed.result?.tasks as unknown[] | undefined)?.length ?? -1;
    return { did: `${tally(answers.map(codeOf))}; tasks listed afterwards: ${live}`, held: live === 0 };
  },
};

export const tokenlessFlood: Attack = {
  name: 'tokenless-flood',
  what: '10 tokenless sessions sending task operations as fast as they can',
  serverArgs: ['--requests-per-second', '5'],
  async run(target, scale) {
    const sessions = await Promise.all(Array.from({ length: 10 }, () => session(target.url)));
    const until = Date.now() + at(scale, 1_000, 5_000);
    const answers: RawAnswer[] = [];
    await Promise.all(
      sessions.map(async (s) => {
        while (Date.now() < until) answers.push(await s.call('tasks/get', { taskId: 'no-such-task' }));
      }),
    );
    const limited = answers.filter((a) => a.status === 429 && dataCode(a) === ' RATE_LIMITED').length;
    return { did: `${answers.length} operations: ${tally(answers.map(codeOf))}`, held: limited > 0 };
  },
};

export const TASK_ATTACKS: readonly Attack[] = [oneOwnerFillsMemory, shortTtlBypass, tokenlessFlood];
