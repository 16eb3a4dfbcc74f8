/**
 * `firewall: rules` in the data plane, AWS (AWS-R41..R43, invariants 46–48): where security groups
 * and network ACLs are checked on a path, the stateless reply, ephemeral ports, NAT gateways. The
 * programs are hand-written (filters-helper.ts), so these tests pin the plane's order, not a compiler.
 */
import { describe, expect, it } from 'vitest';
import type { FilterProgram, Topology } from '@cloudroute/model';
import { trace } from '../src/trace.js';
import { open, program, rule, TCP, useTestFilters, type TestFilters } from './filters-helper.js';
import { network, stateOf, topologyOf } from './fixtures.js';

const sgOut = (host: string): FilterProgram => open('securityGroup', 'outbound', `prod/${host}-sg`);
const acl = (name: string, dir: string, entries: ReturnType<typeof rule>[]): FilterProgram =>
  program('networkAcl', dir, entries, { object: `prod/${name}`, rule: '*' });

/** web1 (10.0.1.10), web2 (10.0.1.11) in web; db1 (10.0.2.10) in db; nat1 in pub; an internet gateway. */
function topology(): Topology {
  const net = network('prod', 'aws', {
    cidrs: ['10.0.0.0/16'],
    subnets: [
      { name: 'web', cidr: '10.0.1.0/24', routeTable: 'private' },
      { name: 'db', cidr: '10.0.2.0/24', routeTable: 'private' },
      { name: 'pub', cidr: '10.0.9.0/24', routeTable: 'public' },
    ],
    routeTables: [
      { name: 'private', routes: [{ prefix: '0.0.0.0/0', nextHop: { type: 'nat', gateway: 'nat1' } }] },
      {
        name: 'public',
        main: true,
        routes: [{ prefix: '0.0.0.0/0', nextHop: { type: 'igw', gateway: 'igw1' } }],
      },
    ],
    hosts: [
      { name: 'web1', subnet: 'web', ip: '10.0.1.10' },
      { name: 'web2', subnet: 'web', ip: '10.0.1.11' },
      { name: 'db1', subnet: 'db', ip: '10.0.2.10' },
    ],
    gateways: [
      { name: 'igw1', kind: 'igw' },
      { name: 'nat1', kind: 'nat', subnet: 'pub' },
    ],
  });
  return topologyOf([net], { firewall: 'rules' });
}

/** db1's SG admits tcp 5432 from web; db's NACL admits 5432 in and `dbOut` out; web's NACL allows all. */
function filters(dbOut: readonly [number, number], pubIn?: readonly [number, number]): TestFilters {
  const allowAll = (name: string, dir: string): FilterProgram =>
    acl(name, dir, [rule(`prod/${name}`, '100', true)]);
  return {
    host: {
      web1: { out: sgOut('web1'), in: open('securityGroup', 'inbound', 'prod/web1-sg') },
      web2: { out: sgOut('web2'), in: open('securityGroup', 'inbound', 'prod/web2-sg') },
      db1: {
        out: sgOut('db1'),
        in: program(
          'securityGroup',
          'inbound',
          [rule('prod/db-sg', 'pg', true, { protocol: TCP, ports: [5432, 5432], src: '10.0.1.0/24' })],
          { object: 'prod/db1' },
        ),
      },
    },
    subnet: {
      web: { in: allowAll('web-acl', 'inbound'), out: allowAll('web-acl', 'outbound') },
      db: {
        in: acl('db-acl', 'inbound', [
          rule('prod/db-acl', '100', true, { protocol: TCP, ports: [5432, 5432] }),
        ]),
        out: acl('db-acl', 'outbound', [rule('prod/db-acl', '100', true, { protocol: TCP, ports: dbOut })]),
      },
      pub: {
        in: acl('pub-acl', 'inbound', [
          rule('prod/pub-acl', '100', true, { protocol: TCP, ports: [443, 443] }),
          rule('prod/pub-acl', '110', true, { protocol: TCP, ports: pubIn ?? [0, 65535] }),
        ]),
        out: acl('pub-acl', 'outbound', [
          rule('prod/pub-acl', '100', true, { protocol: TCP, ports: [443, 443] }),
          rule('prod/pub-acl', '110', true, { protocol: TCP, ports: [1024, 65535] }),
        ]),
      },
    },
  };
}

