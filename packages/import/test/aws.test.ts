/**
 * `import aws` on a multi-account fixture in Batfish's aws_configs layout, written to carry the
 * traps of IMPORTERS.md §1: implicit main-table association, a table both main and explicitly
 * associated, propagated and static routes to one VGW, a blackhole, prefix lists (expanded and
 * not), a disassociated CIDR, deleted records, a TGW and a peering repeated in both accounts, a
 * tunnel reported DOWN, and pre-shared keys that must not leak.
 */
import { describe, expect, it } from 'vitest';
import { importAws, formatWarning } from '@cloudroute/import';
import { trace } from '@cloudroute/sim';
import { fixtureFiles, golden, routesAt, scenarioOf, stateOf } from './helpers.js';

const files = fixtureFiles('aws-multi-account');
const result = importAws(files);
const sc = scenarioOf(result.text);
const warnings = result.warnings.map(formatWarning);
const net = (name: string) => sc.topology.networks.find((n) => n.name === name)!;
const rows = (target: string) =>
  routesAt(sc, target).routes.map((r) => `${r.prefix} ${r.source} ${r.state} ${r.nextHopType}`);

describe('import aws (multi-account fixture)', () => {
  it('writes the golden scenario, which validates', () => {
    expect(result.text).toBe(golden('aws-multi-account.scenario.golden', result.text));
    expect(sc.topology.networks.map((n) => n.name)).toEqual(['prod', 'shared', 'tools']);
  });

  it('keeps provider ids and names objects by their Name tag', () => {
    expect(net('prod').id).toBe('vpc-0a1');
    expect(net('prod').subnets.map((s) => [s.name, s.id])).toContainEqual(['inspect', 'subnet-0a1fw']);
    // No Name tag: the id is the name.
    expect(net('shared').routeTables.map((t) => t.name)).toEqual(['rtb-0b1main']);
  });

  it('ignores disassociated VPC CIDRs', () => {
    expect(net('prod').cidrs).toEqual(['10.10.0.0/16']);
  });

  it('resolves the implicit main-table association and a main table also associated explicitly', () => {
    const prod = net('prod');
    expect(prod.routeTables.find((t) => t.main === true)?.name).toBe('main');
    expect(prod.subnets.find((s) => s.name === 'inspect')?.routeTable).toBeUndefined();
    expect(prod.subnets.find((s) => s.name === 'db')?.routeTable).toBe('main');
    expect(rows('prod/inspect')).toEqual(rows('prod/db'));
  });

  it('tells propagated from static routes to the same VGW (Origin), via the site that advertises them', () => {
    expect(rows('prod/inspect')).toEqual([
      '10.10.0.0/16 local active local',
      '0.0.0.0/0 propagated active vgw',
      '172.16.0.0/16 propagated active vgw',
      '192.168.50.0/24 static active vgw',
      // The branch's static VPN route propagates too; the table's static route wins (AWS-R6).
      '192.168.50.0/24 propagated active vgw',
    ]);
    const dc1 = sc.topology.sites.find((s) => s.name === 'dc1')!;
    expect(dc1.cidrs).toEqual(['172.16.0.0/16']);
    expect(dc1.advertise?.map((a) => a.prefix)).toEqual(['172.16.0.0/16', '0.0.0.0/0']);
    expect(dc1.internetEgress).toBe(true);
    expect(sc.topology.connections.find((c) => c.name === 'dc1-vpn')?.bgp).toBe(true);
    expect(sc.topology.connections.find((c) => c.name === 'branch-vpn')?.bgp).toBe(false);
    expect(sc.topology.sites.find((s) => s.name === 'branch')?.cidrs).toEqual(['192.168.50.0/24']);
  });

  it('keeps blackhole routes, which still win and drop', () => {
    expect(rows('prod/app')).toContain('198.51.100.0/24 static blackhole blackhole');
    const t = trace(stateOf(sc, 0), 'prod/app', '198.51.100.7');
    expect(t.verdict).toBe('dropped');
    expect(t.reason).toBe('blackhole');
  });

  it('expands prefix lists it has and warns about those it has not', () => {
    const pub = net('prod').routeTables.find((t) => t.name === 'public-rt')!;
    expect(pub.routes.map((r) => r.prefix)).toEqual(['0.0.0.0/0', '52.216.0.0/15', '54.231.0.0/17']);
    expect(warnings.some((w) => w.includes('pl-0unknown') && w.includes('$.RouteTables[1].Routes[3]'))).toBe(
      true,
    );
    // AWS-R45: the route to the S3 gateway endpoint is imported (its prefixes are already routed
    // to the IGW in this table, so the endpoint gets no route here), not skipped with a warning.
    expect(warnings.some((w) => w.includes('vpce-0s3'))).toBe(false);
    expect(net('prod').gateways.find((g) => g.id === 'vpce-0s3')?.kind).toBe('vpcEndpoint');
  });

  it('skips deleted and stale records with a warning each', () => {
    for (const id of ['nat-0dead', 'pcx-0gone', 'vpn-0old', 'tgw-attach-0old', 'i-0old'])
      expect(
        warnings.some((w) => w.includes(id)),
        id,
      ).toBe(true);
    expect(result.text).not.toContain('nat-0dead\n');
    expect(result.text).not.toMatch(/id: (nat-0dead|pcx-0gone|vpn-0old)/);
  });

  it('deduplicates the transit gateway and the peering seen from both accounts', () => {
    const tgws = sc.topology.networks.flatMap((n) => n.gateways.filter((g) => g.kind === 'tgw'));
    expect(tgws.map((g) => g.id)).toEqual(['tgw-0shared']);
    expect(tgws[0]?.attachments?.map((a) => a.name)).toEqual(['prod-att', 'tools-att']);
    expect(tgws[0]?.routeTables?.[0]?.routes).toEqual([
      { prefix: '10.66.0.0/16', blackhole: true },
      { prefix: '10.77.0.0/16', attachment: 'tools-att' },
    ]);
    expect(sc.topology.peerings.map((p) => p.id)).toEqual(['pcx-0ab']);
  });

  it('imports hosts from ENIs and instances with public addresses and source/destination check', () => {
    const hosts = net('prod').hosts;
    expect(hosts.find((h) => h.name === 'fw1')).toMatchObject({
      ip: '10.10.9.10',
      sourceDestCheck: false,
      id: 'eni-0fw',
    });
    expect(hosts.find((h) => h.name === 'bastion')).toMatchObject({ ip: '10.10.1.10', publicIp: true });
    // The NAT gateway's own interface is the NAT gateway, not a host.
    expect(hosts.some((h) => h.ip === '10.10.1.50')).toBe(false);
  });

  it('turns a tunnel reported DOWN into tunnel.down at 0s', () => {
    expect(sc.timeline).toEqual([{ at: 0, do: 'tunnel.down', connection: 'dc1-vpn', tunnel: 1 }]);
  });

  it('keeps an unknown Origin and reports it', () => {
    expect(rows('prod/app')).toContain('203.0.113.0/24 static active igw');
    expect(warnings.some((w) => w.includes('SomethingNew'))).toBe(true);
  });

  it('never writes a pre-shared key', () => {
    const all = `${result.text}\n${warnings.join('\n')}`;
    for (const secret of [
      'FixturePsk-dc-Tunnel1-9f8e7d',
      'FixturePsk-dc-Tunnel2-6c5b4a',
      'FixturePsk-Opt-Tunnel1-abcdef',
      'FixturePsk-Opt-Tunnel2-123456',
    ])
      expect(all).not.toContain(secret);
    expect(all).not.toContain('pre_shared_key');
  });

  describe('traces after import', () => {
    const state = stateOf(sc, 0);
    const path = (from: string, to: string) => {
      const t = trace(state, from, to);
      return { verdict: t.verdict, hops: t.hops.map((h) => `${h.node} ${h.route?.nextHopType ?? '-'}`) };
    };
    it('app → internet through the NAT gateway and the IGW', () => {
      expect(path('prod/app', '8.8.8.8')).toEqual({
        verdict: 'delivered',
        hops: ['prod/app nat', 'prod/nat1 -', 'prod/public igw', 'prod/prod-igw -'],
      });
    });
    it('app → the peered VPC in the other account', () => {
      expect(path('prod/app', '10.20.1.10')).toEqual({
        verdict: 'delivered',
        hops: ['prod/app peering', 'peering:prod-shared -'],
      });
      expect(path('shared/svc', '10.10.2.20').verdict).toBe('delivered');
    });
    it('app → tools through the shared transit gateway', () => {
      expect(path('prod/app', '10.30.1.10')).toEqual({
        verdict: 'delivered',
        hops: ['prod/app tgw', 'prod/core-tgw#core vpc'],
      });
    });
    it('public → S3 by the expanded prefix list', () => {
      expect(path('prod/bastion', '52.216.10.1')).toEqual({
        verdict: 'delivered',
        hops: ['prod/public igw', 'prod/prod-igw -'],
      });
    });
    it('inspect (main table) → on-premises over the BGP VPN', () => {
      expect(path('prod/inspect', '172.16.5.5').verdict).toBe('delivered');
    });
  });
});
