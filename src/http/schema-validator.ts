/**
 * One JSON Schema validator for every 2025-11-25 server of the process (server-2025.ts). The
 * SDK's `Server` builds a new Ajv instance (meta-schemas, vocabularies) for each server it
 * constructs; with a fresh server per POST (stateless.ts) that was about a tenth of the CPU of a
 * request. Compiled validators are
 * kept by the schema's JSON text; after `MAX_CACHED` distinct schemas the Ajv instance and the
 * cache start afresh, since Ajv keeps every schema object it compiled.
 */
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';
import type { JsonSchemaType, JsonSchemaValidator, jsonSchemaValidator } from '@modelcontextprotocol/sdk/validation';

const MAX_CACHED = 256;

export class SharedSchemaValidator implements jsonSchemaValidator {
  #ajv = new AjvJsonSchemaValidator();
  readonly #cache = new Map<string, JsonSchemaValidator<unknown>>();

  getValidator<T>(schema: JsonSchemaType): JsonSchemaValidator<T> {
    const key = JSON.stringify(schema);
    let validator = this.#cache.get(key);
    if (!validator) {
      if (this.#cache.size >= MAX_CACHED) {
        this.#cache.clear();
        this.#ajv = new AjvJsonSchemaValidator();
      }
      validator = this.#ajv.getValidator(schema);
      this.#cache.set(key, validator);
    }
    return validator as JsonSchemaValidator<T>;
  }
}

/** The process's one validator. */
export const sharedSchemaValidator = new SharedSchemaValidator();
