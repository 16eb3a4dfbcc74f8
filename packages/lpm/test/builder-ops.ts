// Random changes to a route set for the builder tests: the arbitraries of inserts and removes, and
// one step that applies a change to a builder and to a Map model of its routes.
import fc from 'fast-check';
import { expect } from 'vitest';
import type { Prefix4, Prefix6 } from '../src/index.js';
import { prefix4, prefix6 } from './arbitraries.js';

/** One change to a route set: an insert of a prefix with a value, or a remove. */
export type Op<P> = { kind: 'insert'; prefix: P; value: number } | { kind: 'remove'; prefix: P };

function opOf<P>(prefix: fc.Arbitrary<P>): fc.Arbitrary<Op<P>> {
  return fc.oneof(
    fc.record({ kind: fc.constant('insert' as const), prefix, value: fc.nat({ max: 50 }) }),
    fc.record({ kind: fc.constant('remove' as const), prefix }),
  );
}

/** An insert (value 0..50) or a remove of an IPv4 prefix. */
export const op4: fc.Arbitrary<Op<Prefix4>> = opOf(prefix4);
/** An insert (value 0..50) or a remove of an IPv6 prefix. */
export const op6: fc.Arbitrary<Op<Prefix6>> = opOf(prefix6);

/**
 * Applies `o` to `builder` and to `model` (its routes by `key`); a remove must answer as the
 * model does (true when the prefix was there).
 */
export function applyOp<P>(
  builder: { insert(prefix: P, value: number): void; remove(prefix: P): boolean },
  model: Map<string, { prefix: P; value: number }>,
  key: string,
  o: Op<P>,
): void {
  if (o.kind === 'insert') {
    builder.insert(o.prefix, o.value);
    model.set(key, { prefix: o.prefix, value: o.value });
  } else {
    expect(builder.remove(o.prefix)).toBe(model.delete(key));
  }
}
