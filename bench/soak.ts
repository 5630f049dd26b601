/**
 * `npm run soak`: every attack of the abuse suite at full scale against a fresh reference server
 * on loopback, bounded in count and time; prints a Markdown table (attack, what the server did,
 * peak RSS, stayed up, held). Exit code 1 when a server went down or a limit did not hold.
 */
import { HTTP_ATTACKS } from '../test/abuse/attacks-http.js';
import { TASK_ATTACKS } from '../test/abuse/attacks-tasks.js';
import { formatTable, runAttack, type AttackRow } from '../test/abuse/suite.js';

const only = process.argv.slice(2);
const rows: AttackRow[] = [];
for (const attack of [...HTTP_ATTACKS, ...TASK_ATTACKS]) {
  if (only.length > 0 && !only.includes(attack.name)) continue;
  const row = await runAttack(attack, 'full');
  process.stderr.write(`${row.attack}: ${row.did} (${(row.ms / 1000).toFixed(1)} s, peak ${row.peakRssMiB.toFixed(0)} MiB)\n`);
  rows.push(row);
}
process.stdout.write(`${formatTable(rows)}\n`);
process.exitCode = rows.every((row) => row.stayedUp && row.held) ? 0 : 1;
