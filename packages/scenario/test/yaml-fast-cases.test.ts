/**
 * The fast YAML path's edges, case by case: what it reads (and reads as the library does), what
 * it leaves to the library (the safety rules: anchors, aliases, tags, merge keys, directives, a
 * second document; and multi-line forms), and a large file's problems located through it at the
 * same line and column as through the library.
 */
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { largeScenarioYaml } from '../../../benchmarks/lib/large-scenario.js';
import { loadWith } from '../src/load-scenario.js';
import { readYamlFast } from '../src/yaml-fast-read.js';

const READ: readonly string[] = [
  'a: 1\nb: [x, "y", \'z\', {c: d}]\n',
  '# head\n---\na: b # note\n\n  # indented note\nc:\n  - 1\n  - - x\n    - y\n',
  'a:\n- x\n- y\nb: ~\nc:\n',
  'a: |\n  one\n  two\nb: >-\n  folded\n  lines\n\n  para\n',
  'a: 1\r\nb:\r\n  c: "x # y"\r\n',
  "a: { b: [1, 2.5, -0, 0x1F, 0o17, .inf, -.Inf, .nan, 1e3, true, Null, \"\", 'it''s'] }\n",
  'n: fd00::/8\nu: http://x:80/y\nf: [fd00::/8, a:b]\nh: a#b\n',
  '"quoted key": 1\n\'single\': 2\nkey with spaces: 3\n-k: 4\n',
  'a: "esc \\" \\\\ \\/ \\n \\u00e9"\n',
  'a: [1,\n  2]\nb: [1, 2, ]\nc: {d: 1, }\n',
  'a:\n  - {\n      b: 1, # note\n      c:\n        {\n          d: [x,\n\n            y],\n        },\n    }\n',
  'a:\n  [\n    x,\n# note\n    y,\n  ]\n',
];

const LEFT_TO_LIBRARY: Record<string, string> = {
  anchor: 'a: &x 1\nb: 2\n',
  alias: 'a: 1\nb: *x\n',
  tag: 'a: !!str 1\n',
  customTag: 'a: !js/function f\n',
  merge: 'a: {b: 1}\n<<: {c: 2}\n',
  mergeInFlow: 'a: {<<: {c: 2}}\n',
  directive: '%YAML 1.2\n---\na: 1\n',
  secondDocument: 'a: 1\n---\nb: 2\n',
  documentEnd: 'a: 1\n...\n',
  complexKey: '? a\n: 1\n',
  multiLinePlain: 'a: one\n  two\n',
  multiLineQuoted: 'a: "one\n  two"\n',
  emptyItem: 'a:\n  -\n  - x\n',
  duplicateKey: 'a: 1\na: 2\n',
  duplicateFlowKey: 'a: {b: 1, b: 2}\n',
  proto: '__proto__: {a: 1}\n',
  nonStringKey: '1: a\n',
  nullKey: 'null: a\n',
  keepChomping: 'a: |+\n  x\n\n',
  indentIndicator: 'a: |2\n   x\n',
  moreIndented: 'a: >\n  x\n    y\n',
  tab: 'a:\t1\n',
  loneCarriageReturn: 'a: 1\rb: 2\n',
  bom: '\ufeffa: 1\n',
  rootList: '- a\n',
  rootScalar: 'a\n',
  empty: '',
  pairInSequence: 'a: [b: 1]\n',
  jsonStyleKey: 'a: {"b":1}\n',
  otherEscape: 'a: "\\x41"\n',
  badIndent: 'a:\n    b: 1\n  c: 2\n',
  flowBadIndent: 'a: [\nx]\n',
  emptyFlowEntry: 'a: [1, , 2]\n',
  multiLinePlainInFlow: 'a: [x\n  y]\n',
  multiLineFlowKey: 'a: {b\n  : 1}\n',
};

describe('the fast YAML path, case by case', () => {
  it.each(READ)('reads %j as the library does', (text) => {
    const fast = readYamlFast(text);
    expect(fast).toBeDefined();
    expect(fast!.data).toEqual(parse(text, { schema: 'core' }));
  });

  it.each(Object.entries(LEFT_TO_LIBRARY))('leaves %s to the library', (_, text) => {
    expect(readYamlFast(text)).toBeUndefined();
  });

  it('a large file with broken routes: the same problems at the same places as through the library', () => {
    const text = largeScenarioYaml(3_000)
      .replace('{ prefix: 11.0.7.0/24,', '{ prefix: 11.0.7.0/33,')
      .replace(
        '{ prefix: 11.0.9.0/24, nextHop: { type: instance, host: fw1 } }',
        '{ prefix: 11.0.9.0/24, nextHop: { type: instance, host: fw9 }, extra: 1 }',
      )
      .replace('    routes:\n', '    routes:\n      # the routes\n');
    expect(readYamlFast(text)).toBeDefined();
    const fast = loadWith(text, 'large.yaml', true);
    const slow = loadWith(text, 'large.yaml', false);
    expect(fast.problems.length).toBeGreaterThan(1);
    expect(fast).toEqual({ ...slow, ...(slow.scenario ? { scenario: fast.scenario } : {}) });
  });
});
