/**
 * The bench's SVG writer (bench/svg.ts) and the charts it draws from results (bench/charts.ts):
 * well-formed XML (checked here by a small parser, no dependency), every value drawn as a bar of
 * proportional height with its label, text escaped, limits and references where given. Made-up
 * results: nothing is measured, no timing is asserted.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { latencyChart, syncWindowChart, throughputChart, type BenchMeta } from '../../bench/charts.js';
import type { BenchResult } from '../../bench/harness.js';
import { barChartSvg, escapeXml, formatValue, niceScale, type BarChart } from '../../bench/svg.js';

interface Element {
  name: string;
  attributes: Record<string, string>;
  children: Element[];
  text: string;
}

/** A strict little XML parser for what SVG needs: elements, attributes, text, entities; throws when malformed. */
function parseXml(xml: string): Element {
  const root: Element = { name: '#document', attributes: {}, children: [], text: '' };
  const stack = [root];
  const token = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>|([^<]+)/gy;
  let at = 0;
  for (let m = token.exec(xml); m !== null && at < xml.length; m = token.exec(xml)) {
    assert.equal(m.index, at, `unexpected markup at ${at}: ${xml.slice(at, at + 40)}`);
    at = token.lastIndex;
    const [, closing, name, attrs, selfClosing, text] = m;
    const top = stack.at(-1)!;
    if (text !== undefined) {
      assert.doesNotMatch(text, /&(?!(amp|lt|gt|quot|apos);)/, `a bare & in text: ${text}`);
      top.text += text;
    } else if (closing) {
      assert.equal(top.name, name, `</${name}> closes <${top.name}>`);
      stack.pop();
    } else {
      const attributes: Record<string, string> = {};
      for (const [, key, value] of attrs!.matchAll(/([\w:-]+)="([^"]*)"/g)) {
        assert.ok(!(key! in attributes), `attribute ${key} twice`);
        assert.doesNotMatch(value!, /&(?!(amp|lt|gt|quot|apos);)/);
        attributes[key!] = value!;
      }
      const element: Element = { name: name!, attributes, children: [], text: '' };
      top.children.push(element);
      if (!selfClosing) stack.push(element);
    }
  }
  assert.equal(at, xml.length, 'the whole document parsed');
  assert.equal(stack.length, 1, `unclosed <${stack.at(-1)!.name}>`);
  assert.equal(root.children.length, 1, 'one root element');
  return root.children[0]!;
}

function all(element: Element, name: string): Element[] {
  return [...(element.name === name ? [element] : []), ...element.children.flatMap((c) => all(c, name))];
}

const CHART: BarChart = {
  title: 'A <chart> & "its" bars',
  unit: 'ops/s',
  groups: [
    {
      label: 'memory',
      bars: [
        { series: 'a', value: 1234, limit: 2000 },
        { series: 'b', value: 617, whisker: 900 },
      ],
    },
    { label: 'dynamo & co', bars: [{ series: 'a', value: 5.678 }] },
  ],
  series: [
    { name: 'a', color: '#111111' },
    { name: 'b', color: '#222222' },
  ],
  references: [{ label: 'peer', value: 800 }],
  limitLabel: 'limit',
  whiskerLabel: 'p99',
};

describe('bench SVG writer', () => {
  it('writes well-formed SVG: one <svg> root with the SVG namespace and a viewBox', () => {
    const svg = parseXml(barChartSvg(CHART));
    assert.equal(svg.name, 'svg');
    assert.equal(svg.attributes.xmlns, 'http://www.w3.org/2000/svg');
    assert.match(svg.attributes.viewBox ?? '', /^0 0 \d+ \d+$/);
  });

  it('draws every value: a bar of height proportional to it, its label, and a title naming group, series and value', () => {
    const svg = parseXml(barChartSvg(CHART));
    const bars = all(svg, 'rect').filter((r) => r.children.some((c) => c.name === 'title'));
    assert.deepEqual(
      bars.map((b) => b.children[0]!.text),
      ['memory, a: 1,234 ops/s', 'memory, b: 617 ops/s', 'dynamo &amp; co, a: 5.7 ops/s'],
    );
    const heights = bars.map((b) => Number(b.attributes.height));
    assert.ok(Math.abs(heights[0]! / heights[1]! - 1234 / 617) < 0.01, `heights ${heights}`);
    assert.ok(Math.abs(heights[2]! - (heights[0]! * 5.678) / 1234) <= 0.1, 'a small value is a small bar (to the 0.1 px drawn)');
    assert.equal(bars[0]!.attributes.fill, '#111111');
    assert.equal(bars[1]!.attributes.fill, '#222222');
    const texts = all(svg, 'text').map((t) => t.text);
    for (const label of [
      '1,234',
      '617',
      '5.7',
      'memory',
      'dynamo &amp; co',
      'peer: 800',
      'A &lt;chart&gt; &amp; &quot;its&quot; bars',
      'limit',
      'p99',
    ])
      assert.ok(texts.includes(label), `no text ${label} in ${texts.join(' | ')}`);
  });

  it('draws a limit as a dashed mark at its height, and the axis reaches a round number above every value', () => {
    const svg = parseXml(barChartSvg(CHART));
    const dashed = all(svg, 'line').filter((l) => l.attributes['stroke-dasharray'] === '4 3' && l.attributes.x1 !== l.attributes.x2);
    assert.ok(dashed.length >= 1);
    const bar = all(svg, 'rect').find((r) => r.children[0]?.text.startsWith('memory, a'))!;
    const base = Number(bar.attributes.y) + Number(bar.attributes.height);
    const limitY = Number(dashed[0]!.attributes.y1);
    assert.ok(Math.abs((base - limitY) / Number(bar.attributes.height) - 2000 / 1234) < 0.01);
    assert.deepEqual(niceScale(2000), { top: 2000, step: 500 });
    assert.deepEqual(niceScale(1234), { top: 1250, step: 250 });
    assert.deepEqual(niceScale(0), { top: 1, step: 0.25 });
  });

  it('escapes text and formats values', () => {
    assert.equal(escapeXml(`<a href="x">&'`), '&lt;a href=&quot;x&quot;&gt;&amp;&apos;');
    assert.equal(formatValue(12345.6), '12,346');
    assert.equal(formatValue(0.01234), '0.012');
    assert.equal(formatValue(55.3), '55');
    assert.equal(formatValue(Number.NaN), 'n/a');
  });
});

