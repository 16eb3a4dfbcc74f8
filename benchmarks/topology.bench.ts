/**
 * The large-topology benchmark (`pnpm bench topology [--json] [--quick]`): a generated estate of
 * about 200 networks and 2,000 subnets, an on-prem site whose own table holds a 500,000-prefix
 * feed, 10,000,000 flows and 100 timeline events, run through `runJob` on both cores.
 *
 * 40% AWS, 40% Azure, 10% GCP and 10% OpenStack networks.
 *
 * `--json` prints `{ flows, events, seconds, peakRssBytes, workers, networks, subnets, sitePrefixes, providers }`.
 */
import { availableParallelism } from 'node:os';
import { defaultProfile, type Network, type Route, type Site } from '@cloudroute/model';
import type { TimelineAction } from '@cloudroute/engine';
import { runJob, type FlowGroup, type SimScenario } from '@cloudroute/sim';

const args = new Set(process.argv.slice(2));
const quick = args.has('--quick');
const json = args.has('--json');

/** mulberry32: a small seeded PRNG, so the estate is the same on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rand = prng(2026);
const NETS = quick ? 20 : 200;
const SUBNETS = 10;
const SITE_PREFIXES = quick ? 20_000 : 500_000;
const flowsArg = process.argv.find((a) => a.startsWith('--flows='));
const FLOWS = flowsArg ? Number(flowsArg.slice(8)) : quick ? 200_000 : 10_000_000;
const GROUPS = 100;
const EVENTS = 100;

const q = (a: number, b: number, c: number, d: number): string => `${a}.${b}.${c}.${d}`;

/** A BGP-like prefix length: mostly /24, many /16–/23, few shorter. */
function bgpLength(): number {
  const r = rand();
  if (r < 0.55) return 24;
  if (r < 0.95) return 16 + Math.floor(rand() * 8);
  return 8 + Math.floor(rand() * 8);
}

function sitePrefixes(n: number): Route[] {
  const seen = new Set<string>();
  const out: Route[] = [];
  while (out.length < n) {
    const len = bgpLength();
    const first = 11 + Math.floor(rand() * 180); // public space above 10/8
    if (first === 100 || first === 127 || first === 169 || first === 172 || first === 192) continue;
    const addr = ((first << 24) | Math.floor(rand() * 0xffffff)) >>> 0;
    const net = (addr & (len === 0 ? 0 : (~0 << (32 - len)) >>> 0)) >>> 0;
    const p = `${q(net >>> 24, (net >>> 16) & 255, (net >>> 8) & 255, net & 255)}/${len}`;
    if (seen.has(p)) continue;
    seen.add(p);
    out.push({ prefix: p, nextHop: { type: 'VnetLocal' } });
  }
  return out;
}

/** The provider of network i: 40% AWS, 40% Azure, 10% GCP, 10% OpenStack. */
function providerOf(i: number): Network['provider'] {
  const r = i % 10;
  return r < 4 ? 'aws' : r < 8 ? 'azure' : r === 8 ? 'gcp' : 'openstack';
}

function awsNetwork(name: string, b: number): Network {
  return {
    name,
    provider: 'aws',
    cidrs: [`10.${b}.0.0/16`],
    subnets: Array.from({ length: SUBNETS }, (_, s) => ({
      name: `s${s}`,
      cidr: `10.${b}.${s}.0/24`,
      routeTable: s === 0 ? 'public' : 'private',
    })),
    routeTables: [
      { name: 'public', routes: [{ prefix: '0.0.0.0/0', nextHop: { type: 'igw', gateway: 'igw' } }] },
      {
        name: 'private',
        propagateGatewayRoutes: true,
        routes: [{ prefix: '0.0.0.0/0', nextHop: { type: 'nat', gateway: 'nat' } }],
      },
    ],
    hosts: [{ name: 'fw', subnet: 's1', ip: `10.${b}.1.10`, sourceDestCheck: false }],
    gateways: [
      { name: 'igw', kind: 'igw' },
      { name: 'nat', kind: 'nat', subnet: 's0' },
      { name: 'vgw', kind: 'vgw', asn: 64512 },
    ],
  };
}

