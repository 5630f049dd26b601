/** The payloads every store benchmark uses, so that their figures compare the same work. */
import type { CompleteInput } from '../src/contract.js';
import type { JsonObject } from '../src/json.js';

export const TTL_MS = 60 * 60 * 1000;

/** A tools/call request (with its task augmentation). */
export const PARAMS: JsonObject = {
  name: 'search_documents',
  arguments: { query: 'quarterly revenue by region', limit: 20, filters: { year: 2025, tags: ['finance', 'emea'] } },
  task: { ttl: TTL_MS },
};

/** A tool result. */
export const RESULT: JsonObject = {
  content: [{ type: 'text', text: 'Found 20 documents. Top hit: "Q3 revenue by region" (score 0.93).' }],
  structuredContent: { hits: 20, top: { id: 'doc-4711', score: 0.93 } },
  isError: false,
};

export const CREATE_INPUT = { request: { method: 'tools/call', params: PARAMS }, ttl: TTL_MS };
export const COMPLETE_INPUT: CompleteInput = { status: 'completed', outcome: { type: 'result', result: RESULT } };
