/**
 * The CLI's live output: each result printed once as its check finishes (grouped by area), the
 * summary line last, and on a terminal a progress line (`[12/67] polling: poll.get-flat-task`)
 * that is rewritten in place and erased before anything else is printed. The progress line is
 * drawn only when the stream is a TTY, so logs and pipes get plain lines.
 */
import { AREA_TITLES, type CheckArea, type CheckInfo, type CheckResult } from '../core/check.js';
import { formatResult, indent, statusInfo, summaryLine } from '../core/report.js';
import { formatHeader, type Report } from './report.js';

/** The part of a write stream the reporter uses (process.stdout, or a test double). */
export interface OutputStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface ConsoleReporterOptions {
  /** Print only notable results (fail, warn, inconclusive) and the summary. */
  quiet?: boolean;
  /** Draw the progress line; default: whether the stream is a TTY. */
  progress?: boolean;
}

export class ConsoleReporter {
  readonly #out: OutputStream;
  readonly #quiet: boolean;
  readonly #progress: boolean;
  #area: CheckArea | undefined;
  #drawn = false;

  constructor(out: OutputStream, options: ConsoleReporterOptions = {}) {
    this.#out = out;
    this.#quiet = options.quiet === true;
    this.#progress = options.progress ?? out.isTTY === true;
  }

  header(report: Report): void {
    this.#print(`${formatHeader(report)}\n`);
  }

  /** A check is about to run (`index` from 0). */
  starting(check: CheckInfo, index: number, total: number): void {
    if (!this.#progress) return;
    const line = `[${index + 1}/${total}] ${check.area}: ${check.id}`;
    const width = Math.max((this.#out.columns || 80) - 1, 20); // 0 columns: width unknown
    this.#out.write(`\r\x1b[2K${line.length > width ? `${line.slice(0, width - 1)}…` : line}`);
    this.#drawn = true;
  }

  result(result: CheckResult): void {
    if (this.#quiet && !statusInfo(result.status).notable) return;
    let text = '';
    if (result.area !== this.#area) text += `\n[${AREA_TITLES[(this.#area = result.area)]}]\n`;
    this.#print(`${text}${indent(formatResult(result))}\n`);
  }

  /** The summary line, after a blank line. */
  finish(report: Report): void {
    this.#print(`\n${summaryLine(report.summary)}\n`);
  }

  #print(text: string): void {
    if (this.#drawn) this.#out.write('\r\x1b[2K');
    this.#drawn = false;
    this.#out.write(text);
  }
}