function azureNetwork(name: string, b: number): Network {
  return {
    name,
    provider: 'azure',
    cidrs: [`10.${b}.0.0/16`],
    subnets: Array.from({ length: SUBNETS }, (_, s) => ({
      name: s === SUBNETS - 1 ? 'GatewaySubnet' : `s${s}`,
      cidr: `10.${b}.${s}.0/24`,
      ...(s < 3 ? { routeTable: 'rt' } : {}),
    })),
    routeTables: [
      {
        name: 'rt',
        routes: [
          { name: 'nva', prefix: '10.0.0.0/8', nextHop: { type: 'VirtualAppliance', ip: `10.${b}.3.4` } },
        ],
      },
    ],
    hosts: [{ name: 'nva', subnet: 's3', ip: `10.${b}.3.4`, ipForwarding: true }],
    gateways: [
      { name: 'vng', kind: 'vpn', vpnType: 'RouteBased', sku: 'VpnGw2', asn: 65515, activeActive: true },
    ],
  };
}

function gcpNetwork(name: string, b: number): Network {
  const region = b % 2 === 0 ? 'us-central1' : 'europe-west1';
  return {
    name,
    provider: 'gcp',
    cidrs: [],
    routingMode: 'global',
    subnets: Array.from({ length: SUBNETS }, (_, s) => ({
      name: `s${s}`,
      cidr: `10.${b}.${s}.0/24`,
      region,
    })),
    routeTables: [],
    routes: [
      {
        name: 'via-fw',
        prefix: '10.0.0.0/8',
        priority: 900,
        tags: ['inspect'],
        nextHop: { type: 'instance', host: 'fw' },
      },
    ],
    hosts: [
      { name: 'fw', subnet: 's3', ip: `10.${b}.3.4`, ipForwarding: true },
      { name: 'vm', subnet: 's1', ip: `10.${b}.1.10`, tags: ['inspect'] },
    ],
    gateways: [
      { name: 'rtr', kind: 'cloudRouter', region, asn: 64514 },
      { name: 'vpn', kind: 'haVpn', region, router: 'rtr' },
      { name: 'nat', kind: 'cloudNat', region, router: 'rtr' },
    ],
  };
}

function openstackNetwork(name: string, b: number): Network {
  return {
    name,
    provider: 'openstack',
    cidrs: [],
    subnets: Array.from({ length: SUBNETS }, (_, s) => ({ name: `s${s}`, cidr: `10.${b}.${s}.0/24` })),
    routeTables: [],
    hosts: [{ name: 'vm', subnet: 's1', ip: `10.${b}.1.10` }],
    gateways: [
      {
        name: 'r1',
        kind: 'router',
        interfaces: Array.from({ length: SUBNETS }, (_, s) => `s${s}`),
        externalGateway: { network: 'public', enableSnat: true },
      },
    ],
  };
}

