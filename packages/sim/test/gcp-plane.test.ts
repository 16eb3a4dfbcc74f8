// Over 400 lines: the cases of one subject (gcp-plane), one describe block per rule or concern; a split would scatter one rule book section.
/**
 * GCP in the data plane (PROVIDERS.md 3.x, invariants 24–34) through the walker: states from
 * `initialState` (or the engine's timeline for changes), a compiled `ForwardingPlane`, a `Walker`.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { initialState, type TimelineAction } from '@cloudroute/engine';
import { defaultProfile } from '@cloudroute/model';
import type { Gateway, GcpPolicyRoute, Host, NetworkState, Route, Topology } from '@cloudroute/model';
import { ip, walk, type Walked } from './walk-helper.js';
import { CORP_APP, CORP_APPLIANCES, CORP_CLIENT, CORP_EAST, network } from './fixtures.js';
import { stateAt } from '../src/simulate.js';

fc.configureGlobal({ seed: 20261125, numRuns: 150 });

interface Options {
  readonly routes?: readonly Route[];
  readonly policyRoutes?: readonly GcpPolicyRoute[];
  readonly hosts?: readonly Host[];
  readonly gateways?: readonly Gateway[];
  readonly routingMode?: 'regional' | 'global';
  readonly defaultRoute?: boolean;
  readonly name?: string;
  readonly firewall?: 'none' | 'provider-default';
  readonly dcAdvertise?: readonly { prefix: string; med?: number }[];
}

const baseHosts: Host[] = [
  { name: 'vm1', subnet: 'app', ip: '10.20.0.10' },
  CORP_CLIENT,
  { name: 'client-east', subnet: 'east', ip: '10.21.0.11', tags: ['client'] },
  { name: 'vm-east', subnet: 'east', ip: '10.21.0.10' },
  ...CORP_APPLIANCES,
  { name: 'fw-east', subnet: 'east', ip: '10.21.0.5', ipForwarding: true },
  { name: 'pub', subnet: 'app', ip: '10.20.0.20', publicIp: true },
];

const baseGateways: Gateway[] = [
  { name: 'rtr1', kind: 'cloudRouter', region: 'us-central1', asn: 64514 },
  { name: 'havpn1', kind: 'haVpn', region: 'us-central1', router: 'rtr1' },
  { name: 'cvpn1', kind: 'classicVpn', region: 'us-central1' },
  { name: 'ilb-a', kind: 'ilb', region: 'us-central1', backends: ['fwa'] },
  { name: 'ilb-b', kind: 'ilb', region: 'us-east1', backends: ['fw-east'] },
  { name: 'ilb-3', kind: 'ilb', region: 'us-central1', backends: ['fwa', 'fwb', 'fwc'] },
];

/** corp: app (us-central1) and east (us-east1); HA VPN to dc (BGP), Classic VPN to lab (static). */
function topo(o: Options = {}): Topology {
  const corp = network(o.name ?? 'corp', 'gcp', {
    subnets: [CORP_APP, CORP_EAST],
    hosts: o.hosts ?? baseHosts,
    gateways: o.gateways ?? baseGateways,
    routes: o.routes ?? [],
    policyRoutes: o.policyRoutes ?? [],
    ...(o.routingMode ? { routingMode: o.routingMode } : {}),
    ...(o.defaultRoute !== undefined ? { defaultRoute: o.defaultRoute } : {}),
  });
  const n = corp.name;
  return {
    networks: [corp],
    sites: [
      {
        name: 'dc',
        cidrs: ['10.50.0.0/17'],
        asn: 65010,
        advertise: o.dcAdvertise ?? [{ prefix: '10.50.0.0/16', med: 100 }],
      },
      { name: 'lab', cidrs: ['10.50.200.0/24'] },
    ],
    connections: [
      { name: 'dc-ha', between: [`${n}/havpn1`, 'dc'], bgp: true, tunnels: 2 },
      { name: 'lab-vpn', between: [`${n}/cvpn1`, 'lab'], bgp: false },
    ],
    peerings: [],
    ...(o.firewall ? { firewall: o.firewall } : {}),
  };
}

