/**
 * Server availability: the server keeps answering for the whole run. A server that dies on a
 * request the spec allows (a tasks/cancel, an abandoned wait, ...) cannot meet any rule after it,
 * so the kit stops judging when it happens (check-run.ts: every check that could not run is
 * INCONCLUSIVE) and reports it here, once: the moment, the step that was running, what the
 * transport said (the exit code and stderr of a spawned server; the reconnection attempts to a
 * URL), the request that most likely caused it (stop-cause.ts) with the rule it is filed under,
 * and the last exchanges before it from the wire recording.
 */
import { pass, type Outcome } from '../../core/check.js';
import { check, type Check } from '../check.js';
import { SERVER_ALIVE } from '../check-run.js';
import type { CheckContext } from '../context.js';
import type { Outage } from '../liveness.js';
import { lastAnswer, sameArgs, stopCause } from '../stop-cause.js';
import type { WireLog } from '../wire-log.js';

/** How many exchanges before the stop the finding quotes. */
const LAST_EXCHANGES = 6;

export const availabilityChecks: Check[] = [
  check(
    {
      id: SERVER_ALIVE,
      rule: 'R68',
      // Filed under the rule of the request that stopped the server (stop-cause.ts).
      rules: ['R13', 'R16', 'R35', 'R40', 'R46', 'R61', 'R67'],
      level: 'MUST',
      area: 'availability',
      title:
        'the server keeps answering for the whole run: no request the spec allows makes it stop (a finding is filed under the rule of that request)',
    },
    async (ctx) => {
      // Still there at the end? A server that died while nothing was asked is found here.
      await ctx.run.liveness.verify(SERVER_ALIVE);
      return aliveOutcome(ctx);
    },
  ),
];

function aliveOutcome(ctx: CheckContext): Outcome {
  const { log, liveness, waitBudgetMs } = ctx.run;
  const dead = liveness.dead;
  const recovered = liveness.outages.filter((o) => o.recovered);
  if (!dead) {
    const note = `${log.exchanges.length} requests answered`;
    if (!recovered.length) return pass(note);
    return pass(
      `${note}; ${recovered.length} short outage(s), each check during one is inconclusive: ${recovered.map((o) => `${o.note} at ${log.offset(o.at)} during ${o.step}, answering again after ${o.attempts} attempt(s) in ${o.spentMs} ms`).join('; ')}`,
    );
  }
  const durationOf = (tool: string, args: unknown) =>
    ctx.discovery?.probes.find((p) => p.tool === tool && sameArgs(p.args, args))?.durationMs;
  const cause = stopCause(log, dead, durationOf, waitBudgetMs);
  const observed = [moment(log, dead), transportSide(dead)];
  if (cause) observed.push(`Most likely cause: ${log.format(cause.exchange)} (during ${cause.exchange.step}): ${cause.why}.`);
  else
    observed.push('No request of the kit can be named as the cause (none was waiting for its answer, no cancelled work was due to end).');
  return {
    status: 'fail',
    observed: observed.join(' '),
    expected: cause?.expected ?? 'the server keeps answering for the whole run',
    filedUnder: cause ? { rule: cause.rule, level: cause.level } : { rule: log.stepRules.get(dead.step)?.rule ?? 'R16', level: 'SHOULD' },
    // The last exchanges before it, each with the step that sent it.
    evidence: lastExchanges(log, dead),
  };
}

function moment(log: WireLog, outage: Outage): string {
  const clock = new Date(outage.at).toISOString().slice(11, 23);
  const last = lastAnswer(log.exchanges, outage);
  const before = last ? ` Its last answer came at ${log.offset(last.at)} (during ${last.step}).` : '';
  return `The server stopped answering: at ${clock} (${log.offset(outage.at)} into the run), during ${outage.step}: ${outage.note}.${before}`;
}

function transportSide(outage: Outage): string {
  if (outage.exit) {
    const tail = outage.stderrTail
      ? `Its stderr ended with: ${outage.stderrTail
          .split('\n')
          .map((l) => l.trim())
          .filter(Boolean)
          .join(' / ')}.`
      : 'It wrote nothing on stderr.';
    return `${tail} The kit does not start another one (that would be a new server), so the checks left are inconclusive.`;
  }
  return `The kit tried to reach it again ${outage.attempts} time(s) over ${(outage.spentMs / 1000).toFixed(1)} s without an answer, so the checks left are inconclusive.`;
}

function lastExchanges(log: WireLog, outage: Outage): string[] {
  return log.exchanges
    .filter((e) => e.sentAt <= outage.at)
    .slice(-LAST_EXCHANGES)
    .map((e) => `${log.format(e, undefined, 160)} (${e.step})`);
}
