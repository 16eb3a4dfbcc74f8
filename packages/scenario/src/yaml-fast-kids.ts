/**
 * What the fast YAML reader's locator (`yaml-fast-read.ts`) learns of a collection when a problem
 * needs a position: the kind of each child (how to read its own children) and where its key and
 * its value start. Nothing of the kind is kept when a file is read for its data.
 */

/**
 * What a node is, for the locator: how to read its children. `Empty` is `key:` with nothing
 * after it: the value is null, and its place is the key's.
 */
export const Kind = { Empty: -1, Scalar: 0, BlockMap: 1, BlockSeq: 2, Flow: 3 } as const;
/** One of {@link Kind}'s values. */
export type Kind = (typeof Kind)[keyof typeof Kind];

/** A collection's children as the locator needs them: keys (mappings), starts and kinds. */
export interface Kids {
  readonly keys: string[] | undefined;
  readonly keyStarts: number[];
  readonly valueStarts: number[];
  readonly kinds: Kind[];
}
