/**
 * The side channel's state changes, as pure functions of the current record (the store applies
 * the result in one version-conditioned write, retrying on a lost race). Questions a task asks its
 * requestor and the answers it gets live in the record (`TaskRecord.input`), so any instance
 * sharing the store can deliver a question and take an answer, and the worker holding the lease
 * reads it: one mechanism for the 2025-11-25 wire (questions carried on response streams) and the
 * 2026-07-28 wire (`inputRequests` in `tasks/get`, `inputResponses` in `tasks/update`).
 */
import type { InputAnswer, InputCommand, InputCommandResult, PendingInput, StoredProgress, TaskInput } from '../contract.js';
import { InvalidArgumentError, TaskTerminalError } from '../errors/index.js';
import { isPlainObject, type JsonObject } from '../json.js';
import type { TaskRecord } from '../record.js';
import type { SecurityConfig } from '../security.js';
import { isTerminal } from '../status.js';
import { checkStatusMessage, sizedCopyLimited } from './input-checks.js';
import type { RecordPatch } from './primitives.js';

const EMPTY: TaskInput = Object.freeze({ issued: 0, requests: Object.freeze({}), responses: Object.freeze({}) });
const INPUT_METHODS = new Set(['elicitation/create', 'sampling/createMessage']);

/** What one command does to one record: the write to make (none: nothing changes) and the answer. */
export interface InputStep {
  patch?: RecordPatch;
  result: Omit<InputCommandResult, 'task'>;
}

/** Check a command's shape before any read (INVALID_ARGUMENT names what is wrong). */
export function checkInputCommand(command: unknown): asserts command is InputCommand {
  if (!isPlainObject(command)) throw new InvalidArgumentError('input: command must be an object');
  const fail = (what: string) => {
    throw new InvalidArgumentError(`input ${String(command.type)}: ${what}`);
  };
  switch (command.type) {
    case 'ask': {
      const request = command.request;
      if (!isPlainObject(request) || !INPUT_METHODS.has(request.method as string))
        fail('request.method must be elicitation/create or sampling/createMessage');
      if (!isPlainObject((request as JsonObject).params)) fail('request.params must be an object');
      return;
    }
    case 'answer':
      if (!isPlainObject(command.responses)) fail('responses must be an object keyed by input request key');
      for (const answer of Object.values(command.responses as JsonObject)) checkAnswer(answer, fail);
      return;
    case 'take':
    case 'withdraw':
      if (!Array.isArray(command.keys) || !command.keys.every((k) => typeof k === 'string')) fail('keys must be an array of strings');
      return;
    case 'progress':
      if (
        typeof command.progressToken !== 'string' &&
        !(typeof command.progressToken === 'number' && Number.isFinite(command.progressToken))
      )
        fail('progressToken must be a string or a number');
      if (!Number.isFinite(command.progress)) fail('progress must be a finite number');
      if (command.total !== undefined && !Number.isFinite(command.total)) fail('total must be a finite number');
      if (command.message !== undefined && typeof command.message !== 'string') fail('message must be a string');
      return;
    case 'progress-sent':
      if (!Number.isFinite(command.progress)) fail('progress must be a finite number');
      return;
    case 'claim':
    case 'release':
      if (typeof command.key !== 'string' || typeof command.holder !== 'string' || command.holder === '')
        fail('key and holder must be strings');
      if (command.type === 'claim' && (!Number.isSafeInteger(command.ms) || (command.ms as number) < 1))
        fail('ms must be a positive integer');
      return;
    default:
      throw new InvalidArgumentError(`input: unknown command type ${JSON.stringify(command.type)}`);
  }
}

function checkAnswer(answer: unknown, fail: (what: string) => never): void {
  if (!isPlainObject(answer)) return fail('each response must be { result } or { error }');
  if ('result' in answer && isPlainObject(answer.result)) return;
  const error = answer.error;
  if (isPlainObject(error) && Number.isInteger(error.code) && typeof error.message === 'string') return;
  fail('each response must be { result: object } or { error: { code, message } }');
}