/** A static route `name` to the site lab over the Classic VPN lab-vpn (GCP-R22). */
const toLab = (name: string, prefix: string, priority: number): Route => ({
  name,
  prefix,
  priority,
  nextHop: { type: 'vpnTunnel', connection: 'lab-vpn' },
});

const state = (t: Topology): NetworkState => initialState(t, defaultProfile);
const at = (t: Topology, timeline: TimelineAction[], time: number): NetworkState =>
  stateAt({ topology: t, profile: defaultProfile, timeline, horizon: 7200, seed: 1 }, time);

describe('GCP data plane', () => {
  it('invariant 24 (GCP-R8, GCP-R9): the matching policy route of lowest priority decides; defaultRouting equals no policy routes', () => {
    const prefixes = [
      '10.0.0.0/8',
      '10.21.0.0/24',
      '10.50.0.0/16',
      '10.50.1.0/24',
      '0.0.0.0/0',
      '10.20.0.0/24',
      '8.0.0.0/8',
    ];
    const pbr = fc.record({
      priority: fc.integer({ min: 0, max: 20 }),
      src: fc.option(fc.constantFrom(...prefixes), { nil: undefined }),
      dst: fc.option(fc.constantFrom(...prefixes), { nil: undefined }),
      hop: fc.constantFrom('ilb-a', 'ilb-b', 'default'),
    });
    const dsts = ['10.21.0.9', '10.50.1.9', '10.50.9.9', '10.20.0.99', '8.8.8.8', '10.99.0.1'];
    fc.assert(
      fc.property(fc.array(pbr, { maxLength: 5 }), fc.constantFrom(...dsts), (list, dst) => {
        const policyRoutes: GcpPolicyRoute[] = list.map((r, k) => ({
          name: `p${k}`,
          priority: r.priority,
          tags: ['client'], // applies to the client VMs only, not to the ILB backends
          match: { ...(r.src ? { src: r.src } : {}), ...(r.dst ? { dst: r.dst } : {}) },
          nextHop: r.hop === 'default' ? { type: 'defaultRouting' } : { type: 'ilb', gateway: r.hop },
        }));
        const w = walk(state(topo({ policyRoutes })), 'corp/client', dst);
        const none = walk(state(topo()), 'corp/client', dst);
        const contains = (prefix: string | undefined, a: string): boolean => {
          if (prefix === undefined) return true;
          const [b, l] = prefix.split('/');
          const size = 2 ** (32 - Number(l));
          return ip(a) >= ip(b!) && ip(a) < ip(b!) + size;
        };
        const winner = policyRoutes
          .filter((r) => contains(r.match.src, '10.20.0.11') && contains(r.match.dst, dst))
          .sort((a, b) => a.priority - b.priority || (a.name < b.name ? -1 : 1))[0];
        const ilbs = w.met.filter((k) => k.startsWith('gw:corp/ilb'));
        if (winner?.nextHop.type === 'ilb') {
          expect(ilbs).toEqual([`gw:corp/${winner.nextHop.gateway}`]);
          // ilb-b lives in us-east1 without global access: unreachable from us-central1 (GCP-R5).
          if (winner.nextHop.gateway === 'ilb-b') expect(w.outcome).toBe('next-hop-not-forwarding');
          // ilb-a's backend forwards by its own (untagged) routes: the outcome of no policy routes.
          else expect(w.outcome).toBe(none.outcome);
        } else {
          expect(ilbs).toEqual([]);
          expect(w.outcome).toBe(none.outcome);
          expect(w.met).toEqual(none.met);
        }
      }),
    );
  });

  it('GCP-R4, GCP-R8: a tagged policy route never applies to an untagged VM; an untagged one applies to the backend too (a loop)', () => {
    const tagged: GcpPolicyRoute = {
      name: 'inspect',
      priority: 10,
      tags: ['client'],
      match: { dst: '10.50.0.0/16' },
      nextHop: { type: 'ilb', gateway: 'ilb-a' },
    };
    const s = state(topo({ policyRoutes: [tagged] }));
    expect(walk(s, 'corp/vm1', '10.50.1.9').met).not.toContain('gw:corp/ilb-a');
    expect(walk(s, 'corp/client', '10.50.1.9')).toMatchObject({ outcome: 'delivered' });
    const untagged = state(topo({ policyRoutes: [{ ...tagged, tags: [] }] }));
    const w = walk(untagged, 'corp/vm1', '10.50.1.9');
    expect(w.outcome).toBe('loop');
    expect(w.notes.at(-1)).toMatch(/hands the packet back to corp\/fwa/);
  });

  it('GCP-R5: an ILB hands each flow to one running, forwarding backend by a hash of the flow (stable), never to a stopped one', () => {
    const pbr = (hosts: readonly Host[]): NetworkState =>
      state(
        topo({
          hosts,
          policyRoutes: [
            {
              name: 'all',
              priority: 1,
              tags: ['client'],
              match: {},
              nextHop: { type: 'ilb', gateway: 'ilb-3' },
            },
          ],
        }),
      );
    const backendOf = (w: Walked): string | undefined => /backend corp\/(\w+)/.exec(w.notes.join(' '))?.[1];
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 0xffffff }),
        fc.subarray(['fwa', 'fwb', 'fwc']),
        fc.constantFrom('running', 'ipForwarding'),
        (d, down, how) => {
          const dst = `10.50.${(d >>> 8) & 127}.${d & 255}`;
          const hosts = baseHosts.map((h) =>
            down.includes(h.name)
              ? { ...h, ...(how === 'running' ? { running: false } : { ipForwarding: false }) }
              : h,
          );
          const w1 = walk(pbr(hosts), 'corp/client', dst);
          const w2 = walk(pbr(hosts), 'corp/client', dst);
          expect(backendOf(w1)).toBe(backendOf(w2));
          if (down.length === 3) expect(w1.outcome).toBe('next-hop-not-forwarding');
          else {
            expect(down).not.toContain(backendOf(w1));
            expect(w1.outcome).toBe('delivered');
          }
        },
      ),
    );
    // Spread: the flows of one client over many destinations use every backend.
    const seen = new Set<string | undefined>();
    for (let k = 0; k < 64; k++) seen.add(backendOf(walk(pbr(baseHosts), 'corp/client', `10.50.1.${k}`)));
    expect([...seen].sort()).toEqual(['fwa', 'fwb', 'fwc']);
  });

  it('GCP-R5: an ILB next hop is unreachable from another region unless it has global access', () => {
    // Tagged: the route applies to the clients, not to the backend (which would send it back to the ILB).
    const routes: Route[] = [
      {
        name: 'via-ilb',
        prefix: '10.60.0.0/16',
        tags: ['client'],
        nextHop: { type: 'ilb', gateway: 'ilb-a' },
      },
    ];
    const regional = state(topo({ routes }));
    const central = walk(regional, 'corp/client', '10.60.0.1');
    expect(central.met).toContain('gw:corp/ilb-a');
    expect(central.notes).toContain(
      'corp/ilb-a hands the flow to backend corp/fwa (hash over 1 healthy backends)',
    );
    expect(central.outcome).toBe('no-route'); // fwa's default route: the internet gateway, a private destination
    const east = walk(regional, 'corp/client-east', '10.60.0.1');
    expect(east.outcome).toBe('next-hop-not-forwarding');
    expect(east.notes.at(-1)).toMatch(/without global access.*GCP-R5/);
    const global = state(
      topo({
        routes,
        gateways: baseGateways.map((g) => (g.name === 'ilb-a' ? { ...g, globalAccess: true } : g)),
      }),
    );
    expect(walk(global, 'corp/client-east', '10.60.0.1').outcome).toBe('no-route');
    expect(walk(global, 'corp/client-east', '10.60.0.1').met).toContain('gw:corp/ilb-a');
    // An untagged route applies to the backend too: fwa hands the packet back to the ILB, which picks fwa.
    const loop = walk(state(topo({ routes: [{ ...routes[0]!, tags: [] }] })), 'corp/vm1', '10.60.0.1');
    expect(loop.outcome).toBe('loop');
  });

  it('invariant 25 (GCP-R9 step 3, GCP-R12): a destination in a subnet is delivered there whatever custom routes exist', () => {
    const hop = fc.constantFrom<Route['nextHop']>(
      { type: 'instance', host: 'fwa' },
      { type: 'vpnTunnel', connection: 'lab-vpn' },
      { type: 'gateway', gateway: 'default-internet-gateway' },
      { type: 'ilb', gateway: 'ilb-3' },
    );
    const route = fc.record({
      prefix: fc.constantFrom(
        '10.21.0.0/24',
        '10.21.0.0/25',
        '10.21.0.128/26',
        '10.0.0.0/8',
        '10.21.0.0/16',
        '0.0.0.0/0',
      ),
      priority: fc.integer({ min: 0, max: 65535 }),
      nextHop: hop,
    });
    fc.assert(
      fc.property(
        fc.array(route, { maxLength: 4 }),
        fc.integer({ min: 2, max: 253 }),
        fc.boolean(),
        (routes, last, advertise) => {
          const t = topo({
            routes: routes.map((r, k) => ({ ...r, name: `r${k}` })),
            ...(advertise
              ? {
                  dcAdvertise: [
                    { prefix: '10.21.0.0/24', med: 0 },
                    { prefix: '10.50.0.0/16', med: 100 },
                  ],
                }
              : {}),
          });
          const w = walk(state(t), 'corp/vm1', `10.21.0.${last}`);
          expect(w.outcome).toBe('delivered');
          expect(w.met).toEqual([]);
          expect(w.lookups).toEqual(['corp/app']);
        },
      ),
    );
  });

  it('invariant 27 (EX-GCP-1, EX-GCP-3, GCP-R11): prefix length first, then priority; no preference between static and dynamic', () => {
    const lab = (prefix: string, priority: number): Route => toLab(`lab-${priority}`, prefix, priority);
    // The dynamic 10.50.0.0/16 (MED 100) to dc delivers 10.50.1.9; a static to lab does not (lab owns 10.50.200/24 only).
    expect(walk(state(topo()), 'corp/vm1', '10.50.1.9')).toMatchObject({
      outcome: 'delivered',
      met: ['conn:dc-ha'],
    });
    expect(walk(state(topo({ routes: [lab('10.50.0.0/16', 1000)] })), 'corp/vm1', '10.50.1.9').met).toContain(
      'conn:dc-ha',
    );
    expect(walk(state(topo({ routes: [lab('10.50.0.0/16', 99)] })), 'corp/vm1', '10.50.1.9').met).toContain(
      'conn:lab-vpn',
    );
    expect(
      walk(state(topo({ routes: [lab('10.50.1.0/24', 65535)] })), 'corp/vm1', '10.50.1.9').met,
    ).toContain('conn:lab-vpn');
    const w = walk(state(topo({ routes: [lab('10.50.1.0/24', 65535)] })), 'corp/vm1', '10.50.1.9');
    expect(w.outcome).toBe('no-route'); // lab does not own it
  });

  it('invariant 30 (GCP-R16): a dynamic route learned in us-central1 applies in us-east1 only in global routing mode', () => {
    expect(walk(state(topo()), 'corp/vm-east', '10.50.1.9').outcome).toBe('no-route'); // default route → internet, private destination
    const t = topo();
    const tl: TimelineAction[] = [
      { at: 600, do: 'network.update', network: 'corp', set: { routingMode: 'global' } },
    ];
    expect(walk(at(t, tl, 0), 'corp/vm-east', '10.50.1.9').outcome).toBe('no-route');
    expect(walk(at(t, tl, 600), 'corp/vm-east', '10.50.1.9')).toMatchObject({
      outcome: 'delivered',
      met: ['conn:dc-ha'],
    });
  });

  it('invariant 31 (GCP-R17): in global mode a static route of priority 10200 never beats the MED-100 dynamic route in any region', () => {
    const routes: Route[] = [toLab('wide', '10.50.0.0/16', 10200)];
    const s = state(topo({ routes, routingMode: 'global' }));
    for (const from of ['corp/vm1', 'corp/vm-east'])
      expect(walk(s, from, '10.50.1.9').met).toContain('conn:dc-ha');
    // Priority 300 wins in us-east1 (100 + inter-region cost 201 = 301) and loses in us-central1.
    const s300 = state(topo({ routes: [{ ...routes[0]!, priority: 300 }], routingMode: 'global' }));
    expect(walk(s300, 'corp/vm1', '10.50.1.9').met).toContain('conn:dc-ha');
    expect(walk(s300, 'corp/vm-east', '10.50.1.9').met).toContain('conn:lab-vpn');
  });

  it('invariant 32 (GCP-R6, GCP-R22): a route to a down Classic tunnel or a stopped VM is disregarded: the next best route carries it', () => {
    const routes: Route[] = [
      toLab('lab', '10.50.200.0/24', 1000),
      {
        name: 'egress',
        prefix: '0.0.0.0/0',
        priority: 900,
        tags: ['client'],
        nextHop: { type: 'instance', host: 'fwa' },
      },
    ];
    const t = topo({ routes });
    const tl: TimelineAction[] = [
      { at: 600, do: 'tunnel.down', connection: 'lab-vpn' },
      { at: 1200, do: 'host.update', host: 'corp/fwa', set: { running: false } },
    ];
    expect(walk(at(t, tl, 0), 'corp/vm1', '10.50.200.9')).toMatchObject({
      outcome: 'delivered',
      met: ['conn:lab-vpn'],
    });
    // Down: the static route is ignored; the dynamic 10.50.0.0/16 takes it to dc, which does not own 10.50.200/24.
    const down = walk(at(t, tl, 600), 'corp/vm1', '10.50.200.9');
    expect(down.met).toEqual(['conn:dc-ha']);
    expect(down.outcome).toBe('no-route');
    // fwa (0.0.0.0/0, priority 900, EX-GCP-6) carries the client's internet traffic; stopped, the default route (1000) does.
    expect(walk(at(t, tl, 0), 'corp/client', '8.8.8.8').lookups).toEqual(['corp/client', 'corp/app']);
    expect(walk(at(t, tl, 1200), 'corp/client', '8.8.8.8')).toMatchObject({
      lookups: ['corp/client'],
      outcome: 'no-public-ip',
    });
    // Untagged, the route applies to fwa itself: it sends its own forwarded packets back to itself.
    const untagged = walk(state(topo({ routes: [{ ...routes[1]!, tags: [] }] })), 'corp/vm1', '8.8.8.8');
    expect(untagged.outcome).toBe('loop');
    expect(untagged.lookups).toEqual(['corp/app', 'corp/app']);
  });

  it('HA VPN: one tunnel down keeps the dynamic routes; both down withdraws them, and traffic falls back to the static route', () => {
    const routes: Route[] = [toLab('backup', '10.50.0.0/16', 20000)];
    const t = topo({ routes });
    const tl: TimelineAction[] = [
      { at: 600, do: 'tunnel.down', connection: 'dc-ha', tunnel: 0 },
      { at: 1200, do: 'tunnel.down', connection: 'dc-ha', tunnel: 1 },
      { at: 2400, do: 'tunnel.up', connection: 'dc-ha' },
    ];
    expect(walk(at(t, tl, 700), 'corp/vm1', '10.50.1.9')).toMatchObject({
      outcome: 'delivered',
      met: ['conn:dc-ha'],
    });
    const late = walk(at(t, tl, 1200 + 600), 'corp/vm1', '10.50.1.9');
    expect(late.met).toEqual(['conn:lab-vpn']);
    expect(late.outcome).toBe('no-route');
    expect(walk(at(t, tl, 2400 + 600), 'corp/vm1', '10.50.1.9').outcome).toBe('delivered');
    // Without the static route, the default route takes it to the internet gateway: a private destination is dropped.
    const bare = walk(at(topo(), tl, 1200 + 600), 'corp/vm1', '10.50.1.9');
    expect(bare.met).toEqual([]);
    expect(['no-route', 'tunnel-down']).toContain(bare.outcome);
  });

  it('invariant 34 (GCP-R15): no default route: uncovered destinations are dropped no-route', () => {
    const s = state(topo({ defaultRoute: false }));
    expect(walk(s, 'corp/pub', '8.8.8.8').outcome).toBe('no-route');
    expect(walk(s, 'corp/vm1', '10.99.0.1').outcome).toBe('no-route');
  });

  it('GCP-R15: the default internet gateway needs a public IP on the VM or Cloud NAT in its region', () => {
    const s = state(topo());
    expect(walk(s, 'corp/pub', '8.8.8.8').outcome).toBe('delivered');
    expect(walk(s, 'corp/vm1', '8.8.8.8').outcome).toBe('no-public-ip');
    const nat = state(
      topo({
        gateways: [
          ...baseGateways,
          { name: 'nat1', kind: 'cloudNat', region: 'us-central1', router: 'rtr1' },
        ],
      }),
    );
    expect(walk(nat, 'corp/vm1', '8.8.8.8').outcome).toBe('delivered');
    expect(walk(nat, 'corp/vm-east', '8.8.8.8').outcome).toBe('no-public-ip');
  });

  it('GCP-R24 (firewall: provider-default): implied deny ingress, allow egress; the default network allows 10.128.0.0/9', () => {
    const s = state(topo({ firewall: 'provider-default' }));
    expect(walk(s, 'corp/vm1', '10.21.0.10').outcome).toBe('firewall');
    expect(walk(s, 'corp/pub', '8.8.8.8').outcome).toBe('delivered');
    expect(walk(s, 'corp/vm1', '10.50.1.9').outcome).toBe('delivered'); // to a site: egress only
    // An appliance is a VM too: traffic handed to it is ingress.
    const fw = state(
      topo({
        firewall: 'provider-default',
        routes: [{ name: 'x', prefix: '10.60.0.0/16', nextHop: { type: 'instance', host: 'fwa' } }],
      }),
    );
    expect(walk(fw, 'corp/vm1', '10.60.0.1').outcome).toBe('firewall');
    const def: Topology = {
      ...topo({ name: 'default', firewall: 'provider-default' }),
    };
    const d = {
      ...def,
      networks: def.networks.map((n) => ({
        ...n,
        subnets: [
          { name: 'app', cidr: '10.128.0.0/20', region: 'us-central1' },
          { name: 'east', cidr: '10.142.0.0/20', region: 'us-east1' },
        ],
        hosts: [
          { name: 'vm1', subnet: 'app', ip: '10.128.0.10' },
          { name: 'vm-east', subnet: 'east', ip: '10.142.0.10' },
        ],
        gateways: [],
      })),
      connections: [],
    };
    expect(walk(state(d), 'default/vm1', '10.142.0.10').outcome).toBe('delivered');
    expect(walk(state({ ...d, firewall: 'none' }), 'default/vm1', '10.142.0.10').outcome).toBe('delivered');
  });
});
