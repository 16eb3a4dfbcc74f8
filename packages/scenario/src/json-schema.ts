/**
 * The JSON Schema of scenario files, generated from the same zod schemas that validate them (so
 * the two cannot drift); `cloudroute schema` prints it and editors use it for completion.
 */
import * as z from 'zod';
import { scenarioSchema } from './schema/scenario.js';
import { schemaDocs } from './schema/registry.js';

let cached: string | undefined;

/**
 * The JSON Schema (draft-07, the input side: durations and prefixes as text) of a scenario file.
 * Each call returns a fresh object.
 */
export function scenarioJsonSchema(): Record<string, unknown> {
  cached ??= JSON.stringify({
    ...z.toJSONSchema(scenarioSchema, {
      metadata: schemaDocs,
      io: 'input',
      target: 'draft-07',
      unrepresentable: 'any',
    }),
    title: 'cloudroute scenario',
  });
  return JSON.parse(cached) as Record<string, unknown>;
}