/** Apply `command` to `current` (an unexpired task of the caller) at `now`. */
export function stepInput(current: TaskRecord, command: InputCommand, now: number, security: Readonly<SecurityConfig>): InputStep {
  const input = current.input ?? EMPTY;
  const active = !isTerminal(current.status);
  switch (command.type) {
    case 'ask': {
      if (!active) throw new TaskTerminalError(current.taskId, current.status, 'ask for input');
      const key = String(input.issued + 1);
      const requests = { ...input.requests, [key]: { method: command.request.method, params: command.request.params } };
      const patch: RecordPatch = {
        status: 'input_required',
        lastUpdatedAt: now,
        input: sized({ ...input, issued: input.issued + 1, requests }, security),
      };
      if (command.statusMessage !== undefined) patch.statusMessage = checkStatusMessage(command.statusMessage);
      return { patch, result: { key, accepted: [key] } };
    }
    case 'answer': {
      if (!active) throw new TaskTerminalError(current.taskId, current.status, 'answer input requests');
      const accepted = Object.keys(command.responses).filter((key) => Object.hasOwn(input.requests, key));
      if (accepted.length === 0) return { result: { accepted } };
      const responses: { [key: string]: InputAnswer } = { ...input.responses };
      for (const key of accepted) responses[key] = command.responses[key]!;
      const requests = without(input.requests, accepted);
      return { patch: settle(current, sized({ ...input, requests, responses }, security), now), result: { accepted } };
    }
    case 'take': {
      const keys = command.keys.filter((key) => Object.hasOwn(input.responses, key));
      if (keys.length === 0) return { result: { accepted: [], responses: {} } };
      const responses = Object.fromEntries(keys.map((key) => [key, input.responses[key]!]));
      if (!active) return { result: { accepted: keys, responses } }; // nothing may be written any more
      return { patch: { input: { ...input, responses: without(input.responses, keys) } }, result: { accepted: keys, responses } };
    }
    case 'withdraw': {
      const keys = command.keys.filter((key) => Object.hasOwn(input.requests, key) || Object.hasOwn(input.responses, key));
      if (keys.length === 0 || !active) return { result: { accepted: [] } };
      const next = { ...input, requests: without(input.requests, keys), responses: without(input.responses, keys) };
      return { patch: settle(current, next, now), result: { accepted: keys } };
    }
    case 'claim':
    case 'release':
      return stepClaim(current, input, command, now);
    case 'progress':
    case 'progress-sent':
      return stepProgress(current, input, command, security);
  }
}

/**
 * Progress of a task whose requestor has no stream (stateless serving): the latest value is kept
 * (R24: none once the task is terminal); a stream claims a value before sending it, so each value
 * goes out once and the values the requestor gets increase (the progress utility's rule).
 */
function stepProgress(
  current: TaskRecord,
  input: TaskInput,
  command: Extract<InputCommand, { type: 'progress' | 'progress-sent' }>,
  security: Readonly<SecurityConfig>,
): InputStep {
  const stored = input.progress;
  if (isTerminal(current.status)) return { result: { accepted: [] } };
  let progress: StoredProgress;
  if (command.type === 'progress') {
    const { progressToken, progress: value, total, message } = command;
    progress = {
      progressToken,
      progress: value,
      ...(total !== undefined && { total }),
      ...(message !== undefined && { message }),
      ...(stored?.sent !== undefined && { sent: stored.sent }),
    };
  } else {
    if (!stored || stored.progress !== command.progress || (stored.sent !== undefined && stored.sent >= command.progress))
      return { result: { accepted: [] } };
    progress = { ...stored, sent: command.progress };
  }
  return { patch: { input: sized({ ...input, progress }, security) }, result: { accepted: [String(progress.progress)] } };
}

/** A carrier claims a question before sending it, so each is on one stream at a time (R51). */
function stepClaim(
  current: TaskRecord,
  input: TaskInput,
  command: Extract<InputCommand, { type: 'claim' | 'release' }>,
  now: number,
): InputStep {
  const pending = Object.hasOwn(input.requests, command.key) ? input.requests[command.key]! : undefined;
  if (!pending || isTerminal(current.status)) return { result: { accepted: [] } };
  const claim = pending.claim;
  let next: PendingInput;
  if (command.type === 'claim') {
    if (claim && claim.holder !== command.holder && claim.until > now) return { result: { accepted: [] } };
    next = { method: pending.method, params: pending.params, claim: { holder: command.holder, until: now + command.ms } };
  } else {
    if (!claim || claim.holder !== command.holder) return { result: { accepted: [] } };
    next = { method: pending.method, params: pending.params };
  }
  const requests = { ...input.requests, [command.key]: next };
  return { patch: { input: { ...input, requests } }, result: { accepted: [command.key] } };
}

/** No question left outstanding: the task works again (R50); its "waiting" message goes. */
function settle(current: TaskRecord, input: TaskInput, now: number): RecordPatch {
  const patch: RecordPatch = { input, lastUpdatedAt: now };
  if (Object.keys(input.requests).length === 0 && current.status === 'input_required') {
    patch.status = 'working';
    patch.statusMessage = null;
  }
  return patch;
}

/** Questions and unread answers are stored with the task, within `maxRequestBytes`. */
function sized(input: TaskInput, security: Readonly<SecurityConfig>): TaskInput {
  return sizedCopyLimited(input, 'Task input (questions and unread answers)', security.maxRequestBytes, 'copy').copy;
}

function without<T>(map: { readonly [key: string]: T }, keys: readonly string[]): { [key: string]: T } {
  const copy = { ...map };
  for (const key of keys) delete copy[key];
  return copy;
}
