/**
 * Issue 27: when the server under test dies, the report says so once, with the exchange that
 * killed it. The subject is crashy (test/conformance/subjects/crashy.ts, a child process): a legal
 * tasks/cancel of a running long_job kills it when the job ends (its result store throws), and
 * `--exit-on METHOD` kills it on the first request of that method. With zero flags, over HTTP and
 * stdio, the kit must report exactly one server.alive failure filed under the rule of that request
 * (R68 for the cancel: a client may cancel a task; R67 for a tasks/cancel left unanswered),
 * with the exit code and stderr (stdio) or the reconnection attempts (HTTP, also through a gateway
 * that answers 502 for it); every check it could not run is INCONCLUSIVE, no failure rests on the
 * dead connection, and the only other failures are crashy's own known deviations (R11, R13).
 */
import assert from 'node:assert/strict';
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';
import { formatReport, runProtocolConformance, type ProtocolReport } from '../../conformance/index.js';
import { CLI, runNode } from './helpers.js';
import { EXIT_ON_CODE, KNOWN_DEVIATIONS, startCrashy } from './subjects/crashy.js';

const CRASHY = fileURLToPath(new URL('./subjects/crashy.js', import.meta.url));
/** long_job's duration: over the kit's 1 s for a long tool, and the crash comes before the kit's own 30-day-ttl task could cause another. */
const JOB_MS = 1_500;
/** crashy's deviations the kit sees before the death (KNOWN_DEVIATIONS; the R68 one is server.alive's). */
const OWN_FINDINGS: Readonly<Record<string, string>> = { 'tool.forbidden-with-task': 'R11', 'tool.required-without-task': 'R13' };

