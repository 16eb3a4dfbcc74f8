/**
 * The fast YAML path (`yaml-fast-read.ts`) against the YAML library it stands in for: on every
 * scenario and contract example, on generated documents in the subset (written by the benchmark
 * emitter, as a formatter wraps it (flow collections over several lines) and by the library's own
 * writer in several styles, with comments, blank lines, CRLF and a `---`), and on mutated texts (characters inserted, deleted or replaced, anchors, aliases,
 * tags, merge keys, directives, a second document, tabs, bad indentation, cut texts), the fast
 * path either declines or gives the library's data, no problem from the library, and the same
 * offset and line for every path; `loadScenario` gives the same problems, warnings and scenario
 * with the fast paths on and off. Pinned seeds.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { toYaml } from '../../../benchmarks/lib/yaml-emit.js';
import { largeScenarioYaml } from '../../../benchmarks/lib/large-scenario.js';
import type { JsonPath } from '../src/findings.js';
import { loadWith } from '../src/load-scenario.js';
import type { LoadResult } from '../src/scenario.js';
import { yamlOffsets } from '../src/source-map.js';
import { readYamlFast } from '../src/yaml-fast-read.js';
import { readYaml } from '../src/yaml-read.js';
import { EXAMPLE_NAMES, example } from './helpers.js';

const SEED = 20_261_208;
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** Every path of a value, and for each collection a path that is absent below it. */
function paths(value: unknown, at: JsonPath = [], out: JsonPath[] = []): JsonPath[] {
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

/** A value as entries, with -0 told from 0 (`toEqual` would not). */
function canon(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canon);
  if (v !== null && typeof v === 'object') return Object.entries(v).map(([k, x]) => [k, canon(x)]);
  return Object.is(v, -0) ? '-0' : v;
}

/**
 * The fast path declines, or the library reads the text without a problem and to the same data,
 * every path at the same offset and line. Whether the fast path read it.
 */
function sameRead(text: string): boolean {
  const fast = readYamlFast(text);
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

function sameLoad(text: string): void {
  const fast = loadWith(text, 'f.yaml', true);
  const slow = loadWith(text, 'f.yaml', false);
  expect(comparable(fast)).toStrictEqual(comparable(slow));
}

/** The scenario files and the contract examples (from ../shared/examples when present), as text. */
function scenarioTexts(): { name: string; text: string }[] {
  const dir = `${repoRoot}scenarios/`;
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => ({ name: f, text: readFileSync(`${dir}${f}`, 'utf8') }));
  return [...files, ...EXAMPLE_NAMES.map((n) => ({ name: n, text: example(n) }))];
}

const EDGE_STRINGS = [
  'yes',
  'on',
  '0x1F',
  '0o17',
  '0o8',
  '1e3',
  '-1.5e-3',
  '.5',
  '1.',
  '+7',
  '-0',
  '.inf',
  '-.Inf',
  '.NaN',
  '~',
  'null',
  'Null',
  'TRUE',
  'False',
  '',
  ' ',
  ' lead',
  'trail ',
  'a: b',
  'a:b',
  'a #b',
  'a#b',
  '- x',
  '-x',
  '# c',
  '"q"',
  "it's",
  'back\\slash',
  'line\nbreak',
  'two\n\nparagraphs\n',
  'é\u{1F600}',
  '{[,]}',
  'a, b',
  '[x]',
  '&anchor',
  '*alias',
  '!tag',
  '%d',
  '@at',
  '`b`',
  '? q',
  '|',
  '>',
  '---',
  '...',
  '<<',
  '__proto__',
  'fd00::/8',
  'http://x:80/y',
  '10.0.0.0/16',
  '1h',
  'aws',
  'x'.repeat(1100),
];
const KEYS = [
  'name',
  'provider',
  'cidrs',
  'routes',
  'prefix',
  'nextHop',
  'key with spaces',
  'é',
  '1',
  'null',
  '-k',
  'a"b',
  "a'b",
  'constructor',
];

