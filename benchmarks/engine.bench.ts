/**
 * The engine benchmark (`pnpm bench engine [--json]`): a 24-hour timeline of 10,000 events over a
 * mid-size hybrid topology (Azure hubs with active-active VPN gateways, AWS VPCs with VGWs, GCP
 * networks with HA VPN, on-prem sites peering over BGP from loopbacks), folded by `replay`, by
 * `timeline$` on a virtual-time scheduler and by `replayLog` from its NDJSON log.
 *
 * Run after `npx tsc -b packages/engine`:
 *   node --expose-gc node_modules/tsx/dist/cli.mjs benchmarks/engine.bench.ts [--json]
 * `--json` prints only `[{ events, seconds, eventsPerSec }]` for `replay`.
 */
import { Bench } from 'tinybench';
import { defaultProfile } from '@cloudroute/model';
import type { Connection, Network, Peering, Site, Topology } from '@cloudroute/model';
import {
  eventLog,
  fromNdjson,
  initialState,
  mulberry32,
  replay,
  replayLog,
  timeline$,
  toNdjson,
} from '@cloudroute/engine';
import type { TimelineAction, TimelineInput } from '@cloudroute/engine';

const json = process.argv.includes('--json');
const EVENTS = 10_000;
const HORIZON = 24 * 3600;
const AZURE = 6;
const AWS = 6;
const GCP = 3;
const SUBNETS = 8;
const SITE_ROUTES = 50;

const rand = mulberry32(2026);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;

function azureNet(i: number): Network {
  const b = 10 + i; // 10.10.0.0/16 …
  return {
    name: `hub${i}`,
    provider: 'azure',
    cidrs: [`10.${b}.0.0/16`],
    subnets: [
      ...Array.from({ length: SUBNETS }, (_, s) => ({
        name: `s${s}`,
        cidr: `10.${b}.${s}.0/24`,
        routeTable: `rt${s % 2}`,
      })),
      { name: 'GatewaySubnet', cidr: `10.${b}.255.0/27` },
    ],
    routeTables: [0, 1].map((t) => ({
      name: `rt${t}`,
      propagateGatewayRoutes: true,
      routes: Array.from({ length: 20 }, (_, r) => ({
        name: `r${r}`,
        prefix: `10.${100 + t}.${r}.0/24`,
        nextHop: { type: 'VirtualAppliance' as const, ip: `10.${b}.0.4` },
      })),
    })),
    hosts: [{ name: 'nva', subnet: 's0', ip: `10.${b}.0.4`, ipForwarding: true }],
    gateways: [
      { name: 'vng', kind: 'vpn', vpnType: 'RouteBased', sku: 'VpnGw2', activeActive: true, asn: 65515 },
    ],
  };
}

function awsNet(i: number): Network {
  const b = 20 + i; // 172.20.0.0/16 …
  return {
    name: `vpc${i}`,
    provider: 'aws',
    cidrs: [`172.${b}.0.0/16`],
    subnets: Array.from({ length: SUBNETS }, (_, s) => ({
      name: `s${s}`,
      cidr: `172.${b}.${s}.0/24`,
      routeTable: `rt${s % 3}`,
    })),
    routeTables: [0, 1, 2].map((t) => ({
      name: `rt${t}`,
      propagateGatewayRoutes: t > 0,
      routes: [
        { prefix: '0.0.0.0/0', nextHop: { type: 'nat' as const, gateway: 'nat' } },
        ...Array.from({ length: 19 }, (_, r) => ({
          prefix: `10.${150 + t}.${r}.0/24`,
          nextHop: { type: 'vgw' as const, gateway: 'vgw' },
        })),
      ],
    })),
    hosts: [{ name: 'fw', subnet: 's0', ip: `172.${b}.0.10`, sourceDestCheck: false }],
    gateways: [
      { name: 'igw', kind: 'igw' },
      { name: 'nat', kind: 'nat', subnet: 's0' },
      { name: 'vgw', kind: 'vgw', asn: 64512 },
    ],
  };
}

