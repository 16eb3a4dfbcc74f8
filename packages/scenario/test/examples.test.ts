import { describe, expect, it } from 'vitest';
import { defaultProfile } from '@cloudroute/model';
import { locate } from '../src/index.js';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { EXAMPLE_NAMES, example, load } from './helpers.js';

describe('the contract examples', () => {
  it.each(EXAMPLE_NAMES)('%s validates with no problem and no warning', (name) => {
    const r = load(example(name), `${name}.yaml`);
    expect(r.lines).toEqual([]);
    expect(r.scenario).toBeDefined();
  });

  it('gives seconds, canonical text and the model types (aws-vpc)', () => {
    const s = load(example('aws-vpc')).scenario!;
    expect(s.name).toBe('example-aws-vpc');
    expect(s.seed).toBe(2);
    expect(s.horizon).toBe(7200);
    expect(s.firewall).toBe('none');
    expect(s.profile).toEqual(defaultProfile);
    const prod = s.topology.networks[0]!;
    expect(prod).toMatchObject({ name: 'prod', provider: 'aws', cidrs: ['172.20.0.0/16'] });
    expect(prod.routeTables[1]!.routes[0]).toEqual({
      prefix: '0.0.0.0/0',
      nextHop: { type: 'nat', gateway: 'nat1' },
    });
    expect(prod.gateways.map((g) => g.kind)).toEqual(['igw', 'nat', 'vgw']);
    expect(s.topology.connections[0]).toEqual({ name: 'dc-vpn', between: ['prod/vgw1', 'dc'], bgp: true });
    expect(s.flows[0]).toEqual({ name: 'app-internet', from: 'prod/app', to: 'internet', count: 10000 });
    expect(s.timeline.map((a) => a.at)).toEqual([600, 1200, 1800, 2400, 3000, 3300, 3600, 4200, 4500, 4800]);
    expect(s.timeline[1]).toEqual({
      at: 1200,
      do: 'route.add',
      routeTable: 'prod/private-rt',
      route: { prefix: '172.20.2.128/25', nextHop: { type: 'eni', ip: '172.20.9.10' } },
    });
    expect(s.expect).toEqual([{ flows: 'app-shared', during: [0, 7200], reachable: 1 }]);
    expect(s.chaos).toBeUndefined();
  });

  it('turns chaos repair times into ranges and keeps durations in seconds (azure-hub)', () => {
    const s = load(example('azure-hub')).scenario!;
    expect(s.chaos).toEqual({
      runs: 20,
      faults: [
        { kind: 'tunnel.down', connection: 'branch-vpn', mtbf: 30 * 86400, mttr: { min: 300, max: 7200 } },
        { kind: 'gateway.failover', gateway: 'hub/vng1', mtbf: 90 * 86400 },
      ],
    });
    const vng = s.topology.networks[0]!.gateways[0]!;
    expect(vng).toMatchObject({ kind: 'vpn', provisioning: 2400, bgpPeerIps: ['10.1.255.4', '10.1.255.5'] });
    expect(s.timeline.find((a) => a.do === 'routeTable.associate' && a.routeTable === null)).toBeDefined();
    expect(s.timeline.find((a) => a.do === 'route.add' && 'site' in a)).toEqual({
      at: 125 * 60,
      do: 'route.add',
      site: 'dc1',
      route: { prefix: '10.1.255.5/32', via: 'dc1-vpn' },
    });
  });

  it('keeps GCP and OpenStack networks without cidrs or route tables (gcp-openstack)', () => {
    const s = load(example('gcp-openstack')).scenario!;
    const [corp, app] = s.topology.networks;
    expect(corp).toMatchObject({ provider: 'gcp', cidrs: [], routeTables: [], routingMode: 'regional' });
    expect(corp!.gateways[0]).toMatchObject({ kind: 'cloudRouter', keepalive: 20 });
    expect(corp!.policyRoutes![0]).toMatchObject({
      priority: 10,
      match: { src: '10.20.0.0/24', dst: '10.50.0.0/16' },
    });
    expect(app!.hosts[1]!.ports![1]).toEqual({
      subnet: 'data/data-sub',
      ip: '192.168.20.254',
      allowedAddressPairs: [{ ip: '192.168.10.0/24' }],
    });
    expect(s.topology.networks[2]!.subnets[0]!.gatewayIp).toBeNull();
    expect(s.timeline.find((a) => a.do === 'network.update')).toEqual({
      at: 2400,
      do: 'network.update',
      network: 'corp',
      set: { routingMode: 'global' },
    });
  });

  it.each(EXAMPLE_NAMES)('the fixture copy of %s equals the contract example', (name) => {
    const copy = readFileSync(fileURLToPath(new URL(`./fixtures/${name}.yaml.txt`, import.meta.url)), 'utf8');
    expect(copy).toBe(example(name));
  });

  it('locates timeline entries and topology objects in the file', () => {
    const s = load(example('azure-hub'), 'azure-hub.yaml').scenario!;
    expect(locate(s, ['timeline', 0])).toEqual({ file: 'azure-hub.yaml', line: 52, column: 5 });
    expect(locate(s, ['networks', 0, 'subnets', 1, 'cidr'])).toEqual({
      file: 'azure-hub.yaml',
      line: 11,
      column: 28,
    });
    expect(locate(s, ['topology', 'networks', 0, 'subnets', 1, 'cidr'])).toEqual({
      file: 'azure-hub.yaml',
      line: 11,
      column: 28,
    });
  });
});
