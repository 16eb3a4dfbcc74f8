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
import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { toYaml } from '../../../benchmarks/lib/yaml-emit.js';
import { largeScenarioYaml } from '../../../benchmarks/lib/large-scenario.js';
import { readYamlFast } from '../src/yaml-fast-read.js';
import {
  documents,
  editLists,
  edited,
  fastReadCount,
  scalars,
  sameLoad,
  sameRead,
  scenarioTexts,
  type Edit,
} from './fast-read-check.js';

const SEED = 20_261_208;

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

const scalar = scalars(
  EDGE_STRINGS,
  [0, -0, 1, -1, 1e3, 1.5, -2.5e-7, 1e21, 2 ** 70],
  [fc.stringMatching(/^[a-z0-9./:-]{1,12}$/)],
);
const documentValue = documents(scalar, KEYS, [...KEYS, ...EDGE_STRINGS]);

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
  .tuple(documentValue, fc.constantFrom(...Object.keys(WRITERS)), editLists(DECORATIONS, { maxLength: 3 }))
  .map(([doc, writer, edits]) => edited(DECORATIONS, WRITERS[writer]!(doc), edits));

const mutated = (texts: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc
    .tuple(texts, editLists(MUTATIONS, { minLength: 1, maxLength: 2 }))
    .map(([text, edits]) => edited(MUTATIONS, text, edits));

describe('the fast YAML path reads what the YAML library reads', () => {
  const scenarios = scenarioTexts();

  it('every scenario and example: the same data and offsets, or the library; the same load', () => {
    expect(scenarios.length).toBeGreaterThan(10);
    let fast = 0;
    for (const { text } of scenarios) {
      if (sameRead(text, readYamlFast)) fast++;
      sameLoad(text, 'f.yaml');
    }
    expect(fast).toBe(scenarios.length);
  });

  it('generated documents in the subset, decorated: the same data and offsets, or the library (1,000 texts)', () => {
    const fast = fastReadCount(yamlText, readYamlFast, { seed: SEED, numRuns: 1000 });
    // Both sides of the comparison are exercised.
    expect(fast).toBeGreaterThan(500);
    expect(fast).toBeLessThan(1000);
  });

  it('mutated scenarios and generated texts: the fast path declines or agrees (1,500 texts)', () => {
    const texts = fc.oneof(fc.constantFrom(...scenarios.map((s) => s.text)), yamlText);
    expect(fastReadCount(mutated(texts), readYamlFast, { seed: SEED + 1, numRuns: 1500 })).toBeGreaterThan(
      150,
    );
  });

  it('mutated scenarios: loadScenario gives the same problems and scenario with the fast path on and off (300 texts)', () => {
    fc.assert(
      fc.property(mutated(fc.constantFrom(...scenarios.map((s) => s.text))), (text) =>
        sameLoad(text, 'f.yaml'),
      ),
      { seed: SEED + 2, numRuns: 300 },
    );
  });

  it('the benchmark file (500 routes) is read by the fast path, the same as by the library', () => {
    const text = largeScenarioYaml(500);
    expect(sameRead(text, readYamlFast)).toBe(true);
    sameLoad(text, 'f.yaml');
  });
});
