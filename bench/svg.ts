/**
 * A grouped bar chart as SVG, written by hand (no dependency): groups along the x axis (e.g.
 * stores), one bar per series in each group (e.g. paths), each bar labelled with its value, an
 * optional limit drawn as a dashed mark across its bar (e.g. the round-trip limit), an optional
 * whisker above it (e.g. p99 over p50), and horizontal reference lines (e.g. the SDK peer).
 * Linear y axis from 0 with rounded ticks. Pure: a chart in, SVG text out (test/bench/svg.test.ts).
 */

export interface Bar {
  /** The series this bar belongs to (its colour and legend entry). */
  series: string;
  value: number;
  /** Drawn as a dashed mark across the bar: a bound the value is measured against. */
  limit?: number | undefined;
  /** Drawn as a whisker from the top of the bar (e.g. the p99 of a p50 bar). */
  whisker?: number | undefined;
}

export interface BarChart {
  title: string;
  subtitle?: string;
  /** The y axis label, e.g. `lifecycles/s`. */
  unit: string;
  groups: { label: string; bars: Bar[] }[];
  /** Series in legend order, with their colours. */
  series: { name: string; color: string }[];
  /** Horizontal lines across the whole plot, e.g. a peer's figure. */
  references?: { label: string; value: number }[];
  /** What the dashed mark and the whisker mean (legend). */
  limitLabel?: string;
  whiskerLabel?: string;
}

const W = 860;
const H = 440;
const M = { top: 64, right: 24, bottom: 84, left: 72 };
const FONT = 'font-family="system-ui, -apple-system, Segoe UI, Helvetica, Arial, sans-serif"';

/** Escape text for SVG (XML) content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** A value as a bar label: a whole number from 10 on (thousands separated), 2 significant digits below. */
export function formatValue(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  if (Math.abs(value) >= 10) return Math.round(value).toLocaleString('en-US');
  return Number(value.toPrecision(2)).toString();
}

/** The axis top and tick step: a round number at or above `max`. */
export function niceScale(max: number): { top: number; step: number } {
  if (!(max > 0)) return { top: 1, step: 0.25 };
  const raw = max / 5;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw)!;
  return { top: Math.ceil(max / step) * step, step };
}

const f = (n: number) => Number(n.toFixed(1)).toString();

