// Over 400 lines: the cases of one subject (roundtrip), one describe block per rule or concern; a split would scatter one rule book section.
/**
 * Property: a generated network, written out as each provider's own JSON (AWS describe-*, Azure
 * ARM, Azure CLI, a Terraform state of the AWS provider) and imported back, has the same
 * effective routes in every subnet as the network itself. Pinned seed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importAws, importAzure, importTerraform, type SourceFile } from '@cloudroute/import';
import { loadScenario, type Scenario } from '@cloudroute/scenario';
import { routesAt, scenarioOf } from './helpers.js';

const SEED = 20240501;
const RUNS = 40;
const PREFIXES = [
  '0.0.0.0/0',
  '172.16.0.0/12',
  '192.168.10.0/24',
  '192.168.20.0/24',
  '203.0.113.0/24',
  '198.51.100.0/24',
];

interface Model {
  readonly nets: {
    readonly subnets: number;
    readonly hosts: readonly (readonly boolean[])[]; // per subnet: host flags (forwarding)
    readonly tables: readonly {
      readonly routes: readonly { readonly prefix: number; readonly hop: number }[];
      readonly flag: boolean;
    }[];
    readonly assoc: readonly (number | null)[];
    readonly main: number | null;
    readonly igw: boolean;
    readonly nat: boolean;
  }[];
  readonly peered: boolean;
}

const netArb = fc
  .record({
    subnets: fc.integer({ min: 1, max: 4 }),
    igw: fc.boolean(),
    nat: fc.boolean(),
    tableCount: fc.integer({ min: 1, max: 3 }),
    seedRoutes: fc.array(
      fc.array(fc.record({ prefix: fc.integer({ min: 0, max: PREFIXES.length }), hop: fc.nat(40) }), {
        maxLength: 4,
      }),
      { minLength: 3, maxLength: 3 },
    ),
    hostFlags: fc.array(fc.array(fc.boolean(), { maxLength: 2 }), { minLength: 4, maxLength: 4 }),
    assoc: fc.array(fc.option(fc.nat(2), { nil: null }), { minLength: 4, maxLength: 4 }),
    main: fc.option(fc.nat(2), { nil: null }),
    flags: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
  })
  .map((r) => ({
    subnets: r.subnets,
    hosts: r.hostFlags.slice(0, r.subnets),
    tables: r.seedRoutes.slice(0, r.tableCount).map((routes, t) => ({
      flag: r.flags[t] ?? false,
      routes: routes.filter((x, i) => routes.findIndex((y) => y.prefix === x.prefix) === i),
    })),
    assoc: r.assoc.slice(0, r.subnets).map((a) => (a === null || a >= r.tableCount ? null : a)),
    main: r.main === null || r.main >= r.tableCount ? null : r.main,
    igw: r.igw,
    nat: r.nat && true,
  }));
const modelArb: fc.Arbitrary<Model> = fc.record({
  nets: fc.array(netArb, { minLength: 1, maxLength: 2 }),
  peered: fc.boolean(),
});

const cidr = (n: number): string => `10.${n + 1}.0.0/16`;
const subnetCidr = (n: number, s: number): string => `10.${n + 1}.${s}.0/24`;
const hostIp = (n: number, s: number, h: number): string => `10.${n + 1}.${s}.${10 + h}`;
/** One of PREFIXES, or (the last index) the other VPC's CIDR, or a prefix of its own when there is none. */
const prefixOf = (m: Model, n: number, p: number): string =>
  p < PREFIXES.length ? PREFIXES[p]! : m.nets.length > 1 ? cidr(1 - n) : '192.168.30.0/24';

// ------------------------------------------------------------------------------------------ AWS

type AwsHop = { type: 'igw' | 'nat' | 'peering' | 'blackhole' } | { type: 'eni'; ip: string };
function awsHop(m: Model, n: number, pick: number): AwsHop {
  const net = m.nets[n]!;
  const hosts = net.hosts.flatMap((hs, s) => hs.map((_, h) => hostIp(n, s, h)));
  const options: AwsHop[] = [{ type: 'blackhole' }];
  if (net.igw) options.push({ type: 'igw' });
  if (net.nat) options.push({ type: 'nat' });
  if (m.peered && m.nets.length > 1) options.push({ type: 'peering' });
  for (const ip of hosts) options.push({ type: 'eni', ip });
  return options[pick % options.length]!;
}

