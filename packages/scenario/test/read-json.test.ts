/**
 * The JSON fast path (`json-read.ts`) against the YAML reader it stands in for: on generated
 * scenario-like JSON texts (edge scalars, escapes, keys with spaces, duplicate keys, tabs, carriage
 * returns, comments, bad indentation, cut texts) the fast path either declines or gives the same
 * data and the same offset for every path; `loadScenario` gives the same problems, warnings and
 * scenario with the fast path on and off, on those texts and on every scenario and example file
 * written as JSON. Pinned seeds.
 */
import fc from 'fast-check';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { looksLikeJson, readJson } from '../src/json-read.js';
import { loadWith } from '../src/load-scenario.js';
import {
  documents,
  editLists,
  edited,
  fastReadCount,
  scalars,
  paths,
  sameLoad,
  scenarioTexts,
  type Edit,
} from './fast-read-check.js';

const SEED = 20_261_207;

/** The JSON fast path as the loader takes it: only for a text that looks like JSON. */
const readFast = (text: string) => (looksLikeJson(text) ? readJson(text) : undefined);

/** The scenario files and contract examples, as plain data. */
const scenarioDocuments = (): { name: string; data: unknown }[] =>
  scenarioTexts().map(({ name, text }) => ({ name, data: parse(text) as unknown }));

const EDGE_STRINGS = [
  'yes',
  'no',
  'on',
  '0x1F',
  '0o17',
  '1e3',
  '.inf',
  '-.inf',
  '.nan',
  '~',
  'null',
  'true',
  'False',
  '',
  ' ',
  'a: b',
  '- x',
  '# not a comment',
  '"quoted"',
  "it's",
  'back\\slash',
  'tab\there',
  'line\nbreak',
  'crlf\r\nhere',
  '\u00e9\u{1F600}',
  '\u0000',
  '\u0085',
  '\u2028',
  '\ud800',
  '{[,]}',
  '&anchor',
  '*alias',
  '!tag',
  '%directive',
  '---',
  '10.0.0.0/16',
  '1h',
  'aws',
];
const KEYS = [
  'name',
  'provider',
  'cidrs',
  'subnets',
  'routes',
  'prefix',
  'nextHop',
  'type',
  'key with spaces',
  'é',
  '1',
  '0x10',
  'null',
  'true',
  '',
  'a"b',
  'a\\b',
  '__proto__x',
  'constructor',
  'toString',
];

const scalar = scalars(EDGE_STRINGS, [
  0,
  -0,
  1,
  -1,
  1e3,
  1.5,
  -2.5e-7,
  1e21,
  2 ** 70,
  Number.MAX_SAFE_INTEGER + 2,
]);
const documentValue = documents(scalar, KEYS, KEYS);