/** A gateway in front of `upstream`: forwards each request, and answers 502 when the upstream cannot be reached. */
async function gateway(upstream: string): Promise<{ url: string; close(): Promise<void> }> {
  const target = new URL(upstream);
  const server = createServer((req, res) => {
    const forward = httpRequest(
      { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', () => void (res.headersSent ? res.end() : res.writeHead(502, { 'content-type': 'text/plain' }).end('bad gateway')));
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${target.pathname}`,
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

/** The one finding, and the shape of everything else. */
function assertOneDeath(report: ProtocolReport, rule: string): ProtocolReport['results'][number] {
  const text = formatReport(report);
  const alive = report.results.filter((r) => r.id === 'server.alive');
  assert.equal(alive.length, 1, text);
  const finding = alive[0]!;
  assert.deepEqual([finding.status, finding.rule, finding.level], ['fail', rule, 'MUST'], text);
  assert.ok(finding.evidence?.length, 'the last exchanges before it');
  for (const r of report.results.filter((x) => x.status === 'fail' && x.id !== 'server.alive')) {
    assert.equal(OWN_FINDINGS[r.id], r.rule, `a failure that is not crashy's: ${r.id}\n${text}`);
    assert.ok(
      KNOWN_DEVIATIONS.some((d) => d.rule === r.rule),
      r.id,
    );
  }
  for (const r of report.results.filter((x) => x.id !== 'server.alive'))
    assert.doesNotMatch(`${r.observed ?? ''}`, /fetch failed|connection closed/, `${r.id} judged the dead connection`);
  const stopped = report.results.filter((r) => r.status === 'inconclusive');
  assert.ok(stopped.length > 10, text);
  for (const r of stopped) assert.match(r.reason ?? '', /the server (had )?stopped answering/, r.id);
  assert.equal(report.mustFailed, report.results.filter((r) => r.status === 'fail' && r.level === 'MUST').length);
  return finding;
}

describe('a server that dies during the run (crashy)', { concurrency: true }, () => {
  const stops: (() => Promise<void>)[] = [];
  after(async () => {
    for (const stop of stops) await stop();
  });

  it(
    'HTTP, a legal tasks/cancel then the crash: one finding under R68 naming the cancel, the reconnection attempts, exit code 1',
    { timeout: 120_000 },
    async () => {
      const crashy = await startCrashy({ jobMs: JOB_MS });
      stops.push(crashy.close);
      const { code, stdout } = await runNode([CLI, '--url', crashy.url], 110_000);
      assert.equal(code, 1, stdout);
      assert.equal((await crashy.exited).code, 1);
      assert.match(crashy.stderr(), /Cannot store result for task \w+ in terminal status 'cancelled'/);
      const head = stdout.split('\n').findIndex((l) => l.includes('FAIL  MUST   R68  server.alive'));
      assert.ok(head >= 0, stdout);
      const block = stdout
        .split('\n')
        .slice(head, head + 4)
        .join('\n');
      assert.match(block, /tried to reach it again 5 time\(s\) over [\d.]+ s/);
      assert.match(
        block,
        /Most likely cause: \[\+[\d.]+ s\] A: tasks\/cancel \{"taskId":"\w+"\} -> result .*"status":"cancelled".*\(during discovery\): this request cancelled task \w+ \(long_job/,
      );
      assert.match(block, /wire: \[\+[\d.]+ s\] A: /);
      assert.equal(stdout.match(/ server\.alive: /g)?.length, 1, 'reported once');
      assert.match(stdout, /not judged: not run: the server had stopped answering at \+[\d.]+ s \(see server\.alive\)/);
    },
  );

  it('stdio, the same crash: the exit code and the stderr that names the cancelled task', { timeout: 120_000 }, async () => {
    const report = await runProtocolConformance({
      target: { stdio: { command: process.execPath, args: [CRASHY, '--stdio', '--job-ms', String(JOB_MS)] } },
    });
    const finding = assertOneDeath(report, 'R68');
    assert.match(finding.observed!, /the server process exited with code 1/);
    assert.match(finding.observed!, /Its stderr ended with: .*Cannot store result for task (\w+) in terminal status 'cancelled'/);
    assert.match(
      finding.observed!,
      /Most likely cause: .*tasks\/cancel .*the server's stderr names task \w+ in an error, and this request cancelled it/,
    );
  });

  it('HTTP --exit-on tasks/cancel: the unanswered tasks/cancel, under R67', { timeout: 120_000 }, async () => {
    const crashy = await startCrashy({ exitOn: 'tasks/cancel' });
    stops.push(crashy.close);
    const report = await runProtocolConformance({ target: { url: crashy.url } });
    assert.equal((await crashy.exited).code, EXIT_ON_CODE);
    const finding = assertOneDeath(report, 'R67');
    assert.match(finding.observed!, /during discovery: (POST|GET) fetch failed/);
    assert.match(
      finding.observed!,
      /Most likely cause: \[\+[\d.]+ s\] A: tasks\/cancel \{"taskId":"\w+"\} -> no answer \(during discovery\): the server stopped while this request was waiting/,
    );
  });

  it(
    'HTTP behind a gateway that answers 502 once crashy is gone (--exit-on tasks/get): the gateway status is the trouble, under R35',
    { timeout: 120_000 },
    async () => {
      const crashy = await startCrashy({ exitOn: 'tasks/get' });
      stops.push(crashy.close);
      const front = await gateway(crashy.url);
      stops.push(front.close);
      const report = await runProtocolConformance({ target: { url: front.url } });
      const finding = assertOneDeath(report, 'R35');
      assert.match(finding.observed!, /during discovery: POST answered HTTP 502/);
      assert.match(finding.observed!, /The kit tried to reach it again 5 time\(s\)/);
    },
  );

  it('stdio --exit-on tasks/get: the unanswered tasks/get, under R35, with exit code 3', { timeout: 120_000 }, async () => {
    const report = await runProtocolConformance({
      target: { stdio: { command: process.execPath, args: [CRASHY, '--stdio', '--exit-on', 'tasks/get'] } },
    });
    const finding = assertOneDeath(report, 'R35');
    assert.match(finding.observed!, new RegExp(`exited with code ${EXIT_ON_CODE}`));
    assert.match(finding.observed!, /--exit-on tasks\/get: got tasks\/get/);
    assert.match(finding.observed!, /Most likely cause: .*A: tasks\/get .*-> no answer/);
  });
});