const scalar = fc.oneof(
  fc.constantFrom(...EDGE_STRINGS),
  fc.string({ maxLength: 8 }),
  fc.stringMatching(/^[a-z0-9./:-]{1,12}$/),
  fc.constantFrom(0, -0, 1, -1, 1e3, 1.5, -2.5e-7, 1e21, 2 ** 70),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
);
const { value } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(
      fc.oneof(fc.constantFrom(...KEYS, ...EDGE_STRINGS), fc.string({ maxLength: 6 })),
      tie('value'),
      {
        maxKeys: 5,
      },
    ),
  ),
}));
const documentValue = fc.dictionary(fc.constantFrom(...KEYS), value, { minKeys: 1, maxKeys: 6 });

/** A formatter's style: every flow collection over several lines, with trailing commas. */
function wrapFlows(text: string): string {
  return text.replace(/^( *)(.*[[{] .*)$/gm, (_, indent: string, rest: string) => {
    const pad = `${indent}    `;
    return (
      indent +
      rest
        .replace(/([[{]) /g, `$1\n${pad}`)
        .replace(/, /g, `,\n${pad}`)
        .replace(/ ([\]}])$/, `,\n${indent}  $1 # end`)
    );
  });
}

type Doc = Record<string, unknown>;
/** Ways of writing a document as YAML: the benchmark emitter, and the library's writer in several styles. */
const WRITERS: Record<string, (d: Doc) => string> = {
  emitter: (d) => toYaml(d),
  formatter: (d) => wrapFlows(toYaml(d)),
  library: (d) => stringify(d),
  wide: (d) => stringify(d, { lineWidth: 0 }),
  double: (d) => stringify(d, { lineWidth: 0, defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN' }),
  single: (d) => stringify(d, { lineWidth: 0, defaultStringType: 'QUOTE_SINGLE', defaultKeyType: 'PLAIN' }),
  compact: (d) => stringify(d, { lineWidth: 0, indentSeq: false, indent: 4 }),
  flowItems: (d) => stringify(d, { lineWidth: 0, flowCollectionPadding: false, collectionStyle: 'any' }),
};

/** Decorations that keep a text's meaning: comments, blank lines, CRLF, a leading `---`. */
type Edit = (text: string, at: number) => string;
const lineStart = (t: string, at: number): number => t.lastIndexOf('\n', at - 1) + 1;
const DECORATIONS: Record<string, Edit> = {
  commentLine: (t, at) =>
    `${t.slice(0, lineStart(t, at))}# a note: [x] {y} &z *w\n${t.slice(lineStart(t, at))}`,
  indentedComment: (t, at) =>
    `${t.slice(0, lineStart(t, at))}      # indented note\n${t.slice(lineStart(t, at))}`,
  trailingComment: (t, at) => t.replace(/\n/g, (m, i: number) => (i >= at && i < at + 40 ? ' # c\n' : m)),
  blankLine: (t, at) => `${t.slice(0, lineStart(t, at))}\n   \n${t.slice(lineStart(t, at))}`,
  crlf: (t) => t.replace(/\n/g, '\r\n'),
  documentStart: (t) => `# head\n---\n${t}`,
  noFinalNewline: (t) => t.replace(/\n$/, ''),
  none: (t) => t,
};

/** Mutations that may break a text or change its meaning: the fast path must decline or agree. */
const MUTATIONS: Record<string, Edit> = {
  insert: (t, at) => `${t.slice(0, at)}${'\t\r:#-[]{},&*!|>"\'%@?` \n'[at % 25]}${t.slice(at)}`,
  remove: (t, at) => t.slice(0, at) + t.slice(at + 1),
  replace: (t, at) => `${t.slice(0, at)}${' :-#{["\n'[at % 8]}${t.slice(at + 1)}`,
  cut: (t, at) => t.slice(0, at),
  indent: (t, at) => `${t.slice(0, lineStart(t, at))} ${t.slice(lineStart(t, at))}`,
  dedent: (t, at) => t.slice(0, lineStart(t, at)) + t.slice(lineStart(t, at)).replace(/^ /, ''),
  duplicateLine: (t, at) => {
    const s = lineStart(t, at);
    const e = t.indexOf('\n', s);
    return e < 0 ? t : t.slice(0, e + 1) + t.slice(s, e + 1) + t.slice(e + 1);
  },
  anchor: (t) => t.replace(/: (?=\S)/, ': &a '),
  alias: (t) => t.replace(/: (?=\S)/, ': &a ').replace(/(: &a [^\n]*\n[^:]*: )\S[^\n,}]*/, '$1*a'),
  tag: (t) => t.replace(/: (?=\S)/, ': !!str '),
  merge: (t) => t.replace(/\n(\s*)(\w)/, '\n$1<<: {}\n$1$2'),
  directive: (t) => `%YAML 1.2\n---\n${t}`,
  secondDocument: (t) => `${t}\n---\nname: x\n`,
  documentEnd: (t) => `${t}\n...\n`,
  tab: (t, at) => `${t.slice(0, lineStart(t, at))}\t${t.slice(lineStart(t, at))}`,
  bom: (t) => `\ufeff${t}`,
};

const yamlText = fc
  .tuple(
    documentValue,
    fc.constantFrom(...Object.keys(WRITERS)),
    fc.array(fc.tuple(fc.constantFrom(...Object.keys(DECORATIONS)), fc.nat()), { maxLength: 3 }),
  )
  .map(([doc, writer, edits]) =>
    edits.reduce(
      (t, [name, at]) => DECORATIONS[name]!(t, t.length === 0 ? 0 : at % t.length),
      WRITERS[writer]!(doc),
    ),
  );

const mutated = (texts: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc
    .tuple(
      texts,
      fc.array(fc.tuple(fc.constantFrom(...Object.keys(MUTATIONS)), fc.nat()), {
        minLength: 1,
        maxLength: 2,
      }),
    )
    .map(([text, edits]) =>
      edits.reduce((t, [name, at]) => MUTATIONS[name]!(t, t.length === 0 ? 0 : at % t.length), text),
    );

describe('the fast YAML path reads what the YAML library reads', () => {
  const scenarios = scenarioTexts();

  it('every scenario and example: the same data and offsets, or the library; the same load', () => {
    expect(scenarios.length).toBeGreaterThan(10);
    let fast = 0;
    for (const { text } of scenarios) {
      if (sameRead(text)) fast++;
      sameLoad(text);
    }
    expect(fast).toBe(scenarios.length);
  });

  it('generated documents in the subset, decorated: the same data and offsets, or the library (1,000 texts)', () => {
    let fast = 0;
    fc.assert(
      fc.property(yamlText, (text) => {
        if (sameRead(text)) fast++;
      }),
      { seed: SEED, numRuns: 1000 },
    );
    // Both sides of the comparison are exercised.
    expect(fast).toBeGreaterThan(500);
    expect(fast).toBeLessThan(1000);
  });

  it('mutated scenarios and generated texts: the fast path declines or agrees (1,500 texts)', () => {
    let fast = 0;
    const texts = fc.oneof(fc.constantFrom(...scenarios.map((s) => s.text)), yamlText);
    fc.assert(
      fc.property(mutated(texts), (text) => {
        if (sameRead(text)) fast++;
      }),
      { seed: SEED + 1, numRuns: 1500 },
    );
    expect(fast).toBeGreaterThan(150);
  });

  it('mutated scenarios: loadScenario gives the same problems and scenario with the fast path on and off (300 texts)', () => {
    fc.assert(
      fc.property(mutated(fc.constantFrom(...scenarios.map((s) => s.text))), (text) => sameLoad(text)),
      { seed: SEED + 2, numRuns: 300 },
    );
  });

  it('the benchmark file (500 routes) is read by the fast path, the same as by the library', () => {
    const text = largeScenarioYaml(500);
    expect(sameRead(text)).toBe(true);
    sameLoad(text);
  });
});
