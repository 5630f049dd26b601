/**
 * The shape of what a subject server claims about itself, so a test can compare a conformance
 * kit's findings with the truth: each subject exports `KNOWN_DEVIATIONS`, `CORRECT` and
 * (optionally) `UNSPECIFIED`, all verified by the subject's own `*.probe.test.ts`.
 * Rule IDs (R1..R82) and ambiguities (A1..A22) are those of /work/shared/spec/TASKS-REQUIREMENTS.md;
 * `JSON-RPC` / `tools` / `transport` name rules outside the Tasks utility.
 */
export interface Deviation {
  /** The main rule broken. */
  rule: string;
  /** Further rules the same behaviour touches. */
  also?: string[];
  /** The keyword of the broken rule, or `interpretation` when it is a deviation only under a reading of an ambiguity (named in `what`). */
  level: 'MUST' | 'SHOULD' | 'interpretation';
  what: string;
  /** Request -> response, as seen on the wire. */
  wire: string;
}

export interface Behaviour {
  rule: string;
  also?: string[];
  what: string;
  wire: string;
}

/** Behaviour the spec leaves open (an ambiguity or no rule): a tester must not call it a failure. */
export interface Unspecified {
  ref: string;
  what: string;
  wire: string;
}
