/** The scenario writer's scalars read back as the same strings under the core schema (property). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { scalar, YamlWriter } from '../src/yaml-writer.js';

describe('YAML writer', () => {
  it('writes any string so that YAML reads it back unchanged, in block and flow context', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(parse(`k: ${scalar(s)}`, { schema: 'core' })).toEqual({ k: s });
        expect(parse(`k: [${scalar(s)}, { a: ${scalar(s)} }]`, { schema: 'core' })).toEqual({
          k: [s, { a: s }],
        });
      }),
      { seed: 7, numRuns: 2000 },
    );
  });

  it('writes plain what is unambiguous and quotes numbers, booleans and nulls', () => {
    expect(
      ['10.1.0.0/16', 'vpc-0a1', 'web', 'true', '1.5', '0x1F', 'null', '', 'a b', 'x: y'].map(scalar),
    ).toEqual([
      '10.1.0.0/16',
      'vpc-0a1',
      'web',
      '"true"',
      '"1.5"',
      '"0x1F"',
      '"null"',
      '""',
      '"a b"',
      '"x: y"',
    ]);
  });

  it('records the lines of each list item', () => {
    const w = new YamlWriter();
    w.mapping(
      { networks: [{ name: 'a', subnets: [{ name: 's', cidr: '10.0.0.0/24' }], routeTables: [] }] },
      0,
      [],
    );
    expect(w.lines).toEqual([
      'networks:',
      '  - name: a',
      '    subnets:',
      '      - { name: s, cidr: 10.0.0.0/24 }',
      '    routeTables: []',
    ]);
    expect(w.items).toEqual([
      { start: 4, end: 4, path: ['networks', 0, 'subnets', 0] },
      { start: 2, end: 5, path: ['networks', 0] },
    ]);
  });
});