function gcpNet(i: number): Network {
  const b = 40 + i;
  return {
    name: `corp${i}`,
    provider: 'gcp',
    cidrs: [],
    subnets: Array.from({ length: SUBNETS }, (_, s) => ({
      name: `s${s}`,
      cidr: `10.${b}.${s}.0/24`,
      region: 'us-central1',
    })),
    routeTables: [],
    routes: Array.from({ length: 20 }, (_, r) => ({
      name: `c${i}-r${r}`,
      prefix: `10.${160 + i}.${r}.0/24`,
      priority: 1000,
      nextHop: { type: 'address' as const, ip: `10.${b}.0.5` },
    })),
    hosts: [{ name: 'fw', subnet: 's0', ip: `10.${b}.0.5`, ipForwarding: true, tags: ['fw'] }],
    gateways: [
      { name: 'rtr', kind: 'cloudRouter', region: 'us-central1', asn: 64514, keepalive: 20 },
      { name: 'ha', kind: 'haVpn', region: 'us-central1', router: 'rtr' },
    ],
  };
}

const networks = [
  ...Array.from({ length: AZURE }, (_, i) => azureNet(i)),
  ...Array.from({ length: AWS }, (_, i) => awsNet(i)),
  ...Array.from({ length: GCP }, (_, i) => gcpNet(i)),
];
const gateways = [
  ...Array.from({ length: AZURE }, (_, i) => `hub${i}/vng`),
  ...Array.from({ length: AWS }, (_, i) => `vpc${i}/vgw`),
  ...Array.from({ length: GCP }, (_, i) => `corp${i}/ha`),
];
const sites: Site[] = gateways.map((gw, i) => {
  const azure = gw.startsWith('hub');
  const b = 10 + i;
  return {
    name: `dc${i}`,
    cidrs: [`192.168.${i}.0/24`],
    asn: 65000 + i,
    ...(azure ? { bgpPeerIp: `192.168.${i}.1` } : {}),
    routes: [
      ...(azure ? [`10.${b}.255.4/32`, `10.${b}.255.5/32`] : []).map((prefix) => ({
        prefix,
        via: `dc${i}-vpn`,
      })),
      ...Array.from({ length: SITE_ROUTES }, (_, r) => ({
        prefix: `10.${200 + (r % 50)}.${i}.0/24`,
        via: `dc${i}-vpn`,
      })),
    ],
    advertise: Array.from({ length: 10 }, (_, a) => ({ prefix: `10.${230 + i}.${a}.0/24` })),
  };
});
const connections: Connection[] = gateways.map((gw, i) => ({
  name: `dc${i}-vpn`,
  between: [gw, `dc${i}`],
  bgp: true,
}));
const peerings: Peering[] = [
  ...Array.from({ length: AZURE - 1 }, (_, i) => ({ between: ['hub0', `hub${i + 1}`] as const })),
  ...Array.from({ length: AWS - 1 }, (_, i) => ({
    name: `p${i}`,
    between: ['vpc0', `vpc${i + 1}`] as const,
  })),
];
const topology: Topology = { networks, sites, connections, peerings };