export function barChartSvg(chart: BarChart): string {
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  const values = chart.groups.flatMap((g) => g.bars.flatMap((b) => [b.value, b.limit ?? 0, b.whisker ?? 0]));
  const { top, step } = niceScale(Math.max(...values, ...(chart.references ?? []).map((r) => r.value), 0));
  const y = (v: number) => M.top + plotH - (Math.max(0, v) / top) * plotH;
  const colorOf = new Map(chart.series.map((s) => [s.name, s.color]));
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" ${FONT} font-size="12">`);
  out.push(`<rect width="${W}" height="${H}" fill="#ffffff"/>`);
  out.push(`<text x="${M.left}" y="24" font-size="16" font-weight="600">${escapeXml(chart.title)}</text>`);
  if (chart.subtitle) out.push(`<text x="${M.left}" y="42" fill="#555">${escapeXml(chart.subtitle)}</text>`);
  for (let v = 0; v <= top + step / 2; v += step) {
    out.push(`<line x1="${M.left}" x2="${W - M.right}" y1="${f(y(v))}" y2="${f(y(v))}" stroke="#e4e4e4"/>`);
    out.push(`<text x="${M.left - 6}" y="${f(y(v) + 4)}" text-anchor="end" fill="#555">${escapeXml(formatValue(v))}</text>`);
  }
  out.push(
    `<text transform="translate(18 ${f(M.top + plotH / 2)}) rotate(-90)" text-anchor="middle" fill="#333">${escapeXml(chart.unit)}</text>`,
  );
  const groupW = plotW / Math.max(1, chart.groups.length);
  chart.groups.forEach((group, gi) => {
    const barW = Math.min(56, (groupW * 0.8) / Math.max(1, group.bars.length));
    const x0 = M.left + gi * groupW + (groupW - barW * group.bars.length) / 2;
    group.bars.forEach((bar, bi) => {
      const x = x0 + bi * barW;
      const color = colorOf.get(bar.series) ?? '#888';
      out.push(
        `<rect x="${f(x + 2)}" y="${f(y(bar.value))}" width="${f(barW - 4)}" height="${f(y(0) - y(bar.value))}" fill="${color}"><title>${escapeXml(`${group.label}, ${bar.series}: ${formatValue(bar.value)} ${chart.unit}`)}</title></rect>`,
      );
      if (bar.whisker !== undefined) {
        const cx = f(x + barW / 2);
        out.push(
          `<line x1="${cx}" x2="${cx}" y1="${f(y(bar.value))}" y2="${f(y(bar.whisker))}" stroke="#333"/><line x1="${f(x + barW / 2 - 5)}" x2="${f(x + barW / 2 + 5)}" y1="${f(y(bar.whisker))}" y2="${f(y(bar.whisker))}" stroke="#333"/>`,
        );
      }
      if (bar.limit !== undefined)
        out.push(
          `<line x1="${f(x)}" x2="${f(x + barW)}" y1="${f(y(bar.limit))}" y2="${f(y(bar.limit))}" stroke="#111" stroke-width="2" stroke-dasharray="4 3"/>`,
        );
      // Above the bar, its whisker, and a limit mark close above it (the label would cross the mark).
      const tops = [
        y(bar.value),
        ...(bar.whisker !== undefined ? [y(bar.whisker)] : []),
        ...(bar.limit !== undefined && y(bar.value) - y(bar.limit) < 14 ? [y(bar.limit)] : []),
      ];
      const labelY = Math.min(...tops) - 4;
      const label = escapeXml(formatValue(bar.value));
      // A narrow bar gets its label upright along it, so neighbours do not overlap.
      if (barW < 8 * label.length)
        out.push(`<text transform="translate(${f(x + barW / 2 + 3)} ${f(labelY)}) rotate(-90)" font-size="10">${label}</text>`);
      else out.push(`<text x="${f(x + barW / 2)}" y="${f(labelY)}" text-anchor="middle" font-size="10">${label}</text>`);
    });
    out.push(
      `<text x="${f(M.left + gi * groupW + groupW / 2)}" y="${f(y(0) + 18)}" text-anchor="middle" font-weight="600">${escapeXml(group.label)}</text>`,
    );
  });
  for (const ref of chart.references ?? []) {
    out.push(
      `<line x1="${M.left}" x2="${W - M.right}" y1="${f(y(ref.value))}" y2="${f(y(ref.value))}" stroke="#c0392b" stroke-dasharray="8 4"/>`,
    );
    out.push(
      `<text x="${W - M.right}" y="${f(y(ref.value) - 4)}" text-anchor="end" fill="#c0392b">${escapeXml(`${ref.label}: ${formatValue(ref.value)}`)}</text>`,
    );
  }
  out.push(`<line x1="${M.left}" x2="${W - M.right}" y1="${f(y(0))}" y2="${f(y(0))}" stroke="#333"/>`);
  out.push(legend(chart, y(0) + 40));
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

/** The legend below the plot: series, then what the dashed mark and the whisker mean; wraps to a new line. */
function legend(chart: BarChart, top: number): string {
  const entries: { width: number; draw: (x: number, y: number) => string }[] = chart.series.map((s) => ({
    width: 24 + s.name.length * 7,
    draw: (x, y) =>
      `<rect x="${x}" y="${f(y - 9)}" width="10" height="10" fill="${s.color}"/><text x="${x + 14}" y="${f(y)}">${escapeXml(s.name)}</text>`,
  }));
  const limit = chart.limitLabel;
  if (limit)
    entries.push({
      width: 30 + limit.length * 7,
      draw: (x, y) =>
        `<line x1="${x}" x2="${x + 16}" y1="${f(y - 4)}" y2="${f(y - 4)}" stroke="#111" stroke-width="2" stroke-dasharray="4 3"/><text x="${x + 20}" y="${f(y)}">${escapeXml(limit)}</text>`,
    });
  const whisker = chart.whiskerLabel;
  if (whisker)
    entries.push({
      width: 24 + whisker.length * 7,
      draw: (x, y) =>
        `<line x1="${x + 6}" x2="${x + 6}" y1="${f(y - 10)}" y2="${f(y)}" stroke="#333"/><text x="${x + 14}" y="${f(y)}">${escapeXml(whisker)}</text>`,
    });
  const items: string[] = [];
  let [x, y] = [M.left, top];
  for (const entry of entries) {
    if (x + entry.width > W - M.right && x > M.left) [x, y] = [M.left, y + 18];
    items.push(entry.draw(x, y));
    x += entry.width;
  }
  return items.join('\n');
}
