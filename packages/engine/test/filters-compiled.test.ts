/**
 * The filter events as the model's compilers see them (FILTERS.md "Timeline": changes apply at
 * once): the state after an event compiles to programs that hold the change.
 */
import { describe, expect, it } from 'vitest';
import { compileFilters } from '@cloudroute/model';
import type { FilterProgram, NetworkState } from '@cloudroute/model';
import { apply, state } from './filters-fixtures.js';

const rules = (p: FilterProgram | undefined): string[] =>
  (p?.entries ?? []).map((e) => `${e.object}#${e.rule}`);

function after(s: NetworkState, ...acts: Parameters<typeof apply>[1][]): NetworkState {
  let next = s;
  for (const a of acts) {
    const t = apply(next, a);
    expect(t.rejections).toEqual([]);
    next = t.state;
  }
  return next;
}

describe('filter events reach the compiled filters at once', () => {
  it('AWS-R40: an entry added to the implicit default NACL filters the subnets that use it', () => {
    const s = state();
    const before = compileFilters(s).subnet('prod', 'db', 'in');
    const next = after(s, {
      do: 'filterRule.add',
      networkAcl: 'prod/default',
      direction: 'inbound',
      rule: { ruleNumber: 50, protocol: 'tcp', port: { lo: 22, hi: 22 }, cidr: '0.0.0.0/0', action: 'deny' },
    });
    const now = compileFilters(next).subnet('prod', 'db', 'in');
    expect(rules(now)).toEqual(['prod/default#50', ...rules(before)]);
    // web has its own NACL.
    expect(rules(compileFilters(next).subnet('prod', 'web', 'in'))).toEqual(
      rules(compileFilters(s).subnet('prod', 'web', 'in')),
    );
  });

  it('AWS-R35, AWS-R36: a rule added to a group and a group set on an ENI', () => {
    const s = state();
    const next = after(
      s,
      {
        do: 'filterRule.add',
        securityGroup: 'prod/db-sg',
        direction: 'inbound',
        rule: { name: 'redis', protocol: 'tcp', port: { lo: 6379, hi: 6379 }, cidr: '10.0.0.0/16' },
      },
      { do: 'host.update', host: 'prod/db1', set: { securityGroups: ['db-sg'] } },
    );
    const r = rules(compileFilters(next).host('prod', 'db1', 0, 'in'));
    expect(r).toContain('prod/db-sg#redis');
    expect(r).toContain('prod/db-sg#pg');
    expect(rules(compileFilters(s).host('prod', 'db1', 0, 'in'))).not.toContain('prod/db-sg#redis');
  });

  it('OS-R21: a group made stateless once no port uses it, then put on a port', () => {
    const s = state();
    const next = after(
      s,
      { do: 'filter.update', securityGroup: 'app/batch', set: { stateful: false } },
      { do: 'filterRule.add', securityGroup: 'app/batch', rule: { direction: 'ingress', protocol: 'udp' } },
      { do: 'host.update', host: 'app/srv2', set: { securityGroups: ['batch'] } },
    );
    const p = compileFilters(next).host('app', 'srv2', 0, 'in');
    expect(p?.stateful).toBe(false);
    expect(p?.entries.length).toBe(1);
    expect(compileFilters(s).host('app', 'srv2', 0, 'in')?.stateful).toBe(true);
  });

  it('AZ-R26, GCP-R26: NSG and firewall rules', () => {
    const s = state();
    const next = after(
      s,
      { do: 'filterRule.remove', networkSecurityGroup: 'hub/app-nsg', name: 'allow-https' },
      { do: 'filterRule.remove', network: 'corp', name: 'allow-ssh' },
    );
    expect(rules(compileFilters(s).subnet('hub', 'app', 'in'))).toContain('hub/app-nsg#allow-https');
    expect(rules(compileFilters(next).subnet('hub', 'app', 'in'))).not.toContain('hub/app-nsg#allow-https');
    expect(rules(compileFilters(s).host('corp', 'vm', 0, 'in')).join()).toMatch(/allow-ssh/);
    expect(rules(compileFilters(next).host('corp', 'vm', 0, 'in')).join()).not.toMatch(/allow-ssh/);
  });
});
