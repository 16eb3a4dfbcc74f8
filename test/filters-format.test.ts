/**
 * The filter format end to end (FILTERS.md "Validation"): `validate` refuses bad filter input with
 * exit 2 and `file:line:column` messages carrying the rule id, prints filter warnings and exits 0,
 * and a scenario with every kind of filter validates.
 */
import { describe, expect, it } from 'vitest';
import { FILTERED } from '../packages/scenario/test/filters-fixture.js';
import { cli } from './helpers.js';

const broken: readonly { what: string; from: string; to: string; line: number; match: RegExp }[] = [
  {
    what: 'AWS-R36 securityGroups: []',
    from: 'securityGroups: [web-sg] }',
    to: 'securityGroups: [] }',
    line: 21,
    match: /at least one security group.*\[AWS-R36\]/,
  },
  {
    what: 'AWS-R40 rule number',
    from: 'ruleNumber: 100, protocol: tcp',
    to: 'ruleNumber: 40000, protocol: tcp',
    line: 19,
    match: /1–32766.*\[AWS-R40\]/,
  },
  {
    what: 'AZ-R26 priority',
    from: 'priority: 200,',
    to: 'priority: 100,',
    line: 32,
    match: /used twice.*\[AZ-R26\]/,
  },
  {
    what: 'GCP-R26 allow and deny',
    from: 'deny: [ { protocol: all } ] }',
    to: 'deny: [ { protocol: all } ], allow: [ { protocol: tcp } ] }',
    line: 40,
    match: /not both.*\[GCP-R26\]/,
  },
  {
    what: 'OS-R19 two remotes',
    from: 'remoteGroup: default }',
    to: 'remoteGroup: default, remoteIpPrefix: 10.0.0.0/8 }',
    line: 50,
    match: /\[OS-R19\]/,
  },
  {
    what: 'a misspelt prefix list',
    from: 'prefixList: corp }',
    to: 'prefixList: crop }',
    line: 15,
    match: /unknown prefix list `crop`/,
  },
];

describe('filters in `validate`', () => {
  it('accepts a scenario with every kind of filter', async () => {
    const r = await cli(['validate', 'f.yaml'], { files: { 'f.yaml': FILTERED } });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  for (const b of broken)
    it(`refuses ${b.what}: exit 2, located, with the rule id`, async () => {
      const text = FILTERED.replace(b.from, b.to);
      expect(text).not.toBe(FILTERED);
      const r = await cli(['validate', 'f.yaml'], { files: { 'f.yaml': text } });
      expect(r.code).toBe(2);
      const lines = r.stderr.trim().split('\n');
      for (const l of lines) expect(l).toMatch(/^f\.yaml:\d+:\d+: /);
      expect(lines.some((l) => l.startsWith(`f.yaml:${b.line}:`) && b.match.test(l))).toBe(true);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    });

  it('prints FILTERS-OFF warnings and still succeeds', async () => {
    const text = FILTERED.replace('firewall: rules', 'firewall: none');
    const r = await cli(['validate', 'f.yaml'], { files: { 'f.yaml': text } });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^f\.yaml:12:5: warning: network prod declares filters.*\[FILTERS-OFF\]/m);
  });
});
