/**
 * `import azure` on fixtures in both shapes (IMPORTERS.md §2): the flattened `az network` JSON
 * (hub VNet, route table, NIC list, VPN gateway with a comma-joined BGP address, local gateways,
 * connections with shared keys) and ARM JSON (the spoke). The same resources converted to ARM give
 * the same scenario.
 */
import { describe, expect, it } from 'vitest';
import { formatWarning, importAzure, type SourceFile } from '@cloudroute/import';
import { trace } from '@cloudroute/sim';
import { fixtureFiles, golden, routesAt, scenarioOf, stateOf } from './helpers.js';

const cli = fixtureFiles('azure', 'cli');
const arm = fixtureFiles('azure', 'arm');
const result = importAzure([...cli, ...arm]);
const sc = scenarioOf(result.text);
const warnings = result.warnings.map(formatWarning);
const hub = sc.topology.networks.find((n) => n.name === 'hub')!;

/** The ARM shape of a CLI object: every non-envelope field under `properties`, at every level. */
const ENVELOPE = new Set(['id', 'name', 'type', 'location', 'etag', 'tags']);
const CHILDREN = ['subnets', 'routes', 'virtualNetworkPeerings', 'ipConfigurations'];
function toArm(o: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const props: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    if (k === 'resourceGroup') continue;
    const value =
      CHILDREN.includes(k) && Array.isArray(v) ? v.map((x) => toArm(x as Record<string, unknown>)) : v;
    if (ENVELOPE.has(k)) out[k] = value;
    else props[k] = value;
  }
  return Object.keys(props).length > 0 ? { ...out, properties: props } : out;
}
function armOf(f: SourceFile): SourceFile {
  const v = JSON.parse(f.text) as unknown;
  const conv = Array.isArray(v)
    ? v.map((x) => toArm(x as Record<string, unknown>))
    : toArm(v as Record<string, unknown>);
  return { path: f.path, text: JSON.stringify(conv) };
}

describe('import azure', () => {
  it('writes the golden scenario, which validates', () => {
    expect(result.text).toBe(golden('azure-hub-spoke.scenario.golden', result.text));
    expect(sc.topology.networks.map((n) => n.name)).toEqual(['hub', 'spoke']);
  });

  it('reads the ARM shape and the flattened CLI shape alike', () => {
    const fromArm = importAzure([...cli.map(armOf), ...arm]);
    expect(fromArm.document).toEqual(result.document);
  });

  it('splits a comma-joined bgpPeeringAddress when no bgpPeeringAddresses list is given', () => {
    const vng = hub.gateways.find((g) => g.name === 'vng1')!;
    expect(vng).toMatchObject({
      kind: 'vpn',
      vpnType: 'RouteBased',
      sku: 'VpnGw2',
      activeActive: true,
      asn: 65515,
    });
    expect(vng.bgpPeerIps).toEqual(['10.1.255.4', '10.1.255.5']);
  });

  it('prefers bgpPeeringAddresses over the comma list and does not infer active-active from it', () => {
    const r = importAzure(fixtureFiles('azure', 'arm-gateway'));
    const gw = scenarioOf(r.text).topology.networks[0]!.gateways[0]!;
    expect(gw).toMatchObject({
      name: 'gw1',
      activeActive: false,
      bgpPeerIps: ['10.12.255.4'],
      sku: 'HighPerformance',
    });
    expect(r.warnings.map(formatWarning).some((w) => w.includes('Updating'))).toBe(true);
  });

  it('compares ids case-insensitively and keeps one peering per pair of VNets', () => {
    expect(sc.topology.peerings).toHaveLength(1);
    expect(sc.topology.peerings[0]?.between).toEqual(['hub', 'spoke']);
    // AZ-R34: the hub allows gateway transit but the spoke does not use remote gateways: a plain peering.
    expect(sc.topology.peerings[0]?.gatewayTransit).toBeUndefined();
    expect(warnings.some((w) => w.includes('gateway transit'))).toBe(false);
  });

  it('reads route tables: next hop types in any case, service tags warned, propagation kept', () => {
    const rt = hub.routeTables.find((t) => t.name === 'web-rt')!;
    expect(rt.routes.map((r) => [r.name, r.prefix, r.nextHop.type])).toEqual([
      ['to-spoke', '10.2.0.0/16', 'VirtualAppliance'],
      ['drop-lab', '10.66.0.0/16', 'None'],
      ['keep-local', '10.1.1.0/24', 'VnetLocal'],
    ]);
    expect(warnings.some((w) => w.includes('AzureMonitor') && w.includes('service-tag'))).toBe(true);
    expect(hub.subnets.find((s) => s.name === 'web')?.routeTable).toBe('web-rt');
    expect(hub.subnets.find((s) => s.name === 'private')?.defaultOutboundAccess).toBe(false);
  });

  it('names hosts after their VM and keeps IP forwarding and public IPs', () => {
    expect(hub.hosts.map((h) => [h.name, h.ip, h.ipForwarding ?? false, h.publicIp ?? false])).toEqual([
      ['nva1', '10.1.2.4', true, false],
      ['web1', '10.1.1.10', false, true],
    ]);
  });

  it('imports local gateways as sites and connections, a NotConnected one down at 0s', () => {
    expect(sc.topology.sites.map((s) => [s.name, s.cidrs, s.asn])).toEqual([
      ['dc1', ['192.168.0.0/16'], 65010],
      ['branch', ['172.16.8.0/22'], undefined],
    ]);
    expect(sc.topology.connections.map((c) => [c.name, c.between, c.bgp])).toEqual([
      ['dc1-vpn', ['hub/vng1', 'dc1'], true],
      ['branch-vpn', ['hub/vng1', 'branch'], false],
    ]);
    expect(sc.timeline).toEqual([{ at: 0, do: 'tunnel.down', connection: 'branch-vpn' }]);
  });

  it('never writes the connections’ shared keys', () => {
    expect(result.text).not.toContain('FixtureAzureSharedKey');
    expect(warnings.join('\n')).not.toContain('FixtureAzureSharedKey');
    expect(result.text).not.toContain('sharedKey');
  });

  describe('traces after import', () => {
    const state = stateOf(sc, 0);
    it('web → spoke through the appliance', () => {
      const t = trace(state, 'hub/web1', '10.2.1.4');
      expect(t.verdict).toBe('delivered');
      // The last hop is the named peering crossed (no route of its own).
      expect(t.hops.map((h) => h.route?.nextHopType)).toEqual(['VirtualAppliance', 'VNetPeering', undefined]);
    });
    it('web → the data centre over BGP through the VPN gateway', () => {
      const t = trace(state, 'hub/web1', '192.168.1.1');
      expect(t.verdict).toBe('delivered');
      expect(t.hops[0]?.route?.nextHopType).toBe('VirtualNetworkGateway');
    });
    it('web → a None route is dropped', () => {
      expect(trace(state, 'hub/web1', '10.66.0.1').verdict).toBe('dropped');
    });
    it('the web subnet gets its UDRs and the BGP route from the gateway', () => {
      const view = routesAt(sc, 'hub/web');
      expect(view.routes.filter((r) => r.source === 'User').map((r) => r.prefix)).toEqual([
        '10.1.1.0/24',
        '10.2.0.0/16',
        '10.66.0.0/16',
      ]);
      expect(
        view.routes.some((r) => r.source === 'VirtualNetworkGateway' && r.prefix === '192.168.0.0/16'),
      ).toBe(true);
    });
  });
});
