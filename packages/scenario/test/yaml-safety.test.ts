import { describe, expect, it } from 'vitest';
import { load } from './helpers.js';

const codes = (text: string): string[] => load(text).problems.map((p) => `${p.line}:${p.column} ${p.code}`);

describe('YAML is data, read safely', () => {
  it.each([
    ['!!js/function "function(){}"', '!!js/function'],
    ['!custom 3', '!custom'],
    ['!!str t', '!!str'],
    ['!!binary aGVsbG8=', '!!binary'],
    ['!<tag:yaml.org,2002:js/regexp> /x/', '!<tag:yaml.org,2002:js/regexp>'],
  ])('refuses the explicit tag in `name: %s`', (value, tag) => {
    const r = load(`name: ${value}\n`);
    expect(r.scenario).toBeUndefined();
    expect(r.lines).toContain(
      `f.yaml:1:7: YAML tag \`${tag}\` is not allowed — scenario files are data; remove the tag`,
    );
  });

  it('refuses tags on collections too', () => {
    expect(codes('name: t\nnetworks: !!seq\n  - !!map { name: a, provider: gcp }\n')).toEqual([
      '2:11 yaml-tag',
      '3:5 yaml-tag',
    ]);
  });

  it('refuses aliases, and a billion laughs costs nothing', () => {
    const lol = ['name: t', 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++)
      lol.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${new Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`,
      );
    const start = performance.now();
    const r = load(lol.join('\n'));
    expect(performance.now() - start).toBeLessThan(5000);
    expect(r.problems.filter((p) => p.code === 'yaml-alias')).toHaveLength(81);
    expect(r.problems.filter((p) => p.code === 'unknown-field').map((p) => p.line)).toEqual([
      2, 3, 4, 5, 6, 7, 8, 9, 10, 11,
    ]);
  });

  it('does not report the stand-in of a refused alias as a second problem', () => {
    const r = load(
      'name: t\nnetworks:\n  - { name: a, provider: aws, cidrs: &c [10.0.0.0/16] }\n  - { name: b, provider: aws, cidrs: *c }\n',
    );
    expect(r.lines).toEqual([
      'f.yaml:4:38: YAML alias `*c` is not allowed — write the value out in full (aliases can expand without bound)',
    ]);
  });

  it.each([
    ['flow', '['.repeat(20_000) + ']'.repeat(20_000)],
    ['block', '- '.repeat(20_000) + 'x'],
    ['mapping', Array.from({ length: 3000 }, (_, i) => `${' '.repeat(i)}a:`).join('\n')],
    ['json', '{"a":'.repeat(20_000) + '1' + '}'.repeat(20_000)],
  ])('reports deep %s nesting as one problem, without exhausting the stack', (_, text) => {
    const r = load(text);
    expect(r.problems.map((p) => p.code)).toEqual(['yaml-too-deep']);
    expect(r.lines[0]).toMatch(
      /nesting deeper than 64 levels — a scenario file is never this deep; flatten it$/,
    );
  });

  it('reports duplicate keys, at the repeat', () => {
    expect(load('name: a\nseed: 1\nname: b\n').lines).toEqual([
      'f.yaml:3:1: Map keys must be unique — each key may appear once in a mapping; remove or rename the repeat',
    ]);
  });

  it('reports a second document', () => {
    expect(codes('name: a\n---\nname: b\n')).toEqual(['2:1 yaml-multiple-documents']);
  });

  it('reports syntax errors with their place, all of them', () => {
    const r = load('name: "t\nseed: 1\n');
    expect(r.problems.length).toBeGreaterThan(0);
    expect(r.problems.every((p) => p.code === 'yaml-syntax' && p.line >= 1 && p.column >= 1)).toBe(true);
    expect(codes('name: t\nnetworks: [ { name: a, }\nseed: 1\n')[0]).toMatch(/^\d+:\d+ yaml-syntax$/);
  });

  it('refuses complex keys', () => {
    expect(codes('name: t\n? [a, b]\n: 1\n')).toContain('2:3 yaml-bad-key');
  });

  it('treats __proto__ as an unknown field and pollutes nothing', () => {
    const r = load('name: t\n__proto__: { polluted: true, seed: 5 }\nnetworks: []\n');
    expect(r.lines).toEqual([
      'f.yaml:2:1: unknown field `__proto__` — a scenario takes: $schema, name, description, seed, horizon, firewall, serviceTags, profile, networks, sites, connections, peerings, … (4 more)',
    ]);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('reads YAML 1.2 core scalars: yes is text, 0x10 is a number', () => {
    expect(load('name: t\nseed: 0x10\n').scenario?.seed).toBe(16);
    expect(load('name: t\nnetworks:\n  - { name: n, provider: openstack, external: yes }\n').lines).toEqual([
      'f.yaml:3:47: `external` must be `true` or `false`, not the text `yes` — write `true` or `false` (YAML 1.2: `yes`/`no` are text)',
    ]);
  });

  it('says what an empty or non-mapping file is', () => {
    expect(load('').lines).toEqual(['f.yaml:1:1: the file is empty — a scenario needs at least `name:`']);
    expect(load('# only a comment\n').lines).toEqual([
      'f.yaml:1:1: the file is empty — a scenario needs at least `name:`',
    ]);
    expect(load('- a\n').lines).toEqual([
      'f.yaml:1:1: a scenario file is a mapping of fields (`name:`, `networks:`, ...) — not a list or a single value',
    ]);
  });
});
