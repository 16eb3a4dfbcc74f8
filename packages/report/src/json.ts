/**
 * The JSON documents of the CLI (`--json`): stable two-space JSON, and a job's document as
 * printed.
 */
import type { PartDocument, SimResult } from '@cloudroute/sim';

/** Stable JSON: two-space indent, a final newline. */
export function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/**
 * A job's document as printed (`run`, `diff`, `chaos`, `merge`, shard parts): {@link toJson}
 * without the in-memory `kind` tag, the one place it is left out. A part keeps its printed
 * `cloudroute: "part"`.
 */
export function documentJson(doc: SimResult | PartDocument): string {
  const { kind: _kind, ...printed } = doc;
  return toJson(printed);
}