function build(): SimScenario {
  const networks: Network[] = [];
  for (let i = 0; i < NETS; i++) {
    const provider = providerOf(i);
    const name = `${provider}${i}`;
    networks.push(
      provider === 'aws'
        ? awsNetwork(name, i)
        : provider === 'azure'
          ? azureNetwork(name, i)
          : provider === 'gcp'
            ? gcpNetwork(name, i)
            : openstackNetwork(name, i),
    );
  }
  networks.push({
    name: 'public',
    provider: 'openstack',
    external: true,
    cidrs: [],
    subnets: [{ name: 'pub', cidr: '203.0.113.0/24' }],
    routeTables: [],
    hosts: [],
    gateways: [],
  });
  const vpnGateway: Partial<Record<Network['provider'], string>> = { aws: 'vgw', azure: 'vng', gcp: 'vpn' };
  const cloud = networks.filter((n) => vpnGateway[n.provider] !== undefined);
  const firstAzure = networks.find((n) => n.provider === 'azure')!;
  const sites: Site[] = [
    {
      name: 'dc',
      cidrs: ['192.168.0.0/16'],
      asn: 65010,
      routes: sitePrefixes(SITE_PREFIXES).map((r) => ({ prefix: r.prefix, via: `dc-${firstAzure.name}` })),
    },
  ];
  const connections = cloud.map((n, i) => ({
    name: `dc-${n.name}`,
    between: [`${n.name}/${vpnGateway[n.provider]!}`, 'dc'] as [string, string],
    bgp: n.provider === 'gcp' || i % 3 !== 0,
  }));
  const flows: FlowGroup[] = [];
  for (let g = 0; g < GROUPS; g++) {
    const n = networks[Math.floor(rand() * NETS)]!;
    const sub = `${n.name}/s${1 + Math.floor(rand() * 2)}`;
    const kind = g % 3;
    const other = networks[Math.floor(rand() * NETS)]!;
    const to = kind === 0 ? 'internet' : kind === 1 ? 'dc' : other.subnets[5]!.cidr;
    flows.push({ name: `g${g}`, from: sub, to, count: Math.floor(FLOWS / GROUPS) });
  }
  const timeline: TimelineAction[] = [];
  for (let e = 0; e < EVENTS; e++) {
    const at = 60 * (5 + e * 10);
    const n = cloud[Math.floor(rand() * cloud.length)]!;
    switch (e % 5) {
      case 0:
        timeline.push({ at, do: 'bgp.advertise', site: 'dc', prefixes: [`172.16.${e}.0/24`] });
        break;
      case 1:
        timeline.push({ at, do: 'tunnel.down', connection: `dc-${n.name}` });
        break;
      case 2:
        timeline.push({ at, do: 'tunnel.up', connection: `dc-${n.name}` });
        break;
      case 3:
        timeline.push({ at, do: 'bgp.withdraw', site: 'dc', prefixes: [`172.16.${e - 3}.0/24`] });
        break;
      default:
        timeline.push(
          n.provider === 'aws'
            ? {
                at,
                do: 'route.replace',
                routeTable: `${n.name}/private`,
                route: { prefix: '0.0.0.0/0', nextHop: { type: 'igw', gateway: 'igw' } },
              }
            : { at, do: 'host.update', host: `${n.name}/nva`, set: { ipForwarding: e % 2 === 0 } },
        );
    }
  }
  return {
    name: 'large-topology',
    seed: 1,
    horizon: 24 * 3600,
    topology: { networks, sites, connections, peerings: [] },
    profile: defaultProfile,
    flows,
    timeline,
    expect: [],
  };
}

const sc = build();
const workersArg = process.argv.find((a) => a.startsWith('--workers='));
const workers = workersArg ? Number(workersArg.slice(10)) : Math.min(2, availableParallelism());
const t0 = performance.now();
const result = await runJob(sc, { workers });
const seconds = (performance.now() - t0) / 1000;
const peakRssBytes = process.resourceUsage().maxRSS * 1024;
const row = {
  flows: sc.flows.reduce((a, f) => a + f.count, 0),
  events: sc.timeline.length,
  seconds: Math.round(seconds * 100) / 100,
  peakRssBytes,
  workers,
  networks: sc.topology.networks.length,
  subnets: sc.topology.networks.reduce((a, n) => a + n.subnets.length, 0),
  providers: Object.fromEntries(
    (['aws', 'azure', 'gcp', 'openstack'] as const).map((p) => [
      p,
      sc.topology.networks.filter((n) => n.provider === p).length,
    ]),
  ),
  sitePrefixes: SITE_PREFIXES,
};
if (args.has('--verbose') && 'groups' in result) {
  for (const g of result.groups) {
    const f = sc.flows.find((x) => x.name === g.name)!;
    console.error(
      `${g.name} ${f.from} -> ${f.to}: ${(g.availability * 100).toFixed(2)}% ${g.outages[0]?.reason ?? ''}`,
    );
  }
}
if (json) console.log(JSON.stringify(row));
else {
  const groups = 'groups' in result ? result.groups.length : 0;
  console.log(
    `large topology: ${row.networks} networks, ${row.subnets} subnets, ${row.sitePrefixes} site prefixes, ` +
      `${row.flows} flows in ${groups} groups, ${row.events} events on ${workers} workers: ` +
      `${row.seconds} s, peak RSS ${(peakRssBytes / 2 ** 20).toFixed(0)} MiB`,
  );
}