describe('bench charts from results', () => {
  const meta: BenchMeta = {
    date: '2026-12-06T00:00:00.000Z',
    node: 'v20',
    machine: { cpus: 2, model: 'cpu', platform: 'linux', arch: 'x64', memoryGiB: 8, loadAverage: [1, 2, 3] },
    quick: false,
  };
  const r = (
    name: string,
    subject: string,
    store: string,
    param: number,
    value: number,
    extra: Record<string, number> = {},
  ): BenchResult => ({ bench: 'paths', name, subject, param, value, unit: 'ops/s', extra: { store, p50Ms: 2, p99Ms: 9, ...extra } });
  const results = [
    r('plain', '2025 stateful', 'memory', 16, 1000),
    r('lifecycle', '2025 stateful', 'memory', 16, 450, { roundTrips: 2 }),
    r('plain', '2026', 'memory', 16, 900),
    r('lifecycle', '2026', 'memory', 16, 850, { roundTrips: 1 }),
    r('lifecycle', 'SDK 1.x (20 ms poll)', 'memory', 16, 300),
    r('plain', '2025 stateful', 'memory', 1, 400, { p50Ms: 2.5 }),
    r('lifecycle', '2025 stateful', 'memory', 1, 190, { roundTrips: 2, p50Ms: 5.2, p99Ms: 11 }),
    r('plain', '2025 stateful', 'dynamodb', 16, 800),
    r('lifecycle', '2025 stateful', 'dynamodb', 16, 120, { roundTrips: 2 }),
  ];

  it('throughput: a group per store, a bar per path with its round-trip limit, the SDK peer beside ours in memory', () => {
    const chart = throughputChart(results, meta);
    assert.deepEqual(
      chart.groups.map((g) => g.label),
      ['in-memory', 'DynamoDB (dynalite)'],
    );
    assert.deepEqual(chart.groups[0]!.bars, [
      { series: '2025 stateful', value: 450, limit: 500 },
      { series: '2026', value: 850, limit: 900 },
      { series: 'SDK 1.x (20 ms poll)', value: 300 },
    ]);
    assert.deepEqual(chart.groups[1]!.bars, [{ series: '2025 stateful', value: 120, limit: 400 }]);
    parseXml(barChartSvg(chart));
  });

  it('latency: median bars, p99 whiskers, the plain call median x round trips as the limit', () => {
    const chart = latencyChart(results, meta);
    assert.deepEqual(chart.groups[0]!.bars, [{ series: '2025 stateful', value: 5.2, whisker: 11, limit: 5 }]);
    parseXml(barChartSvg(chart));
  });

  it('sync window: a group per work duration, a bar per window, the work duration as the limit', () => {
    const seen = (windowMs: number, workMs: number, value: number): BenchResult => ({
      bench: 'sync-window',
      name: 'seen (median)',
      subject: `window ${windowMs} ms`,
      param: workMs,
      value,
      unit: 'ms',
      extra: { windowMs, workMs, requests: 1 },
    });
    const chart = syncWindowChart([seen(0, 10, 55), seen(50, 10, 12), seen(0, 100, 130), seen(50, 100, 110)], meta);
    assert.deepEqual(
      chart.groups.map((g) => [g.label, g.bars.map((b) => [b.series, b.value, b.limit])]),
      [
        [
          '10 ms',
          [
            ['window 0 ms', 55, 10],
            ['window 50 ms', 12, 10],
          ],
        ],
        [
          '100 ms',
          [
            ['window 0 ms', 130, 100],
            ['window 50 ms', 110, 100],
          ],
        ],
      ],
    );
    parseXml(barChartSvg(chart));
  });
});
