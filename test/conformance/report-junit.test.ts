/**
 * `--junit FILE`: the report as JUnit XML. The document is read back with a small parser (tags,
 * attributes, entities) and its counts compared with the report: one testsuite per area, one
 * testcase per check, fail -> <failure>, skip and inconclusive -> <skipped>, warn -> passes with
 * <system-out>. Text a server sent (quotes, <, &, control characters) must not break the XML.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { JUNIT_OUTCOMES, toJUnitXml, xmlEscape } from '../../conformance/core/junit.js';
import { STATUSES } from '../../conformance/core/report.js';
import { parseXml, reportOf, result } from './report-helpers.js';

const nasty = 'error -32602 "a <b> & \'c\'" \u0001\u001f end';

describe('JUnit XML', () => {
  const results = [
    result('pass', { note: 'fine' }),
    result('fail', { observed: nasty, expected: 'x < y' }),
    result('warn', { area: 'polling', id: 'p.warn' }),
    result('skip', { area: 'polling', id: 'p.skip' }),
    result('inconclusive', { area: 'listing', id: 'l.slow', reason: 'the tool took 40 s' }),
  ];
  const xml = toJUnitXml(reportOf(results));
  const doc = parseXml(xml);

  it('has one testsuite per area and totals that match the report', () => {
    assert.equal(doc.name, 'testsuites');
    assert.deepEqual(doc.attrs, {
      name: 'mcp-tasks protocol conformance',
      tests: '5',
      failures: '1',
      errors: '0',
      skipped: '2',
      time: '1.234',
    });
    assert.deepEqual(
      doc.children.map((s) => [s.attrs.id, s.attrs.tests, s.attrs.failures, s.attrs.skipped]),
      [
        ['creation', '2', '1', '0'],
        ['polling', '2', '0', '1'],
        ['listing', '1', '0', '1'],
      ],
    );
    const cases = doc.children.flatMap((s) => s.children.filter((c) => c.name === 'testcase'));
    assert.equal(cases.length, results.length);
  });

  it('maps each status: failure, skipped (inconclusive prefixed), system-out for warn and notes', () => {
    const byId = new Map(
      doc.children.flatMap((s) => s.children.filter((c) => c.name === 'testcase')).map((c) => [c.attrs.name!.split(':')[0], c]),
    );
    const only = (id: string) => byId.get(id)!.children.map((c) => c.name);
    assert.deepEqual(only('x.pass'), ['system-out']);
    assert.deepEqual(only('x.fail'), ['failure']);
    assert.deepEqual(only('p.warn'), ['system-out']);
    assert.deepEqual(only('p.skip'), ['skipped']);
    assert.deepEqual(only('l.slow'), ['skipped']);
    assert.equal(byId.get('l.slow')!.children[0]!.attrs.message, 'inconclusive: the tool took 40 s');
    const failure = byId.get('x.fail')!.children[0]!;
    assert.equal(failure.attrs.type, 'MUST');
    assert.match(failure.text, /see .*RULES\.md#r20/);
  });

  it('escapes what the server sent and drops characters XML forbids', () => {
    const failure = doc.children[0]!.children.find((c) => c.attrs.name?.startsWith('x.fail'))!.children[0]!;
    assert.equal(failure.attrs.message, 'MUST R20: error -32602 "a <b> & \'c\'"  end');
    assert.match(failure.text, /observed: error -32602 "a <b> & 'c'" {2}end\nexpected: x < y\n/);
    // eslint-disable-next-line no-control-regex -- checks that no forbidden control character is left
    assert.ok(!/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/.test(xml));
    assert.equal(xmlEscape('\uD800x\uDC00'), 'x', 'lone surrogates dropped');
    assert.equal(xmlEscape('\uD83D\uDE00'), '\uD83D\uDE00', 'a surrogate pair kept');
  });

  it('has a JUnit outcome for every report status', () => {
    assert.deepEqual(Object.keys(JUNIT_OUTCOMES).sort(), Object.keys(STATUSES).sort());
    assert.equal(JUNIT_OUTCOMES.inconclusive.element, 'skipped');
  });
});