describe('AWS filters in the data plane (firewall: rules)', () => {
  it('AWS-R41, AWS-R42, invariant 47: SG out, NACL out, NACL in, SG in; the reply meets both NACLs reversed', () => {
    useTestFilters(() => filters([32768, 65535]));
    const t = trace(stateOf(topology()), 'prod/web1', '10.0.2.10', { protocol: 'tcp', port: 5432 });
    expect(t.verdict).toBe('delivered');
    expect(
      t.filters!.map((c) => `${c.phase} ${c.at} ${c.kind} ${c.direction} ${c.action} ${c.object}#${c.rule}`),
    ).toEqual([
      'request prod/web1 securityGroup outbound allow prod/web1-sg#all',
      'request prod/web networkAcl outbound allow prod/web-acl#100',
      'request prod/db networkAcl inbound allow prod/db-acl#100',
      'request prod/db1 securityGroup inbound allow prod/db-sg#pg',
      'reply prod/db networkAcl outbound allow prod/db-acl#100',
      'reply prod/web networkAcl inbound allow prod/web-acl#100',
    ]);
    // The destination's check is at hops.length; the first at the source's table.
    expect(t.filters![0]!.hop).toBe(0);
    expect(t.filters![3]!.hop).toBe(t.hops.length);
  });

  it('AWS-R42: a NACL whose outbound rule does not hold the whole ephemeral range drops the reply', () => {
    useTestFilters(() => filters([1024, 40000]));
    const t = trace(stateOf(topology()), 'prod/web1', '10.0.2.10', { protocol: 'tcp', port: 5432 });
    expect(t.verdict).toBe('dropped');
    expect(t.reason).toBe('firewall');
    expect(t.filter).toMatchObject({
      phase: 'reply',
      object: 'prod/db-acl',
      rule: '*',
      direction: 'outbound',
      at: 'prod/db',
    });
    // invariant 48: a client range inside the rule's passes.
    const narrow = trace(stateOf(topology()), 'prod/web1', '10.0.2.10', {
      protocol: 'tcp',
      port: 5432,
      sourcePorts: { lo: 32768, hi: 40000 },
    });
    expect(narrow.verdict).toBe('delivered');
  });

  it('AWS-R35: the destination SG admits only its port; no protocol on the flow matches no tcp rule', () => {
    useTestFilters(() => filters([0, 65535]));
    const s = stateOf(topology());
    const other = trace(s, 'prod/web1', '10.0.2.10', { protocol: 'tcp', port: 22 });
    expect(other.verdict).toBe('dropped');
    // db's NACL only admits 5432: it decides first (path order).
    expect(other.filter).toMatchObject({ object: 'prod/db-acl', rule: '*', phase: 'request' });
    const any = trace(s, 'prod/web1', '10.0.2.10');
    expect(any.reason).toBe('firewall');
  });

  it('AWS-R41, invariant 46: within one subnet no NACL is met, even one denying everything', () => {
    useTestFilters(() => ({
      ...filters([0, 65535]),
      subnet: {
        web: {
          in: acl('web-acl', 'inbound', []),
          out: acl('web-acl', 'outbound', []),
        },
      },
    }));
    const t = trace(stateOf(topology()), 'prod/web1', '10.0.1.11', { protocol: 'tcp', port: 80 });
    expect(t.verdict).toBe('delivered');
    expect(t.filters!.map((c) => c.kind)).toEqual(['securityGroup', 'securityGroup']);
  });

  it('AWS-R41, AWS-R42: a NAT gateway adds its subnet NACL in and out; beyond it source ports are 1024-65535', () => {
    // pub's inbound rule holds 32768-65535 only: the reply to the NAT's 1024-65535 is dropped.
    useTestFilters(() => filters([0, 65535], [32768, 65535]));
    const s = stateOf(topology());
    const t = trace(s, 'prod/web1', '93.184.216.34', { protocol: 'tcp', port: 443 });
    expect(t.filters!.filter((c) => c.phase === 'request').map((c) => `${c.at} ${c.direction}`)).toEqual([
      'prod/web1 outbound',
      'prod/web outbound',
      'prod/pub inbound',
      'prod/pub outbound',
    ]);
    expect(t.verdict).toBe('dropped');
    expect(t.filter).toMatchObject({ phase: 'reply', at: 'prod/pub', direction: 'inbound', rule: '*' });
    // Opened to 1024-65535 the reply passes; port 80 is stopped entering pub (its inbound rules: 443, 1024-65535).
    useTestFilters(() => filters([0, 65535], [1024, 65535]));
    const s2 = stateOf(topology());
    expect(trace(s2, 'prod/web1', '93.184.216.34', { protocol: 'tcp', port: 443 }).verdict).toBe('delivered');
    expect(trace(s2, 'prod/web1', '93.184.216.34', { protocol: 'tcp', port: 80 }).filter).toMatchObject({
      at: 'prod/pub',
      direction: 'inbound',
      phase: 'request',
    });
  });

  it('invariant 55: under none (and provider-default) the trace has no filter keys', () => {
    useTestFilters(() => filters([1, 1]));
    for (const mode of ['none', 'provider-default'] as const) {
      const t = trace(stateOf({ ...topology(), firewall: mode }), 'prod/web1', '10.0.2.10', {
        protocol: 'tcp',
        port: 22,
      });
      expect(t.verdict).toBe('delivered');
      expect('filters' in t || 'filter' in t).toBe(false);
    }
  });
});
