// Over 400 lines: the cases of one subject (openstack-plane), one describe block per rule or concern; a split would scatter one rule book section.
/**
 * OpenStack in the data plane (PROVIDERS.md 4.x, invariants 35–41) through the walker: states
 * from `initialState`, a compiled `ForwardingPlane`, one `Walker`.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { initialState, type TimelineAction } from '@cloudroute/engine';
import { defaultProfile } from '@cloudroute/model';
import type {
  AllowedAddressPair,
  Host,
  NetworkState,
  ProviderProfile,
  Subnet,
  Topology,
} from '@cloudroute/model';
import { ip, walk, type Walked } from './walk-helper.js';
import { appSub, dataNetwork, dataSub, fw1, network, topologyOf } from './fixtures.js';
import { formatIpv4 } from '@cloudroute/lpm';
import { stateAt } from '../src/simulate.js';
import { trace } from '../src/trace.js';

fc.configureGlobal({ seed: 20261125, numRuns: 150 });

const pathHas = (w: Walked, key: string): boolean => {
  const id = w.plane.registry.keys.indexOf(key);
  return id >= 0 && Array.from(w.walker.path.subarray(0, w.walker.pathLen)).includes(id);
};

interface Options {
  readonly appPairs?: readonly AllowedAddressPair[];
  readonly dataPairs?: readonly AllowedAddressPair[];
  readonly appPortSecurity?: boolean;
  readonly dataPortSecurity?: boolean;
  readonly fwForwards?: boolean;
  readonly appSub?: Partial<Subnet>;
  readonly dataSub?: Partial<Subnet>;
  readonly routerInterfaces?: readonly string[];
  readonly extraHosts?: readonly Host[];
  readonly router?: boolean;
  readonly snat?: boolean;
  readonly extraRoutes?: readonly { prefix: string; ip: string }[];
  readonly firewall?: 'none' | 'provider-default';
}

/**
 * Two networks joined by an appliance fw1 with a port on each (the lesson 8 shape), a router r1
 * on app-sub with an external gateway, a third network `public` (external).
 */
function topo(o: Options = {}): Topology {
  const app = network('app', 'openstack', {
    subnets: [appSub(o.appSub), { name: 'app-sub2', cidr: '192.168.11.0/24', gatewayIp: null }],
    hosts: [
      { name: 'web1', subnet: 'app-sub', ip: '192.168.10.10' },
      { name: 'web2', subnet: 'app-sub', ip: '192.168.10.20' },
      { name: 'web3', subnet: 'app-sub2', ip: '192.168.11.30' },
      fw1({
        ipForwarding: o.fwForwards ?? true,
        app: {
          ...(o.appPortSecurity !== undefined ? { portSecurity: o.appPortSecurity } : {}),
          ...(o.appPairs !== undefined ? { allowedAddressPairs: o.appPairs } : {}),
        },
        data: {
          ...(o.dataPortSecurity !== undefined ? { portSecurity: o.dataPortSecurity } : {}),
          ...(o.dataPairs !== undefined ? { allowedAddressPairs: o.dataPairs } : {}),
        },
      }),
      ...(o.extraHosts ?? []),
    ],
    gateways:
      o.router === false
        ? []
        : [
            {
              name: 'r1',
              kind: 'router',
              interfaces: o.routerInterfaces ?? ['app-sub'],
              externalGateway: { network: 'public', ...(o.snat === false ? { enableSnat: false } : {}) },
              routes: (o.extraRoutes ?? []).map((r) => ({
                prefix: r.prefix,
                nextHop: { type: 'ip', ip: r.ip },
              })),
            },
          ],
  });
  const pub = network('public', 'openstack', {
    external: true,
    subnets: [{ name: 'pub-sub', cidr: '203.0.113.0/24' }],
  });
  return topologyOf([app, dataNetwork(dataSub(o.dataSub)), pub], o.firewall ? { firewall: o.firewall } : {});
}

const state = (t: Topology, profile: ProviderProfile = defaultProfile): NetworkState =>
  initialState(t, profile);
const iptables: ProviderProfile = { ...defaultProfile, openstack: { firewallDriver: 'iptables' } };

/** Inclusive range of a pair's ip (address or CIDR). */
function inPair(pairs: readonly AllowedAddressPair[], a: number): boolean {
  return pairs.some((p) => {
    const [base, len] = p.ip.includes('/') ? p.ip.split('/') : [p.ip, '32'];
    const l = Number(len);
    const size = 2 ** (32 - l);
    const lo = ip(base!);
    return a >= lo && a < lo + size;
  });
}

