/**
 * Defensive reading of the document as plain data, for checks that run whatever else is wrong
 * with the file: a value of the wrong type reads as absent (the schema reports it).
 */

export type RawObject = Readonly<Record<string, unknown>>;

export function asObject(v: unknown): RawObject | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as RawObject) : undefined;
}

export function asArray(v: unknown): readonly unknown[] {
  return Array.isArray(v) ? v : [];
}

function asString(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** An own field of an object (never an inherited one such as `constructor`). */
export function field(o: RawObject | undefined, key: string): unknown {
  return o !== undefined && Object.prototype.hasOwnProperty.call(o, key) ? o[key] : undefined;
}

export function stringField(o: RawObject | undefined, key: string): string | undefined {
  return asString(field(o, key));
}

/** The objects of a list field with their indexes (non-objects skipped). */
export function objects(
  o: RawObject | undefined,
  key: string,
): { readonly item: RawObject; readonly index: number }[] {
  const out: { item: RawObject; index: number }[] = [];
  asArray(field(o, key)).forEach((v, index) => {
    const item = asObject(v);
    if (item !== undefined) out.push({ item, index });
  });
  return out;
}