function awsScenario(m: Model): string {
  const networks = m.nets.map((net, n) => ({
    name: `vpc${n}`,
    provider: 'aws',
    cidrs: [cidr(n)],
    subnets: Array.from({ length: net.subnets }, (_, s) => ({
      name: `s${s}`,
      cidr: subnetCidr(n, s),
      ...(net.assoc[s] !== null ? { routeTable: `rt${net.assoc[s]}` } : {}),
    })),
    routeTables: net.tables.map((t, i) => ({
      name: `rt${i}`,
      ...(net.main === i ? { main: true } : {}),
      routes: t.routes.map((r) => {
        const hop = awsHop(m, n, r.hop);
        const nextHop =
          hop.type === 'igw'
            ? { type: 'igw', gateway: 'igw' }
            : hop.type === 'nat'
              ? { type: 'nat', gateway: 'nat' }
              : hop.type === 'peering'
                ? { type: 'peering', gateway: 'pcx' }
                : hop;
        return { prefix: prefixOf(m, n, r.prefix), nextHop };
      }),
    })),
    hosts: net.hosts.flatMap((hs, s) =>
      hs.map((f, h) => ({
        name: `h${s}-${h}`,
        subnet: `s${s}`,
        ip: hostIp(n, s, h),
        ...(f ? { sourceDestCheck: false } : {}),
      })),
    ),
    gateways: [
      ...(net.igw ? [{ name: 'igw', kind: 'igw' }] : []),
      ...(net.nat ? [{ name: 'nat', kind: 'nat', subnet: 's0' }] : []),
    ],
  }));
  const peerings = m.peered && m.nets.length > 1 ? [{ name: 'pcx', between: ['vpc0', 'vpc1'] }] : [];
  return JSON.stringify({ name: 'generated', networks, peerings });
}

function awsExports(m: Model): SourceFile[] {
  const tag = (v: string) => [{ Key: 'Name', Value: v }];
  const vpcs = m.nets.map((_, n) => ({
    VpcId: `vpc-${n}`,
    CidrBlock: cidr(n),
    CidrBlockAssociationSet: [{ CidrBlock: cidr(n), CidrBlockState: { State: 'associated' } }],
    Tags: tag(`vpc${n}`),
  }));
  const subnets = m.nets.flatMap((net, n) =>
    Array.from({ length: net.subnets }, (_, s) => ({
      SubnetId: `subnet-${n}-${s}`,
      VpcId: `vpc-${n}`,
      CidrBlock: subnetCidr(n, s),
      Tags: tag(`s${s}`),
    })),
  );
  const eni = (ip: string) => `eni-${ip.replace(/\./g, '-')}`;
  const tables = m.nets.flatMap((net, n) =>
    net.tables.map((t, i) => ({
      RouteTableId: `rtb-${n}-${i}`,
      VpcId: `vpc-${n}`,
      Tags: tag(`rt${i}`),
      PropagatingVgws: [],
      Associations: [
        ...(net.main === i ? [{ Main: true, RouteTableId: `rtb-${n}-${i}` }] : []),
        ...net.assoc.flatMap((a, s) =>
          a === i
            ? [
                {
                  Main: false,
                  RouteTableId: `rtb-${n}-${i}`,
                  SubnetId: `subnet-${n}-${s}`,
                  AssociationState: { State: 'associated' },
                },
              ]
            : [],
        ),
      ],
      Routes: [
        { DestinationCidrBlock: cidr(n), GatewayId: 'local', Origin: 'CreateRouteTable', State: 'active' },
        ...t.routes.map((r) => {
          const hop = awsHop(m, n, r.hop);
          const target =
            hop.type === 'igw'
              ? { GatewayId: `igw-${n}` }
              : hop.type === 'nat'
                ? { NatGatewayId: `nat-${n}` }
                : hop.type === 'peering'
                  ? { VpcPeeringConnectionId: 'pcx-1' }
                  : hop.type === 'eni'
                    ? { NetworkInterfaceId: eni(hop.ip) }
                    : { NatGatewayId: 'nat-gone' };
          return {
            DestinationCidrBlock: prefixOf(m, n, r.prefix),
            ...target,
            Origin: 'CreateRoute',
            State: hop.type === 'blackhole' ? 'blackhole' : 'active',
          };
        }),
      ],
    })),
  );
  const igws = m.nets.flatMap((net, n) =>
    net.igw
      ? [
          {
            InternetGatewayId: `igw-${n}`,
            Attachments: [{ VpcId: `vpc-${n}`, State: 'available' }],
            Tags: tag('igw'),
          },
        ]
      : [],
  );
  const nats = m.nets.flatMap((net, n) =>
    net.nat
      ? [
          {
            NatGatewayId: `nat-${n}`,
            VpcId: `vpc-${n}`,
            SubnetId: `subnet-${n}-0`,
            State: 'available',
            Tags: tag('nat'),
          },
        ]
      : [],
  );
  const enis = m.nets.flatMap((net, n) =>
    net.hosts.flatMap((hs, s) =>
      hs.map((f, h) => ({
        NetworkInterfaceId: eni(hostIp(n, s, h)),
        SubnetId: `subnet-${n}-${s}`,
        VpcId: `vpc-${n}`,
        PrivateIpAddress: hostIp(n, s, h),
        SourceDestCheck: !f,
        TagSet: tag(`h${s}-${h}`),
      })),
    ),
  );
  const pcx =
    m.peered && m.nets.length > 1
      ? [
          {
            VpcPeeringConnectionId: 'pcx-1',
            Status: { Code: 'active' },
            RequesterVpcInfo: { VpcId: 'vpc-0' },
            AccepterVpcInfo: { VpcId: 'vpc-1' },
            Tags: tag('pcx'),
          },
        ]
      : [];
  const f = (key: string, items: unknown[]): SourceFile => ({
    path: `${key}.json`,
    text: JSON.stringify({ [key]: items }),
  });
  return [
    f('Vpcs', vpcs),
    f('Subnets', subnets),
    f('RouteTables', tables),
    f('InternetGateways', igws),
    f('NatGateways', nats),
    f('NetworkInterfaces', enis),
    f('VpcPeeringConnections', pcx),
  ];
}