const octet = fc.integer({ min: 2, max: 253 });
/** Pairs drawn around the app and data subnets (addresses and CIDRs of several lengths). */
const pairArb = fc
  .record({
    net: fc.constantFrom('192.168.10', '192.168.20', '10.9.9'),
    last: octet,
    len: fc.constantFrom(32, 28, 25, 24, 16),
  })
  .map(({ net, last, len }) => {
    const a = ip(`${net}.${last}`);
    const mask = (~0 << (32 - len)) >>> 0;
    return { ip: len === 32 ? `${net}.${last}` : `${formatIpv4((a & mask) >>> 0)}/${len}` };
  });
const pairsArb = fc.uniqueArray(pairArb, { maxLength: 4, selector: (p) => p.ip });

describe('OpenStack data plane', () => {
  it('invariant 35 (OS-R5, OS-R9): a forwarded packet leaves the appliance port only if its source is in the port pairs; port security off passes every source', () => {
    fc.assert(
      fc.property(pairsArb, octet, fc.boolean(), (dataPairs, last, secOff) => {
        const src = `192.168.10.${last}`;
        const t = topo(secOff ? { dataPairs: [], dataPortSecurity: false } : { dataPairs });
        const w = walk(state(t), 'app/app-sub', '192.168.20.10', src);
        const expected = secOff || inPair(dataPairs, ip(src)) ? 'delivered' : 'port-security';
        expect(w.outcome).toBe(expected);
        if (expected === 'port-security')
          expect(w.notes.some((n) => n.startsWith('egress-source:'))).toBe(true);
      }),
    );
  });

  it("invariant 35 (OS-R5): a host's own packets always leave its port (its fixed IP), whatever its pairs", () => {
    fc.assert(
      fc.property(pairsArb, (appPairs) => {
        const t = topo({ appPairs, extraHosts: [] });
        // fw1 itself sends to db1 (on-link through its data port) and web1 sends to web2.
        expect(walk(state(t), 'app/fw1', '192.168.20.10').outcome).toBe('delivered');
        expect(walk(state(t), 'app/web1', '192.168.10.20').outcome).toBe('delivered');
      }),
    );
  });

  it('invariant 36 (OS-R6): with OVN a packet reaches the appliance port only if its destination is in the pairs; with iptables the destination never matters', () => {
    fc.assert(
      fc.property(pairsArb, octet, (appPairs, last) => {
        const dst = `192.168.20.${last}`;
        const t = topo({ appPairs });
        const ovn = walk(state(t), 'app/web1', dst);
        expect(ovn.outcome).toBe(inPair(appPairs, ip(dst)) ? 'delivered' : 'port-security');
        if (ovn.outcome === 'port-security')
          expect(ovn.notes.some((n) => n.startsWith('ingress-destination:'))).toBe(true);
        expect(walk(state(t, iptables), 'app/web1', dst).outcome).toBe('delivered');
        // openvswitch: [GUESS] destination MAC only, not the IP (OS-R6).
        const ovs: ProviderProfile = { ...defaultProfile, openstack: { firewallDriver: 'openvswitch' } };
        expect(walk(state(t, ovs), 'app/web1', dst).outcome).toBe('delivered');
      }),
    );
  });

  it('invariant 39 (OS-R1): ports on one network meet at layer 2: no router, no route lookup; only the two ports can drop it', () => {
    const groupsArb = fc.option(fc.subarray(['default', 'web']), { nil: undefined });
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            prefix: fc.constantFrom('192.168.0.0/16', '192.168.10.0/24', '0.0.0.0/0', '192.168.11.0/24'),
            hop: fc.constantFrom('192.168.10.254', '192.168.10.99'),
          }),
          { maxLength: 3 },
        ),
        fc.boolean(),
        fc.boolean(),
        fc.constantFrom<['web1' | 'web2' | 'web3', 'web1' | 'web2' | 'web3']>(
          ['web1', 'web2'],
          ['web1', 'web3'],
          ['web3', 'web2'],
        ),
        fc.boolean(),
        groupsArb,
        groupsArb,
        (hostRoutes, router, fwForwards, [a, b], fw, ga, gb) => {
          const hosts = ['web1', 'web2', 'web3'];
          const t0 = topo({
            router,
            fwForwards,
            appSub: {
              hostRoutes: hostRoutes.map((r) => ({
                prefix: r.prefix,
                nextHop: { type: 'ip' as const, ip: r.hop },
              })),
            },
            firewall: fw ? 'provider-default' : 'none',
            dataPairs: [], // (a 192.168.10.0/24 pair on a default-group port would make every app address a member, OS-R7)
          });
          const t: Topology = {
            ...t0,
            networks: t0.networks.map((n) =>
              n.name !== 'app'
                ? n
                : {
                    ...n,
                    hosts: n.hosts.map((h) =>
                      h.name === a && ga !== undefined
                        ? { ...h, securityGroups: ga }
                        : h.name === b && gb !== undefined
                          ? { ...h, securityGroups: gb }
                          : h,
                    ),
                  },
            ),
          };
          expect(hosts).toContain(a);
          const dst = t.networks[0]!.hosts.find((h) => h.name === b)!.ip!;
          const w = walk(state(t), `app/${a}`, dst);
          expect(w.lookups).toEqual([]);
          expect(w.walker.lastTable).toBe(-1);
          expect(pathHas(w, 'gw:app/r1')).toBe(false);
          expect(pathHas(w, 'host:app/fw1')).toBe(false);
          // OS-R11 (provider-default): the sender needs a group to send, the receiver the default group.
          const egressOk = (ga ?? ['default']).length > 0;
          const ingressOk =
            (gb ?? ['default']).includes('default') && (ga ?? ['default']).includes('default');
          expect(w.outcome).toBe(!fw || (egressOk && ingressOk) ? 'delivered' : 'firewall');
        },
      ),
    );
  });

  it('OS-R3: a guest route through one of the host’s own addresses is ignored (the appliance does not loop through itself)', () => {
    const t = topo({
      appSub: {
        hostRoutes: [
          { prefix: '192.168.20.0/24', nextHop: { type: 'ip', ip: '192.168.10.254' } },
          { prefix: '10.99.0.0/16', nextHop: { type: 'ip', ip: '192.168.10.254' } },
        ],
      },
      snat: true,
    });
    // OVN: fw1's app port has no pair for 10.99.1.1, so the packet never reaches fw1.
    const w = walk(state(t), 'app/web1', '10.99.1.1');
    expect(w.lookups).toEqual(['app/app-sub']);
    expect(w.outcome).toBe('port-security');
    // With the pair: web1 → 10.99.1.1: host route to fw1; fw1's own app-sub table sends it to
    // itself → ignored → default via r1 → external (a private destination: no route there).
    const t2 = topo({
      // 10.99.0.0/16 to receive it (OVN), 192.168.10.0/24 to send web1's packets back out of the same port.
      appPairs: [{ ip: '192.168.20.0/24' }, { ip: '10.99.0.0/16' }, { ip: '192.168.10.0/24' }],
      appSub: t.networks[0]!.subnets[0]!,
    });
    const w2 = walk(state(t2), 'app/web1', '10.99.1.1');
    expect(w2.lookups).toEqual(['app/app-sub', 'app/app-sub', 'app/r1']);
    expect(w2.outcome).toBe('no-route');
  });

  it('a packet for another address of the appliance is delivered to it (forwarding or not), once OVN lets it in', () => {
    expect(walk(state(topo({ fwForwards: false })), 'app/web1', '192.168.20.254').outcome).toBe('delivered');
    expect(walk(state(topo({ appPairs: [] })), 'app/web1', '192.168.20.254').outcome).toBe('port-security');
    expect(walk(state(topo({ appPairs: [] }), iptables), 'app/web1', '192.168.20.254').outcome).toBe(
      'delivered',
    );
  });

  it('OS-R12, OS-R13, OS-R15: the default route leads to the router; the internet needs SNAT or a floating IP', () => {
    const fip: Host = { name: 'pub1', subnet: 'app-sub', ip: '192.168.10.50', publicIp: true };
    const snat = state(topo({ extraHosts: [fip] }));
    expect(walk(snat, 'app/web1', '8.8.8.8').outcome).toBe('delivered');
    expect(walk(snat, 'app/web1', '8.8.8.8').lookups).toEqual(['app/app-sub', 'app/r1']);
    const noSnat = state(topo({ snat: false, extraHosts: [fip] }));
    expect(walk(noSnat, 'app/web1', '8.8.8.8').outcome).toBe('no-public-ip');
    expect(walk(noSnat, 'app/pub1', '8.8.8.8').outcome).toBe('delivered');
    // An address of the external network is reached on it.
    expect(walk(noSnat, 'app/web1', '203.0.113.9').outcome).toBe('delivered');
    // No gateway_ip and no router: nothing covers the internet.
    const none = state(topo({ router: false, appSub: { gatewayIp: null } }));
    expect(walk(none, 'app/web1', '8.8.8.8').outcome).toBe('no-route');
  });

  it('invariant 40 (OS-R14): a router extra route sends to the appliance; one equal to a connected subnet replaces it', () => {
    // web3 on app-sub2 (no gateway) is not on the router; app-sub's router extra route 192.168.20.0/24 via fw1.
    const t = topo({
      appSub: { hostRoutes: [] },
      extraRoutes: [{ prefix: '192.168.20.0/24', ip: '192.168.10.254' }],
    });
    const w = walk(state(t), 'app/web1', '192.168.20.10');
    expect(w.lookups).toEqual(['app/app-sub', 'app/r1']);
    expect(w.outcome).toBe('delivered');
    expect(pathHas(w, 'host:app/fw1')).toBe(true);
    // Both subnets on the router: db1's default route leads to r1, whose connected app-sub route
    // carries it; an extra route equal to app-sub replaces it and sends app-sub traffic to fw1.
    const both = {
      routerInterfaces: ['app-sub', 'data/data-sub'],
      dataSub: { gatewayIp: '192.168.20.1', hostRoutes: [] },
    };
    const direct = walk(state(topo({ ...both, fwForwards: false })), 'data/db1', '192.168.10.10');
    expect(direct.lookups).toEqual(['data/data-sub', 'app/r1']);
    expect(direct.outcome).toBe('delivered');
    const viaFw = walk(
      state(
        topo({
          ...both,
          fwForwards: false,
          appPairs: [{ ip: '192.168.10.0/24' }], // so that OVN lets it reach fw1 (OS-R6)
          extraRoutes: [{ prefix: '192.168.10.0/24', ip: '192.168.10.254' }],
        }),
      ),
      'data/db1',
      '192.168.10.10',
    );
    expect(viaFw.lookups).toEqual(['data/data-sub', 'app/r1']);
    expect(viaFw.outcome).toBe('next-hop-not-forwarding');
  });

  it('OS-R11 (firewall: provider-default): the default group admits its members only; a port in other groups admits nothing', () => {
    const web4: Host = { name: 'web4', subnet: 'app-sub', ip: '192.168.10.40', securityGroups: ['web'] };
    const t = topo({
      firewall: 'provider-default',
      dataPairs: [{ ip: '192.168.10.10' }],
      extraHosts: [web4],
    });
    const s = state(t);
    expect(walk(s, 'app/web1', '192.168.10.20').outcome).toBe('delivered');
    expect(walk(s, 'app/web1', '192.168.10.40').outcome).toBe('firewall');
    expect(walk(s, 'app/web4', '192.168.10.20').outcome).toBe('firewall'); // web4 is no member of default
    expect(walk(s, 'app/web4', '8.8.8.8').outcome).toBe('delivered'); // egress any
    // Through the appliance: its ports are in the default group, and the pairs make web1's address a member.
    expect(walk(s, 'app/web1', '192.168.20.10').outcome).toBe('delivered');
    expect(walk(state({ ...t, firewall: 'none' }), 'app/web1', '192.168.10.40').outcome).toBe('delivered');
    // OS-R7 warning: a CIDR pair on a member port makes its whole range members (web4 included).
    const wide = state(topo({ firewall: 'provider-default', extraHosts: [web4] }));
    expect(walk(wide, 'app/web4', '192.168.10.20').outcome).toBe('delivered');
  });

  it('invariant 38 (OS-R4): a network port-security change leaves existing ports as they were', () => {
    const t = topo({ dataPairs: [] });
    const timeline: TimelineAction[] = [
      { at: 60, do: 'network.update', network: 'data', set: { portSecurity: false } },
    ];
    const input = { topology: t, profile: defaultProfile, timeline, horizon: 600, seed: 1 };
    expect(walk(stateAt(input, 0), 'app/web1', '192.168.20.10').outcome).toBe('port-security');
    expect(walk(stateAt(input, 120), 'app/web1', '192.168.20.10').outcome).toBe('port-security');
  });

  it('trace: port-security drops name the check (egress-source / ingress-destination)', () => {
    const egress = trace(state(topo({ dataPairs: [] })), 'app/web1', '192.168.20.10');
    expect(egress.verdict).toBe('dropped');
    expect(egress.reason).toBe('port-security');
    expect(egress.hops.map((h) => h.node)).toEqual(['app/app-sub']);
    expect(egress.hops[0]!.notes?.at(-1)).toMatch(/^egress-source: 192\.168\.10\.10 .*app\/fw1.*OS-R5/);
    const ingress = trace(state(topo({ appPairs: [] })), 'app/web1', '192.168.20.10');
    expect(ingress.reason).toBe('port-security');
    expect(ingress.hops[0]!.notes?.at(-1)).toMatch(/^ingress-destination: 192\.168\.20\.10 .*OS-R6/);
    const ok = trace(state(topo({ appPairs: [] }), iptables), 'app/web1', '192.168.20.10');
    expect(ok.verdict).toBe('delivered');
  });
});