/** 10,000 actions over 24 hours: a realistic mix, some of them refused by the provider rules. */
function makeTimeline(): TimelineAction[] {
  const out: TimelineAction[] = [];
  const times = Array.from({ length: EVENTS }, () => Math.floor(rand() * HORIZON)).sort((a, b) => a - b);
  for (const at of times) {
    const r = rand();
    const i = Math.floor(rand() * gateways.length);
    const conn = `dc${i}-vpn`;
    if (r < 0.2) {
      const net = Math.floor(rand() * AZURE);
      const add = rand() < 0.5;
      const prefix = `10.${110 + Math.floor(rand() * 20)}.${Math.floor(rand() * 200)}.0/24`;
      out.push(
        add
          ? {
              at,
              do: 'route.add',
              routeTable: `hub${net}/rt${net % 2}`,
              route: { prefix, nextHop: { type: 'VirtualAppliance', ip: `10.${10 + net}.0.4` } },
            }
          : {
              at,
              do: 'route.remove',
              routeTable: `hub${net}/rt${net % 2}`,
              prefix: `10.${100 + (net % 2)}.${Math.floor(rand() * 20)}.0/24`,
            },
      );
    } else if (r < 0.3) {
      const net = Math.floor(rand() * AWS);
      out.push({
        at,
        do: 'route.add',
        routeTable: `vpc${net}/rt1`,
        route: {
          prefix: `10.${180 + Math.floor(rand() * 20)}.${Math.floor(rand() * 250)}.0/24`,
          nextHop: { type: 'igw', gateway: 'igw' },
        },
      });
    } else if (r < 0.45) {
      const prefixes = [`10.${240 + Math.floor(rand() * 10)}.${Math.floor(rand() * 250)}.0/24`];
      out.push({ at, do: rand() < 0.6 ? 'bgp.advertise' : 'bgp.withdraw', site: `dc${i}`, prefixes });
    } else if (r < 0.6) {
      out.push({
        at,
        do: rand() < 0.5 ? 'tunnel.down' : 'tunnel.up',
        connection: conn,
        tunnel: Math.floor(rand() * 2),
      });
    } else if (r < 0.7) {
      out.push({
        at,
        do: rand() < 0.5 ? 'bgp.session.down' : 'bgp.session.up',
        connection: conn,
        tunnel: Math.floor(rand() * 2),
      });
    } else if (r < 0.8) {
      const a = Math.floor(rand() * AZURE);
      const prefix = `10.${10 + a}.255.${4 + Math.floor(rand() * 2)}/32`;
      out.push(
        rand() < 0.5
          ? { at, do: 'route.remove', site: `dc${a}`, prefix }
          : { at, do: 'route.add', site: `dc${a}`, route: { prefix, via: `dc${a}-vpn` } },
      );
    } else if (r < 0.88) {
      const a = Math.floor(rand() * AZURE);
      out.push(
        rand() < 0.5
          ? { at, do: 'host.update', host: `hub${a}/nva`, set: { ipForwarding: rand() < 0.5 } }
          : { at, do: 'host.update', host: `vpc${a % AWS}/fw`, set: { sourceDestCheck: rand() < 0.5 } },
      );
    } else if (r < 0.93) {
      out.push({
        at,
        do: 'gateway.failover',
        gateway: `hub${Math.floor(rand() * AZURE)}/vng`,
        planned: rand() < 0.7,
      });
    } else if (r < 0.97) {
      const a = Math.floor(rand() * AZURE);
      out.push({ at, do: 'propagation.set', routeTable: `hub${a}/rt${a % 2}`, enabled: rand() < 0.5 });
    } else {
      out.push({
        at,
        do: 'gateway.update',
        gateway: `hub${Math.floor(rand() * AZURE)}/vng`,
        set: { sku: pick(['VpnGw2', 'VpnGw3']) },
      });
    }
  }
  return out;
}

const input: TimelineInput = {
  topology,
  profile: defaultProfile,
  timeline: makeTimeline(),
  horizon: HORIZON,
  seed: 1,
};
const reference = replay(input);
const text = toNdjson(eventLog(reference.steps));
const initial = initialState(topology, defaultProfile);

const bench = new Bench({
  iterations: 8,
  time: 0,
  warmup: true,
  warmupIterations: 2,
  warmupTime: 0,
  setup: () => (globalThis as { gc?: () => void }).gc?.(),
});
bench
  .add('replay', () => {
    replay(input);
  })
  .add('timeline$ (VirtualTimeScheduler)', () => {
    // Without a scheduler the stream runs on its own virtual-time scheduler, synchronously.
    let steps = 0;
    timeline$(input).subscribe(() => steps++);
    if (steps !== reference.steps.length) throw new Error('timeline$ and replay disagree');
  })
  .add('replayLog (NDJSON)', () => {
    replayLog(initial, fromNdjson(text));
  });
await bench.run();

const rows = bench.tasks.map((t) => {
  const r = t.result;
  if (r.state !== 'completed') throw new Error(`${t.name}: ${r.state}`);
  const seconds = r.latency.mean / 1000;
  return { name: t.name, events: EVENTS, seconds, eventsPerSec: Math.round(EVENTS / seconds) };
});
const base = rows[0];
if (!base) throw new Error('no result');
if (json) {
  console.log(
    JSON.stringify([{ events: base.events, seconds: base.seconds, eventsPerSec: base.eventsPerSec }]),
  );
} else {
  const rejected = reference.steps.reduce((n, s) => n + s.rejections.length, 0);
  console.log(
    `engine: ${EVENTS} actions over 24 h, ${networks.length} networks, ${sites.length} sites → ${reference.steps.length} steps (${rejected} refused)`,
  );
  console.table(
    rows.map((r) => ({
      task: r.name,
      'seconds/run': r.seconds.toFixed(4),
      'events/s': r.eventsPerSec,
      'vs replay': `${(r.seconds / base.seconds).toFixed(2)}×`,
    })),
  );
}
