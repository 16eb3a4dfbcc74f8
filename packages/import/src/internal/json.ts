/**
 * Defensive readers of parsed JSON: every export is read field by field, so a missing or
 * mistyped field is a warning at its JSON path, never a crash.
 */

export type JsonObject = Readonly<Record<string, unknown>>;

/** The value as an object (not an array), or undefined. */
export function obj(v: unknown): JsonObject | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as JsonObject) : undefined;
}

/** The value as an array; anything else is an empty list. */
export function arr(v: unknown): readonly unknown[] {
  return Array.isArray(v) ? v : [];
}

/** A non-empty string, or undefined. */
export function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

export function bool(v: unknown): boolean | undefined {
  return typeof v === 'boolean' ? v : undefined;
}

/** A finite number, also from a numeric string (AWS writes `BgpAsn` as a string). */
export function num(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^\d+$/.test(v)) return Number(v);
  return undefined;
}

/** A JSON path in the `$.RouteTables[3].Routes[0]` notation of error messages. */
export type JsonPath = readonly (string | number)[];

export function formatPath(path: JsonPath): string {
  let out = '$';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(p)) out += `.${p}`;
    else out += `[${JSON.stringify(p)}]`;
  }
  return out;
}

/** The `Name` tag of an AWS object (`Tags: [{Key, Value}]`; Terraform `tags: {Name}`). */
export function nameTag(o: JsonObject | undefined): string | undefined {
  const tags = o?.['Tags'] ?? o?.['TagSet'];
  for (const t of arr(tags)) {
    const tag = obj(t);
    if (tag?.['Key'] === 'Name') return str(tag['Value']);
  }
  const tf = obj(o?.['tags']);
  return str(tf?.['Name']);
}
