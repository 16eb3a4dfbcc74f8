/** Picking fields of an object in a fixed order (the order an output writes them in). */

/**
 * The given fields of `o`, in the order given; a field `o` lacks is present with the value
 * `undefined` (which the YAML writer and JSON leave out).
 */
export function pick<T extends object, K extends keyof T & string>(o: T, keys: readonly K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const k of keys) out[k] = o[k];
  return out;
}