function terraformState(m: Model): SourceFile {
  const res: { address: string; type: string; name: string; values: Record<string, unknown> }[] = [];
  const add = (type: string, name: string, values: Record<string, unknown>): void =>
    void res.push({ address: `${type}.${name}`, type, name, values });
  const eniOf = new Map(
    m.nets.flatMap((net, n) =>
      net.hosts.flatMap((hs, s) => hs.map((_, h) => [hostIp(n, s, h), `eni-${n}-${s}-${h}`] as const)),
    ),
  );
  m.nets.forEach((net, n) => {
    add('aws_vpc', `v${n}`, { id: `vpc-${n}`, cidr_block: cidr(n), tags: { Name: `vpc${n}` } });
    for (let s = 0; s < net.subnets; s++)
      add('aws_subnet', `s${n}_${s}`, {
        id: `subnet-${n}-${s}`,
        vpc_id: `vpc-${n}`,
        cidr_block: subnetCidr(n, s),
        tags: { Name: `s${s}` },
      });
    if (net.igw)
      add('aws_internet_gateway', `igw${n}`, { id: `igw-${n}`, vpc_id: `vpc-${n}`, tags: { Name: 'igw' } });
    if (net.nat)
      add('aws_nat_gateway', `nat${n}`, {
        id: `nat-${n}`,
        subnet_id: `subnet-${n}-0`,
        connectivity_type: 'public',
        tags: { Name: 'nat' },
      });
    net.hosts.forEach((hs, s) =>
      hs.forEach((f, h) =>
        add('aws_instance', `h${n}_${s}_${h}`, {
          id: `i-${n}-${s}-${h}`,
          subnet_id: `subnet-${n}-${s}`,
          private_ip: hostIp(n, s, h),
          source_dest_check: !f,
          primary_network_interface_id: `eni-${n}-${s}-${h}`,
          tags: { Name: `h${s}-${h}` },
        }),
      ),
    );
    net.tables.forEach((t, i) => {
      add('aws_route_table', `rt${n}_${i}`, {
        id: `rtb-${n}-${i}`,
        vpc_id: `vpc-${n}`,
        route: [],
        propagating_vgws: [],
        tags: { Name: `rt${i}` },
      });
      t.routes.forEach((r, k) => {
        const hop = awsHop(m, n, r.hop);
        const target: Record<string, unknown> =
          hop.type === 'igw'
            ? { gateway_id: `igw-${n}` }
            : hop.type === 'nat'
              ? { nat_gateway_id: `nat-${n}` }
              : hop.type === 'peering'
                ? { vpc_peering_connection_id: 'pcx-1' }
                : hop.type === 'eni'
                  ? { network_interface_id: eniOf.get(hop.ip) }
                  : { nat_gateway_id: 'nat-gone' };
        add('aws_route', `r${n}_${i}_${k}`, {
          id: `r-${n}-${i}-${k}`,
          route_table_id: `rtb-${n}-${i}`,
          destination_cidr_block: prefixOf(m, n, r.prefix),
          state: hop.type === 'blackhole' ? 'blackhole' : 'active',
          origin: 'CreateRoute',
          ...target,
        });
      });
    });
    if (net.main !== null)
      add('aws_main_route_table_association', `main${n}`, {
        id: `rtbassoc-main-${n}`,
        vpc_id: `vpc-${n}`,
        route_table_id: `rtb-${n}-${net.main}`,
      });
    net.assoc.forEach((a, s) => {
      if (a !== null)
        add('aws_route_table_association', `a${n}_${s}`, {
          id: `rtbassoc-${n}-${s}`,
          subnet_id: `subnet-${n}-${s}`,
          route_table_id: `rtb-${n}-${a}`,
        });
    });
  });
  if (m.peered && m.nets.length > 1)
    add('aws_vpc_peering_connection', 'pcx', {
      id: 'pcx-1',
      vpc_id: 'vpc-0',
      peer_vpc_id: 'vpc-1',
      accept_status: 'active',
      tags: { Name: 'pcx' },
    });
  const doc = {
    format_version: '1.0',
    terraform_version: '1.5.7',
    values: {
      root_module: {
        resources: res.map((r) => ({
          ...r,
          mode: 'managed',
          provider_name: 'registry.terraform.io/hashicorp/aws',
          schema_version: 0,
        })),
      },
    },
  };
  return { path: 'terraform.tfstate.json', text: JSON.stringify(doc) };
}

