/**
 * Static bearer tokens (`--tokens FILE`): a JSON object mapping each token to an owner name, or
 * to `{ "owner": NAME, "operator": true }` for an operator of the task monitor (`--dashboard`),
 * who sees every owner's tasks there, read into the library's `tokenTable` (mcp-tasks/http). On
 * the MCP endpoint an operator's token is an owner like any other. Problems are CliErrors naming
 * the flag and the file.
 */
import { readFileSync } from 'node:fs';
import { isTasksError } from '../src/index.js';
import { bearerToken, tokenTable as libraryTokenTable, type TokenTable } from '../src/http/index.js';
import { CliError } from './args.js';

export { bearerToken, type TokenTable };

/** Build a table from `{ token: ownerName }`; throws CliError naming the problem. */
export function tokenTable(map: unknown, source = '--tokens'): TokenTable {
  try {
    return libraryTokenTable(map, source);
  } catch (error) {
    throw isTasksError(error, 'INVALID_ARGUMENT') ? new CliError(error.message) : error;
  }
}

/** Read and check a tokens file; throws CliError naming the flag and the file. */
export function loadTokens(file: string): TokenTable {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(`--tokens: cannot read ${JSON.stringify(file)}${code ? ` (${code})` : ''}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new CliError(`--tokens: ${JSON.stringify(file)} is not valid JSON`);
  }
  return tokenTable(json, `--tokens ${JSON.stringify(file)}`);
}