/** Mutations of a JSON text: what a hand-edited JSON file might hold. */
const EDITS: Record<string, Edit> = {
  duplicateKey: (t) => t.replace(/\{\s*("(?:[^"\\]|\\.)*")\s*:/, (m, k: string) => `${m} 1, ${k}:`),
  tab: (t, at) => `${t.slice(0, at)}\t${t.slice(at)}`,
  cr: (t, at) => `${t.slice(0, at)}\r${t.slice(at)}`,
  crlf: (t) => t.replace(/\n/g, '\r\n'),
  comment: (t, at) => `${t.slice(0, at)} # note\n${t.slice(at)}`,
  badIndent: (t, at) => `${t.slice(0, at)}\n${t.slice(at)}`,
  dedent: (t) => t.replace(/\n +/g, '\n'),
  cut: (t, at) => t.slice(0, at),
  trailing: (t) => `${t}\n---\n{}`,
  trailingText: (t) => `${t} x`,
  leadingBlank: (t) => `\n  \n ${t}`,
  bom: (t) => `\ufeff${t}`,
  anchor: (t) => t.replace(/:\s*/, ': &a '),
  tag: (t) => t.replace(/:\s*/, ': !!str '),
  singleQuote: (t) => t.replace(/"([a-z]*)"/, "'$1'"),
  unquotedKey: (t) => t.replace(/"([a-z]+)":/, '$1:'),
  protoKey: (t) => t.replace(/\{/, '{"__proto__": {"x": 1},'),
  noSpace: (t) => t.replace(/": /g, '":'),
  bigInteger: (t) => t.replace(/:\s*-?[0-9.e+-]+(?=[,\s}\]])/, ': 123456789012345678901234567'),
  none: (t) => t,
};

const jsonText = fc
  .tuple(documentValue, fc.constantFrom<number | string>(0, 1, 2, 4), editLists(EDITS, { maxLength: 2 }))
  .map(([doc, indent, edits]) => edited(EDITS, JSON.stringify(doc, null, indent), edits));

describe('the JSON fast path reads what the YAML reader reads', () => {
  it('generated JSON texts with edits: the same data and offsets, or the YAML reader (1,500 texts)', () => {
    const fast = fastReadCount(jsonText, readFast, { seed: SEED, numRuns: 1500 });
    // Both sides of the comparison are exercised.
    expect(fast).toBeGreaterThan(300);
    expect(fast).toBeLessThan(1500);
  });

  it('generated JSON texts with edits: loadScenario gives the same with the fast path on and off (500 texts)', () => {
    fc.assert(
      fc.property(jsonText, (text) => sameLoad(text, 'f.json')),
      { seed: SEED + 1, numRuns: 500 },
    );
  });

  it('every scenario and example, as JSON: the same scenario, source map and problems', () => {
    const docs = scenarioDocuments();
    expect(docs.length).toBeGreaterThan(10);
    for (const { data } of docs) {
      for (const indent of [0, 2]) {
        const text = JSON.stringify(data, null, indent);
        expect(readJson(text)).toBeDefined();
        sameLoad(text, 'f.json', data);
      }
    }
  });

  it('broken scenarios as JSON (a field removed, renamed or changed to an edge value): the same problems at the same places', () => {
    const docs = scenarioDocuments();
    const pathsOf = docs.map(({ data }) => paths(data).filter((p) => p.length > 0));
    fc.assert(
      fc.property(
        fc.nat(docs.length - 1),
        fc.nat(),
        fc.constantFrom('delete', 'rename', 'edge', 'duplicate'),
        fc.constantFrom(...EDGE_STRINGS, 0, -1, 1e3, true, null, [], {}),
        (d, p, how, edge) => {
          const data = structuredClone(docs[d]!.data);
          const all = pathsOf[d]!;
          const path = all[p % all.length]!;
          let parent: unknown = data;
          for (const seg of path.slice(0, -1))
            parent = (parent as Record<string, unknown> | undefined)?.[seg];
          const last = path.at(-1)!;
          if (parent === null || typeof parent !== 'object') return;
          const obj = parent as Record<string | number, unknown>;
          if (!(last in obj)) return;
          if (how === 'delete') {
            if (Array.isArray(obj)) obj.splice(Number(last), 1);
            else delete obj[last];
          } else if (how === 'rename' && !Array.isArray(obj)) {
            obj[`${String(last)}s`] = obj[last];
            delete obj[last];
          } else if (how === 'duplicate' && Array.isArray(obj)) obj.push(structuredClone(obj[Number(last)]));
          else obj[last] = edge;
          sameLoad(JSON.stringify(data, null, 2), 'f.json', data);
        },
      ),
      { seed: SEED + 2, numRuns: 300 },
    );
  });

  it('a duplicate key anywhere is left to the YAML reader, which refuses it where it is', () => {
    const text = '{\n  "name": "a",\n  "networks": [ { "name": "n", "name": "m" } ]\n}\n';
    expect(readJson(text)).toBeUndefined();
    const r = loadWith(text, 'f.json', true);
    expect(r.problems.map((p) => `${p.line}:${p.column} ${p.code}`)).toEqual(['3:32 yaml-syntax']);
  });

  it('past the value limit a JSON file is refused as YAML refuses it; its newlines are no values', () => {
    const dense = `{"name": "x", "flows": [${'1,'.repeat(4_600_000)}1]}`;
    const fast = loadWith(dense, 'f.json', true);
    expect(fast.problems.map((p) => p.code)).toEqual(['too-large']);
    expect(fast).toEqual(loadWith(dense, 'f.json', false));
    // A JSON file keeps no value per line: 4,600,001 newlines are not 4,600,001 values to it.
    const airy = `{"name": "x"${'\n'.repeat(4_600_001)}}`;
    expect(loadWith(airy, 'f.json', false).problems.map((p) => p.code)).toEqual(['too-large']);
    expect(loadWith(airy, 'f.json', true).problems.map((p) => p.code)).not.toContain('too-large');
  });

  it('nesting past the YAML bound is left to the YAML reader, which reports it', () => {
    const text = `{"a": ${'['.repeat(70)}${']'.repeat(70)}}`;
    expect(readJson(text)).toBeUndefined();
    expect(loadWith(text, 'f.json', true).problems.map((p) => p.code)).toContain('yaml-too-deep');
  });
});
