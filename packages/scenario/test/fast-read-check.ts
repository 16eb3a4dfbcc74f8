/**
 * The checks the fast readers' tests (read-json, yaml-fast) hold them to: a fast path declines or
 * reads exactly what the YAML reader reads, at the same places, and `loadScenario` gives the same
 * with the fast paths on and off; the scenario files and examples they are tried on, and the
 * generated documents and edited texts they are tried on too.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { expect } from 'vitest';
import type { JsonPath } from '../src/findings.js';
import { loadWith } from '../src/load-scenario.js';
import type { LoadResult } from '../src/scenario.js';
import { yamlOffsets } from '../src/source-map.js';
import { readYaml } from '../src/yaml-read.js';
import { EXAMPLE_NAMES, example } from './helpers.js';

/** What a fast reader gives: the data, and where each path of it is in the text. */
interface FastRead {
  readonly data: unknown;
  readonly offsetOf: (path: JsonPath, atKey: boolean) => number;
  readonly linePos: (offset: number) => { line: number; col: number };
}

/** Every path of a value, and for each collection a path that is absent below it. */
export function paths(value: unknown, at: JsonPath = [], out: JsonPath[] = []): JsonPath[] {
  out.push(at);
  if (Array.isArray(value)) {
    value.forEach((v, i) => paths(v, [...at, i], out));
    out.push([...at, value.length], [...at, 'x']);
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) paths(v, [...at, k], out);
    out.push([...at, 'no such key'], [...at, 0]);
  } else out.push([...at, 'below a scalar']);
  return out;
}

/**
 * A value as entries, with -0 told from 0 (`toEqual` would not): `toStrictEqual` compares
 * objects' `constructor`, which a document may hold as a key.
 */
function canon(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canon);
  if (v !== null && typeof v === 'object') return Object.entries(v).map(([k, x]) => [k, canon(x)]);
  return Object.is(v, -0) ? '-0' : v;
}

/**
 * The fast path declines (`read` gives `undefined`), or the YAML reader reads the text without a
 * problem and to the same data, every path at the same offset and line. Whether the fast path read it.
 */
export function sameRead(text: string, read: (text: string) => FastRead | undefined): boolean {
  const fast = read(text);
  if (fast === undefined) return false;
  const yaml = readYaml(text);
  expect(yaml.findings).toEqual([]);
  expect(canon(fast.data)).toEqual(canon(yaml.data));
  const offsets = yamlOffsets(yaml.doc);
  for (const p of paths(yaml.data)) {
    for (const atKey of [false, true]) {
      const o = fast.offsetOf(p, atKey);
      expect([p, atKey, o]).toEqual([p, atKey, offsets(p, atKey)]);
      expect(fast.linePos(o)).toEqual(yaml.lineCounter.linePos(o));
    }
  }
  return true;
}

/** The comparable part of a load: problems, warnings, the scenario without its source map. */
function comparable(r: LoadResult): unknown {
  if (r.scenario === undefined) return { problems: r.problems, warnings: r.warnings };
  const { sourceMap, ...scenario } = r.scenario;
  return { problems: r.problems, warnings: r.warnings, scenario, timelineOrder: sourceMap.timelineOrder };
}

/**
 * `loadScenario` gives the same problems, warnings and scenario with the fast paths on and off;
 * with `data` (the document the text holds), every path of it at the same position too.
 */
export function sameLoad(text: string, file: string, data?: unknown): void {
  const fast = loadWith(text, file, true);
  const slow = loadWith(text, file, false);
  expect(comparable(fast)).toStrictEqual(comparable(slow));
  if (fast.scenario !== undefined && slow.scenario !== undefined && data !== undefined)
    for (const p of paths(data))
      expect(fast.scenario.sourceMap.position(p)).toEqual(slow.scenario.sourceMap.position(p));
}

/** The scenario files and the contract examples (from ../shared/examples when present), as text. */
export function scenarioTexts(): { name: string; text: string }[] {
  const dir = fileURLToPath(new URL('../../../scenarios/', import.meta.url));
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => ({ name: f, text: readFileSync(`${dir}${f}`, 'utf8') }));
  return [...files, ...EXAMPLE_NAMES.map((n) => ({ name: n, text: example(n) }))];
}

/**
 * How many generated texts the fast path read, each checked by {@link sameRead} (a property at a
 * pinned seed).
 */
export function fastReadCount(
  texts: fc.Arbitrary<string>,
  read: (text: string) => FastRead | undefined,
  run: { readonly seed: number; readonly numRuns: number },
): number {
  let fast = 0;
  fc.assert(
    fc.property(texts, (text) => {
      if (sameRead(text, read)) fast++;
    }),
    run,
  );
  return fast;
}

/**
 * Scalars of a document: `edgeStrings`, short strings, any `strings` given, `numbers` (edge
 * values), integers, finite doubles, booleans and null.
 */
export function scalars(
  edgeStrings: readonly string[],
  numbers: readonly number[],
  strings: readonly fc.Arbitrary<string>[] = [],
): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.constantFrom(...edgeStrings),
    fc.string({ maxLength: 8 }),
    ...strings,
    fc.constantFrom(...numbers),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    fc.constant(null),
  );
}

/**
 * Scenario-like documents: top-level fields named from `keys`, values nested a few levels of
 * lists and mappings deep, with mapping keys from `innerKeys` or short strings, and `scalar` leaves.
 */
export function documents(
  scalar: fc.Arbitrary<unknown>,
  keys: readonly string[],
  innerKeys: readonly string[],
): fc.Arbitrary<Record<string, unknown>> {
  const { value } = fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      scalar,
      fc.array(tie('value'), { maxLength: 4 }),
      fc.dictionary(fc.oneof(fc.constantFrom(...innerKeys), fc.string({ maxLength: 6 })), tie('value'), {
        maxKeys: 5,
      }),
    ),
  }));
  return fc.dictionary(fc.constantFrom(...keys), value, { minKeys: 1, maxKeys: 6 });
}

/** An edit of a text at an offset (taken modulo the text's length; 0 in an empty text). */
export type Edit = (text: string, at: number) => string;

/** A text with named edits of `table` applied in order. */
export function edited(
  table: Readonly<Record<string, Edit>>,
  text: string,
  edits: readonly (readonly [string, number])[],
): string {
  return edits.reduce((t, [name, at]) => table[name]!(t, t.length === 0 ? 0 : at % t.length), text);
}

/** Lists of named edits of `table` at arbitrary offsets. */
export function editLists(
  table: Readonly<Record<string, Edit>>,
  length: { readonly minLength?: number; readonly maxLength: number },
): fc.Arbitrary<[string, number][]> {
  return fc.array(fc.tuple(fc.constantFrom(...Object.keys(table)), fc.nat()), length);
}