// ---------------------------------------------------------------------------------------- Azure

const AZ_HOPS = ['VirtualAppliance', 'None', 'Internet', 'VnetLocal', 'VirtualNetworkGateway'] as const;
function azHop(m: Model, n: number, pick: number): { type: string; ip?: string } {
  const hosts = m.nets[n]!.hosts.flatMap((hs, s) => hs.map((_, h) => hostIp(n, s, h)));
  const type = AZ_HOPS[pick % AZ_HOPS.length]!;
  if (type !== 'VirtualAppliance') return { type };
  return hosts.length === 0 ? { type: 'None' } : { type, ip: hosts[pick % hosts.length]! };
}
const azPrefix = (p: number): string => PREFIXES[p] ?? '192.168.30.0/24';

function azureScenario(m: Model): string {
  const networks = m.nets.map((net, n) => {
    const used = new Set(net.assoc.filter((a): a is number => a !== null));
    return {
      name: `vnet${n}`,
      provider: 'azure',
      cidrs: [cidr(n)],
      subnets: Array.from({ length: net.subnets }, (_, s) => ({
        name: `s${s}`,
        cidr: subnetCidr(n, s),
        ...(net.assoc[s] !== null ? { routeTable: `rt${n}-${net.assoc[s]}` } : {}),
      })),
      routeTables: net.tables
        .map((t, i) => ({ t, i }))
        .filter(({ i }) => used.has(i))
        .map(({ t, i }) => ({
          name: `rt${n}-${i}`,
          ...(t.flag ? { propagateGatewayRoutes: false } : {}),
          routes: t.routes.map((r, k) => ({
            name: `r${k}`,
            prefix: azPrefix(r.prefix),
            nextHop: azHop(m, n, r.hop),
          })),
        })),
      hosts: net.hosts.flatMap((hs, s) =>
        hs.map((f, h) => ({
          name: `h${n}-${s}-${h}`,
          subnet: `s${s}`,
          ip: hostIp(n, s, h),
          ...(f ? { ipForwarding: true } : {}),
        })),
      ),
    };
  });
  const peerings = m.peered && m.nets.length > 1 ? [{ name: 'p01', between: ['vnet0', 'vnet1'] }] : [];
  return JSON.stringify({ name: 'generated', networks, peerings });
}

