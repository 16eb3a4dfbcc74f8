/**
 * `firewall: rules` end to end from a scenario file (FILTERS.md): `run` names the deciding rule of
 * a firewall outage, a timeline change of a NACL entry re-forwards the flows it affects, the result
 * is the same for any --workers and shard split, and `trace` lists the checks (AWS-R40..R42).
 */
import { describe, expect, it } from 'vitest';
import { cli } from './helpers.js';
import { hubBranchYaml } from './hub-branch.js';

const scenario = (extra = ''): string => `
name: filters-e2e
seed: 3
horizon: 30m
firewall: rules
networks:
  - name: prod
    provider: aws
    cidrs: [10.0.0.0/16]
    subnets:
      - { name: web, cidr: 10.0.1.0/24 }
      - { name: db, cidr: 10.0.2.0/24, networkAcl: db-acl }
    routeTables: [ { name: main, main: true, routes: [] } ]
    hosts:
      - { name: web1, subnet: web, ip: 10.0.1.10, securityGroups: [web-sg] }
      - { name: db1, subnet: db, ip: 10.0.2.10, securityGroups: [db-sg] }
    securityGroups:
      - { name: web-sg, inbound: [] }
      - name: db-sg
        inbound: [ { name: pg, protocol: tcp, port: 5430-5433, securityGroup: web-sg } ]
    networkAcls:
      - name: db-acl
        inbound:
          - { ruleNumber: 90, protocol: tcp, port: 5431, cidr: 0.0.0.0/0, action: deny }
          - { ruleNumber: 100, protocol: tcp, port: 5430-5433, cidr: 10.0.0.0/16, action: allow }
        outbound:
          - { ruleNumber: 100, protocol: tcp, port: 1024-65535, cidr: 10.0.0.0/16, action: allow }
flows:
  - { name: pg, from: prod/web1, to: 10.0.2.10/32, protocol: tcp, port: 5430-5433, count: 40000 }
${extra}`;

const timeline = `
timeline:
  - { at: 10m, do: filterRule.replace, networkAcl: prod/db-acl, direction: inbound, rule: { ruleNumber: 90, protocol: tcp, port: 5431-5432, cidr: 0.0.0.0/0, action: deny } }
`;

describe('filters in a run, from a scenario file (firewall: rules)', () => {
  it('run: the firewall outage names the rule with the most lost flow-seconds; a NACL change re-forwards', async () => {
    const r = await cli(['run', 'f.yaml', '--json', '--workers', '1'], {
      files: { 'f.yaml': scenario(timeline) },
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as {
      groups: {
        availability: number;
        outages: { start: number; end: number; flows: number; reason: string; filter?: string }[];
      }[];
    };
    const g = doc.groups[0]!;
    // Flow k uses port 5430 + k mod 4: a quarter of the flows meet rule 90 (5431), half from 10m (5431-5432).
    expect(g.outages).toEqual([
      {
        start: 0,
        end: 1800,
        flows: 20000,
        reason: 'firewall',
        filter: 'prod/db-acl#90',
        lostRanges: ['10.0.2.10/32'],
      },
    ]);
    expect(g.availability).toBe(0.583333333);
    // Exact coverage splits the port range at the rules' port bounds (ports weigh alike, as flows do).
    expect((g as { addressAvailability?: number }).addressAvailability).toBe(0.583333333);
  });

  it('--workers 1 and 2 and shards 1/2 + 2/2 give byte-identical results', async () => {
    const files = { 'f.yaml': scenario(timeline) };
    const one = await cli(['run', 'f.yaml', '--json', '--workers', '1'], { files });
    const two = await cli(['run', 'f.yaml', '--json', '--workers', '2'], { files, cpus: 2 });
    expect(two.stdout).toBe(one.stdout);
    const parts = [];
    for (const k of [0, 1]) {
      const p = await cli(['run', 'f.yaml', '--json', '--shard', `${k}/2`], { files });
      expect(p.stderr).toBe('');
      expect(p.code).toBe(0);
      parts.push(p.stdout);
    }
    const merged = await cli(['merge', 'p0.json', 'p1.json', '--json'], {
      files: { 'p0.json': parts[0]!, 'p1.json': parts[1]! },
    });
    expect(merged.stdout).toBe(one.stdout);
  });

  it('trace --protocol --port: every check, request then reply, and the deciding one', async () => {
    /** `trace --json` of tcp to db1 on `port`. */
    const tracePort = async (port: number): Promise<unknown> => {
      const t = await cli(
        [
          'trace',
          'f.yaml',
          '--from',
          'prod/web1',
          '--to',
          '10.0.2.10',
          '--protocol',
          'tcp',
          '--port',
          `${port}`,
          '--json',
        ],
        { files: { 'f.yaml': scenario() } },
      );
      return JSON.parse(t.stdout);
    };
    const doc = (await tracePort(5431)) as {
      reason: string;
      filter: { object: string; rule: string; phase: string };
    };
    expect(doc.reason).toBe('firewall');
    expect(doc.filter).toMatchObject({ object: 'prod/db-acl', rule: '90', phase: 'request' });
    const d = (await tracePort(5432)) as {
      verdict: string;
      filters: { phase: string; at: string; rule: string }[];
    };
    expect(d.verdict).toBe('delivered');
    expect(d.filters.map((c) => `${c.phase} ${c.at} ${c.rule}`)).toEqual([
      'request prod/web1 outbound[0]',
      'request prod/web 100',
      'request prod/db 100',
      'request prod/db1 pg',
      'reply prod/db 100',
      'reply prod/web 100',
    ]);
  });

  it('AZ-R32: an NSG on GatewaySubnet stops the VPN gateway (azure.gatewaySubnetNsg: breaks); ignored, it forwards', async () => {
    const hub = (profile: string): string =>
      hubBranchYaml({
        head: `
name: gateway-subnet-nsg
seed: 1
horizon: 10m
firewall: rules
${profile}`,
        sku: 'VpnGw1',
        gatewaySubnetNsg: true,
        count: 100,
      });
    const trace = async (profile: string): Promise<{ verdict: string; reason?: string }> => {
      const t = await cli(['trace', 'g.yaml', '--from', 'hub/app', '--to', '192.168.50.10', '--json'], {
        files: { 'g.yaml': hub(profile) },
      });
      return JSON.parse(t.stdout) as { verdict: string; reason?: string };
    };
    expect(await trace('')).toMatchObject({ verdict: 'dropped', reason: 'next-hop-not-forwarding' });
    expect(await trace('profile: { azure: { gatewaySubnetNsg: ignored } }')).toMatchObject({
      verdict: 'delivered',
    });
  });
});
