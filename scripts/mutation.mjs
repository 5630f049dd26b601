#!/usr/bin/env node
// `npm run mutation`: plants each catalogued defect in the reference server (protocol suite) and
// in a store (store suite, helper file dist/test/mutation/store.js), prints a table per suite,
// the kill ratio (MUST and SHOULD; kills by a warning only counted apart) and every survivor.
// Exits 1 when the protocol suite kills under 90 % or the store suite under 95 %.
// Arguments: defect ids to run only those (e.g. `npm run mutation -- iso.get-any-owner`).
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const TARGETS = { protocol: 0.9, store: 0.95 };
const only = process.argv.slice(2);

// The reference server logs sessions as JSON lines on stderr; they are noise here.
const writeErr = process.stderr.write.bind(process.stderr);
process.stderr.write = (chunk, ...rest) => (String(chunk).startsWith('{"time"') ? true : writeErr(chunk, ...rest));

function table(results) {
  const rows = results.map((r) => [
    r.killed ? (r.caughtBy.length ? 'killed' : 'warned') : 'SURVIVED',
    r.level ?? 'MUST',
    r.area,
    r.id,
    r.caughtBy.join(',') || (r.warnedBy ?? []).map((w) => `${w} (warn)`).join(',') || '-',
  ]);
  const widths = [8, 6, 14, 38];
  for (const row of rows) console.log(row.map((cell, i) => (i < widths.length ? String(cell).padEnd(widths[i]) : cell)).join(' '));
}

function summarize(suite, results) {
  const total = results.length;
  // Each suite decides what a kill is (`killed`); one with no failing check was caught by a warning.
  const byWarning = results.filter((r) => r.killed && r.caughtBy.length === 0).length;
  const byFailure = results.filter((r) => r.killed).length - byWarning;
  const killed = byFailure + byWarning;
  const ratio = total ? killed / total : 0;
  const levels = ['MUST', 'SHOULD'].map((level) => {
    const of = results.filter((r) => (r.level ?? 'MUST') === level);
    return `${level} ${of.filter((r) => r.killed).length}/${of.length}`;
  });
  console.log(
    `\n${suite}: killed ${killed}/${total} (${(ratio * 100).toFixed(1)} %): ${byFailure} by a failing check, ${byWarning} by a warning only; ${levels.join(', ')}`,
  );
  // Protocol defects name check ids; store defects name test-name prefixes (the store suite matches them itself).
  const missed =
    suite !== 'protocol'
      ? []
      : results.filter((r) => r.killed && !r.expected.every((id) => r.caughtBy.includes(id) || r.warnedBy.includes(id)));
  for (const r of missed) console.log(`  note: ${r.id} was not caught by every check it names (${r.expected.join(', ')})`);
  const survivors = results.filter((r) => !r.killed);
  if (survivors.length) console.log(`${suite} survivors:`);
  for (const r of survivors)
    console.log(
      `  ${r.id} [${r.level} ${r.area}] ${r.description}; expected ${r.expected.join(', ')}${r.warnedBy?.length ? `; warned by ${r.warnedBy.join(', ')}` : ''}`,
    );
  return ratio;
}

async function runSuite(suite, load) {
  const started = Date.now();
  const { results } = await load();
  console.log(`\n== ${suite} suite (${results.length} defects, ${Math.round((Date.now() - started) / 1000)} s)`);
  table(results);
  return summarize(suite, results);
}

let ok = true;
const protocol = await import(pathToFileURL('dist/test/mutation/protocol.js').href);
// A kill means something only if the checks pass on the healthy server.
const control = await protocol.runProtocolControl();
console.log(
  control.length
    ? `control: the healthy reference server does not pass every named check:\n  ${control.join('\n  ')}`
    : 'control: the healthy reference server passes every check the protocol catalogue names',
);
if (control.length) ok = false;
const protocolRatio = await runSuite('protocol', () => protocol.runProtocolMutants({ concurrency: 2, ...(only.length && { ids: only }) }));
if (!only.length && protocolRatio < TARGETS.protocol) ok = false;

if (existsSync('dist/test/mutation/store.js')) {
  const store = await import(pathToFileURL('dist/test/mutation/store.js').href);
  const storeRatio = await runSuite('store', () => store.runStoreMutants());
  if (storeRatio < TARGETS.store) ok = false;
} else {
  console.log('\nstore catalogue missing (dist/test/mutation/store.js)');
}

console.log(
  ok ? '\nmutation: targets met' : `\nmutation: below target (protocol >= ${TARGETS.protocol * 100} %, store >= ${TARGETS.store * 100} %)`,
);
process.exit(ok ? 0 : 1);