function azureArm(m: Model): unknown[] {
  const base = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network';
  const out: unknown[] = [];
  m.nets.forEach((net, n) => {
    const vnet = `${base}/virtualNetworks/vnet${n}`;
    const peerings =
      m.peered && m.nets.length > 1
        ? [
            {
              id: `${vnet}/virtualNetworkPeerings/p01`,
              name: 'p01',
              properties: {
                remoteVirtualNetwork: { id: `${base}/virtualNetworks/vnet${1 - n}` },
                peeringState: 'Connected',
              },
            },
          ]
        : [];
    out.push({
      id: vnet,
      name: `vnet${n}`,
      type: 'Microsoft.Network/virtualNetworks',
      properties: {
        addressSpace: { addressPrefixes: [cidr(n)] },
        subnets: Array.from({ length: net.subnets }, (_, s) => ({
          id: `${vnet}/subnets/s${s}`,
          name: `s${s}`,
          properties: {
            addressPrefix: subnetCidr(n, s),
            ...(net.assoc[s] !== null
              ? { routeTable: { id: `${base}/routeTables/rt${n}-${net.assoc[s]}` } }
              : {}),
          },
        })),
        virtualNetworkPeerings: peerings,
      },
    });
    net.tables.forEach((t, i) =>
      out.push({
        id: `${base}/routeTables/rt${n}-${i}`,
        name: `rt${n}-${i}`,
        type: 'Microsoft.Network/routeTables',
        properties: {
          disableBgpRoutePropagation: t.flag,
          routes: t.routes.map((r, k) => {
            const hop = azHop(m, n, r.hop);
            return {
              id: `${base}/routeTables/rt${n}-${i}/routes/r${k}`,
              name: `r${k}`,
              properties: {
                addressPrefix: azPrefix(r.prefix),
                nextHopType: hop.type,
                ...(hop.ip !== undefined ? { nextHopIpAddress: hop.ip } : {}),
              },
            };
          }),
        },
      }),
    );
    net.hosts.forEach((hs, s) =>
      hs.forEach((f, h) =>
        out.push({
          id: `${base}/networkInterfaces/h${n}-${s}-${h}`,
          name: `h${n}-${s}-${h}`,
          type: 'Microsoft.Network/networkInterfaces',
          properties: {
            enableIPForwarding: f,
            ipConfigurations: [
              {
                name: 'ipconfig1',
                properties: {
                  primary: true,
                  privateIPAddress: hostIp(n, s, h),
                  subnet: { id: `${vnet}/subnets/s${s}` },
                },
              },
            ],
          },
        }),
      ),
    );
  });
  return out;
}

/** The flattened CLI shape of ARM objects (`properties` hoisted, `resourceGroup` added). */
function flattenCli(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(flattenCli);
  if (v === null || typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    if (k === 'properties') Object.assign(out, flattenCli(x));
    else out[k] = flattenCli(x);
  }
  if (typeof out['id'] === 'string') out['resourceGroup'] = 'rg';
  return out;
}

// ----------------------------------------------------------------------------------------- checks

function tables(sc: Scenario): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const n of sc.topology.networks)
    for (const s of n.subnets) out[`${n.name}/${s.name}`] = routesAt(sc, `${n.name}/${s.name}`).routes;
  return out;
}

function original(json: string): Scenario {
  const r = loadScenario(json, 'generated.json');
  if (!r.scenario) throw new Error(r.problems.map((p) => p.message).join('\n'));
  return r.scenario;
}

describe('round trip: generated network → provider JSON → import → same effective routes', () => {
  it('AWS describe-* JSON', () => {
    fc.assert(
      fc.property(modelArb, (m) => {
        expect(tables(scenarioOf(importAws(awsExports(m)).text))).toEqual(tables(original(awsScenario(m))));
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('Terraform state of the AWS provider', () => {
    fc.assert(
      fc.property(modelArb, (m) => {
        expect(tables(scenarioOf(importTerraform(terraformState(m)).text))).toEqual(
          tables(original(awsScenario(m))),
        );
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('Azure ARM JSON and the flattened CLI JSON', () => {
    fc.assert(
      fc.property(modelArb, (m) => {
        const want = tables(original(azureScenario(m)));
        const arm = azureArm(m);
        expect(
          tables(scenarioOf(importAzure([{ path: 'arm.json', text: JSON.stringify(arm) }]).text)),
        ).toEqual(want);
        expect(
          tables(scenarioOf(importAzure([{ path: 'cli.json', text: JSON.stringify(flattenCli(arm)) }]).text)),
        ).toEqual(want);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
