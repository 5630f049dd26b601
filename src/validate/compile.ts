/**
 * One lazily built Ajv (2020-12) per schema, and one compiled validator per def, shared by the
 * 2025-11-25 and 2026-07-28 payload name sets.
 */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';

/** Resolves a def name of one schema to its compiled validator (compiled on first use). */
export type DefValidators = (defName: string) => ValidateFunction;

export function defValidators(schema: { readonly $id: string }): DefValidators {
  let ajv: Ajv2020 | undefined;
  const cache = new Map<string, ValidateFunction>();
  return (defName) => {
    let fn = cache.get(defName);
    if (fn === undefined) {
      if (ajv === undefined) {
        ajv = new Ajv2020({
          allErrors: true,
          strict: false, // upstream uses annotation keywords ajv's strict mode does not know
          validateFormats: false, // upstream `format`s (uri, byte, ...) are informative; avoid ajv-formats
        });
        ajv.addSchema(schema);
      }
      const ref = `${schema.$id}#/$defs/${defName}`;
      fn = ajv.getSchema(ref);
      // An invariant, not a user error: only a broken build of generated/ gets here.
      if (fn === undefined) throw new Error(`mcp-tasks/validate: schema ${ref} not found`);
      cache.set(defName, fn);
    }
    return fn;
  };
}
