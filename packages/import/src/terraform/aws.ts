/**
 * Terraform AWS provider resources (IMPORTERS.md 3.5) → the records of `aws ec2 describe-*`, so
 * that one builder serves both. Records are keyed by the Terraform address (stable across the
 * plan, unlike ids that are unknown until apply); the id written is the real id when known, else
 * the address. Inline `route` blocks and `aws_route` resources are merged (duplicates reported);
 * the implicit `local` route needs nothing (the scenario implies it).
 */
import { arr, num, obj, str } from '../internal/json.js';
import { canonPrefix, contains } from '../internal/ip.js';
import { AwsInventory, type AwsRecord } from '../aws/inventory.js';
import { Warnings } from '../warnings.js';
import type { TfInstance } from './plan.js';
import { UNKNOWN, type Side, type TfResolver } from './refs.js';
import { AWS_EDGE_HANDLED, awsDirectConnect } from './aws-edge.js';
import { AWS_FILTERS_HANDLED, awsFilters } from './aws-filters.js';

/** Route target attributes: Terraform name → describe-route-tables field. */
const TARGETS: readonly (readonly [string, string])[] = [
  ['nat_gateway_id', 'NatGatewayId'],
  ['transit_gateway_id', 'TransitGatewayId'],
  ['vpc_peering_connection_id', 'VpcPeeringConnectionId'],
  ['network_interface_id', 'NetworkInterfaceId'],
  ['egress_only_gateway_id', 'EgressOnlyInternetGatewayId'],
  ['instance_id', 'InstanceId'],
  ['gateway_id', 'GatewayId'],
  ['vpc_endpoint_id', 'VpcEndpointId'],
  ['local_gateway_id', 'LocalGatewayId'],
  ['carrier_gateway_id', 'CarrierGatewayId'],
  ['core_network_arn', 'CoreNetworkArn'],
];

export const AWS_HANDLED = new Set([
  'aws_vpc',
  'aws_vpc_ipv4_cidr_block_association',
  'aws_subnet',
  'aws_route_table',
  'aws_default_route_table',
  'aws_main_route_table_association',
  'aws_route',
  'aws_route_table_association',
  'aws_internet_gateway',
  'aws_internet_gateway_attachment',
  'aws_egress_only_internet_gateway',
  'aws_nat_gateway',
  'aws_vpn_gateway',
  'aws_vpn_gateway_attachment',
  'aws_vpn_gateway_route_propagation',
  'aws_customer_gateway',
  'aws_vpn_connection',
  'aws_vpn_connection_route',
  'aws_vpc_peering_connection',
  'aws_vpc_peering_connection_accepter',
  'aws_ec2_transit_gateway',
  'aws_ec2_transit_gateway_vpc_attachment',
  'aws_ec2_transit_gateway_route_table',
  'aws_ec2_transit_gateway_route_table_association',
  'aws_ec2_transit_gateway_route_table_propagation',
  'aws_ec2_transit_gateway_route',
  'aws_ec2_transit_gateway_peering_attachment',
  'aws_ec2_transit_gateway_peering_attachment_accepter',
  'aws_instance',
  'aws_network_interface',
  ...AWS_EDGE_HANDLED,
  ...AWS_FILTERS_HANDLED,
]);

/** Routing-adjacent resources that are deliberately not simulated. */
export const AWS_NOT_MODELLED = new Set([
  'aws_eip',
  'aws_eip_association',
  'aws_flow_log',
  'aws_vpc_dhcp_options',
  'aws_vpc_dhcp_options_association',
  'aws_lb',
  'aws_elb',
]);

type Mutable = Record<string, unknown>;

class Conv {
  readonly inv = new AwsInventory();
  readonly vpcs = new Map<string, Mutable>();
  readonly tables = new Map<string, Mutable>();
  readonly vpns = new Map<string, Mutable>();
  readonly tgws = new Map<string, Mutable>();
  readonly tgwAttachments = new Map<string, Mutable>();
  readonly propagations = new Map<string, AwsRecord[]>();
  readonly tgwRoutes = new Map<string, AwsRecord[]>();
  readonly mains = new Map<string, string>();

  constructor(
    readonly r: TfResolver,
    readonly side: Side,
    readonly w: Warnings,
  ) {}

  rec(i: TfInstance, o: Mutable): AwsRecord {
    const id = this.r.string(i, this.side, ['id']);
    return {
      o,
      file: this.r.file,
      path: ['resource_changes', i.address],
      origin: i.address,
      outId: id ?? i.address,
    };
  }

  /** The Name tag, else the resource's name in the configuration (`private-0` for `private[0]`). */
  tags(i: TfInstance): Mutable[] {
    const n =
      this.r.string(i, this.side, ['tags', 'Name']) ??
      this.r.string(i, this.side, ['tags_all', 'Name']) ??
      (i.index === undefined ? i.name : `${i.name}-${String(i.index)}`);
    return [{ Key: 'Name', Value: n }];
  }

  s(i: TfInstance, attr: string): string | undefined {
    return this.r.string(i, this.side, [attr]);
  }

  link(i: TfInstance, attr: string): string | undefined {
    return this.r.link(i, this.side, attr);
  }

  /** A route record from a route's attributes (`aws_route` or an inline block). */
  /** The VPC a gateway is attached to (its `vpc_id` link), quietly. */
  vpcOfGateway(x: TfInstance): string | undefined {
    return this.r.link(x, this.side, 'vpc_id', undefined, undefined, true);
  }

  route(
    i: TfInstance,
    path: (string | number)[],
    block: { name: string; index: number } | undefined,
    vpc: string | undefined,
  ): Mutable | undefined {
    const get = (a: string): unknown => this.r.value(i, this.side, [...path, a]);
    const dest = (
      block === undefined
        ? ['destination_cidr_block', 'destination_ipv6_cidr_block', 'destination_prefix_list_id']
        : ['cidr_block', 'ipv6_cidr_block', 'destination_prefix_list_id']
    )
      .map((a) => {
        const v = get(a);
        if (typeof v === 'string' && v !== '') return [a, v] as const;
        const c = this.r.expression(i, a, block)?.['constant_value'];
        return typeof c === 'string' && c !== '' ? ([a, c] as const) : undefined;
      })
      .find((x) => x !== undefined);
    if (dest === undefined) {
      this.w.add(
        'unresolved',
        `${i.address}: route destination unknown until apply — route left out`,
        this.r.file,
      );
      return undefined;
    }
    // The same route before the plan (an inline block matched by destination: sets have no
    // order): where the plan leaves its target unknown, the target stays what it was.
    const prior =
      this.side === 'after' && block !== undefined ? this.priorRoute(i, block.name, dest[1], vpc) : undefined;
    const out: Mutable = {};
    if (dest[0].includes('prefix_list')) out['DestinationPrefixListId'] = dest[1];
    else if (dest[0].includes('ipv6')) out['DestinationIpv6CidrBlock'] = dest[1];
    else out['DestinationCidrBlock'] = dest[1];
    // IMPORTERS.md 3.4: even unset computed targets are unknown; the configured one is the target.
    const known = TARGETS.find(([attr]) => {
      const v = get(attr);
      return typeof v === 'string' && v !== '';
    });
    if (known !== undefined) {
      const v = get(known[0]) as string;
      out[known[1]] = this.r.addressOfId(v, this.side) ?? v;
    } else {
      const b = block === undefined ? undefined : this.blockOf(i, block, dest[1]);
      for (const [attr, field] of TARGETS)
        if (this.r.configured(i, attr, b)) {
          const k = this.r.link(i, this.side, attr, b, [...path, attr], prior !== undefined);
          if (k !== undefined) {
            out[field] = k;
            break;
          }
        }
      const unknown = TARGETS.filter(([attr]) => get(attr) === UNKNOWN);
      const priorTarget =
        prior === undefined ? undefined : TARGETS.find(([, f]) => typeof prior[f] === 'string');
      if (attrTarget(out) === undefined && prior !== undefined && priorTarget !== undefined) {
        out[priorTarget[1]] = prior[priorTarget[1]];
        this.w.add(
          'unresolved',
          `${i.address}: route ${dest[1]}: its target is unknown until apply and cannot be followed in the configuration — kept as before the plan (${String(prior[priorTarget[1]])})`,
          this.r.file,
        );
      } else if (attrTarget(out) === undefined && unknown.length === 1 && unknown[0] !== undefined) {
        // 0.12-era plans write unset targets as "": the one unknown target is the configured one.
        // Its reference is not in the configuration (blocks are not represented): a unique
        // candidate of the right type is taken, and reported.
        const [attr, field] = unknown[0];
        const types = CANDIDATES[attr] ?? [];
        const cands = this.r.plan.instances.filter(
          (x) =>
            types.includes(x.type) &&
            this.r.exists(x, this.side) &&
            (vpc === undefined || this.vpcOfGateway(x) === undefined || this.vpcOfGateway(x) === vpc),
        );
        if (cands.length === 1 && cands[0] !== undefined) {
          out[field] = cands[0].address;
          this.w.add(
            'assumed',
            `${i.address}: route ${dest[1]}: ${attr} is unknown until apply and not in the configuration — taken as ${cands[0].address}, the only candidate`,
            this.r.file,
          );
        }
      }
    }
    if (
      attrTarget(out) === undefined &&
      str(out['GatewayId']) === undefined &&
      str(prior?.['GatewayId']) !== undefined
    ) {
      out['GatewayId'] = prior?.['GatewayId'];
      this.w.add(
        'unresolved',
        `${i.address}: route ${dest[1]}: its target is unknown until apply and cannot be followed in the configuration — kept as before the plan (${String(prior?.['GatewayId'])})`,
        this.r.file,
      );
    }
    if (attrTarget(out) === undefined && str(out['GatewayId']) === undefined) {
      this.w.add(
        'unresolved',
        TARGETS.some(([attr]) => get(attr) === UNKNOWN)
          ? `${i.address}: route ${dest[1]}: its target is unknown until apply and cannot be followed in the configuration — left out (it is new: no target to keep)`
          : `${i.address}: route ${dest[1]} has no known target — left out`,
        this.r.file,
      );
      return undefined;
    }
    out['Origin'] = 'CreateRoute';
    out['State'] = this.r.string(i, this.side, [...path, 'state']) ?? 'active';
    out['$origin'] = i.address;
    return out;
  }

  /** The configuration block of an inline route: the one with this destination, else by position. */
  blockOf(
    i: TfInstance,
    block: { readonly name: string; readonly index: number },
    dest: string,
  ): { readonly name: string; readonly index: number } {
    const blocks = arr(this.r.plan.config.get(i.configKey)?.expressions[block.name]);
    const at = blocks.findIndex((b) =>
      ['cidr_block', 'ipv6_cidr_block', 'destination_prefix_list_id'].some(
        (a) => obj(obj(b)?.[a])?.['constant_value'] === dest,
      ),
    );
    return at >= 0 ? { name: block.name, index: at } : block;
  }

  /** An inline route of the same destination before the plan, read on that side (quietly). */
  priorRoute(i: TfInstance, name: string, dest: string, vpc: string | undefined): Mutable | undefined {
    if (i.before === undefined) return undefined;
    const before = new Conv(this.r, 'before', new Warnings());
    const routes = list(this.r.value(i, 'before', [name]));
    const k = routes.findIndex((x) =>
      ['cidr_block', 'ipv6_cidr_block', 'destination_prefix_list_id'].some((a) => obj(x)?.[a] === dest),
    );
    return k < 0 ? undefined : before.route(i, [name, k], { name, index: k }, vpc);
  }
}

/** Resource types a route target attribute can name. */
const CANDIDATES: Readonly<Record<string, readonly string[]>> = {
  gateway_id: ['aws_internet_gateway', 'aws_vpn_gateway'],
  nat_gateway_id: ['aws_nat_gateway'],
  transit_gateway_id: ['aws_ec2_transit_gateway'],
  egress_only_gateway_id: ['aws_egress_only_internet_gateway'],
  vpc_peering_connection_id: ['aws_vpc_peering_connection'],
};

function attrTarget(o: Mutable): string | undefined {
  for (const [, f] of TARGETS) if (typeof o[f] === 'string') return o[f];
  return undefined;
}

function list(v: unknown): readonly unknown[] {
  return v === UNKNOWN ? [] : arr(v);
}

/** Converts the AWS resources of a plan side into an AWS inventory. */
export function awsInventory(r: TfResolver, side: Side, w: Warnings): AwsInventory {
  const c = new Conv(r, side, w);
  const inst = r.plan.instances.filter((i) => r.exists(i, side) && i.type.startsWith('aws_'));
  const of = (t: string): TfInstance[] => inst.filter((i) => i.type === t);

  for (const i of of('aws_vpc')) {
    const cidr = c.s(i, 'cidr_block');
    const v6 = c.s(i, 'ipv6_cidr_block');
    const o: Mutable = {
      VpcId: i.address,
      CidrBlock: cidr,
      CidrBlockAssociationSet:
        cidr === undefined ? [] : [{ CidrBlock: cidr, CidrBlockState: { State: 'associated' } }],
      Ipv6CidrBlockAssociationSet:
        v6 === undefined ? [] : [{ Ipv6CidrBlock: v6, Ipv6CidrBlockState: { State: 'associated' } }],
      Tags: c.tags(i),
      State: 'available',
    };
    if (cidr === undefined)
      w.add('unresolved', `${i.address}: cidr_block unknown until apply (IPAM) — VPC left out`, r.file);
    c.vpcs.set(i.address, o);
    c.inv.put('Vpcs', c.rec(i, o), w);
  }
  for (const i of of('aws_vpc_ipv4_cidr_block_association')) {
    const vpc = c.vpcs.get(c.link(i, 'vpc_id') ?? '');
    const cidr = c.s(i, 'cidr_block');
    if (vpc !== undefined && cidr !== undefined)
      (vpc['CidrBlockAssociationSet'] as Mutable[]).push({
        CidrBlock: cidr,
        CidrBlockState: { State: 'associated' },
      });
  }
  const vpcByCidr = (cidr: string | undefined): string | undefined => {
    if (cidr === undefined) return undefined;
    const hits = [...c.vpcs.entries()].filter(([, v]) =>
      arr(v['CidrBlockAssociationSet']).some((a) =>
        contains(str(obj(a)?.['CidrBlock']) ?? '', canonPrefix(cidr) ?? ''),
      ),
    );
    return hits.length === 1 ? hits[0]?.[0] : undefined;
  };
  const vpcOf = (i: TfInstance, cidr?: string): string | undefined => {
    const linked = r.link(i, side, 'vpc_id', undefined, undefined, true);
    if (linked !== undefined) return linked;
    const byCidr = vpcByCidr(cidr);
    const only = c.vpcs.size === 1 ? [...c.vpcs.keys()][0] : undefined;
    const pick = byCidr ?? only;
    const refs = arr(r.expression(i, 'vpc_id')?.['references']).join(', ');
    if (pick !== undefined)
      w.add(
        'assumed',
        `${i.address}: vpc_id is unknown until apply and its reference (${refs || 'none'}) cannot be followed — placed in ${pick}${byCidr !== undefined ? ', the VPC whose CIDR contains it' : ', the only VPC'}`,
        r.file,
      );
    else
      w.add(
        'unresolved',
        `${i.address}: vpc_id is unknown until apply and its reference (${refs || 'none'}) cannot be followed — left out`,
        r.file,
      );
    return pick;
  };
  for (const i of of('aws_subnet')) {
    const constant = r.expression(i, 'cidr_block')?.['constant_value'];
    const cidr =
      c.s(i, 'cidr_block') ??
      c.s(i, 'address_prefix') ??
      (typeof constant === 'string' && constant !== '' ? constant : undefined);
    if (cidr === undefined && r.value(i, side, ['cidr_block']) === UNKNOWN) {
      const refs = arr(r.expression(i, 'cidr_block')?.['references']).join(', ');
      w.add(
        'unresolved',
        `${i.address}: cidr_block is unknown until apply${refs !== '' ? ` (computed from ${refs})` : ''} — subnet left out: a scenario subnet needs its IPv4 range`,
        r.file,
      );
      continue;
    }
    c.inv.put(
      'Subnets',
      c.rec(i, {
        SubnetId: i.address,
        VpcId: vpcOf(i, cidr),
        CidrBlock: cidr,
        AvailabilityZone: c.s(i, 'availability_zone'),
        MapPublicIpOnLaunch: r.value(i, side, ['map_public_ip_on_launch']) === true,
        Tags: c.tags(i),
      }),
      w,
    );
  }
  const table = (i: TfInstance, vpc: string | undefined, main: boolean): void => {
    const routes: Mutable[] = [];
    const rv = r.value(i, side, ['route']);
    // IMPORTERS.md 3.5: `after_unknown.route: true` — the whole route set is unknown. The
    // configuration's route blocks say what it will be (dynamic blocks are not in it); without
    // them, an existing table keeps its routes (unknown is not removed), a new one has none.
    const blocks = rv === UNKNOWN ? arr(r.plan.config.get(i.configKey)?.expressions['route']) : [];
    const prior = rv === UNKNOWN && blocks.length === 0 ? list(r.value(i, 'before', ['route'])) : [];
    if (rv === UNKNOWN)
      w.add(
        blocks.length > 0 ? 'assumed' : 'unresolved',
        blocks.length > 0
          ? `${i.address}: its inline routes are unknown until apply — read from its ${blocks.length} route block${blocks.length === 1 ? '' : 's'} in the configuration`
          : prior.length > 0
            ? `${i.address}: its inline routes are unknown until apply and not in the configuration (a dynamic block) — kept as before the plan`
            : `${i.address}: its inline routes are unknown until apply — left out`,
        r.file,
      );
    if (prior.length > 0) {
      const before = new Conv(r, 'before', new Warnings());
      prior.forEach((_, k) => {
        const rt = before.route(i, ['route', k], { name: 'route', index: k }, vpc);
        if (rt !== undefined) routes.push(rt);
      });
    }
    (blocks.length > 0 ? blocks : list(rv)).forEach((_, k) => {
      const rt = c.route(i, ['route', k], { name: 'route', index: k }, vpc);
      if (rt !== undefined) routes.push(rt);
    });
    const vgws = list(r.value(i, side, ['propagating_vgws']))
      .map((v) =>
        typeof v === 'string' && v !== '' ? { GatewayId: r.addressOfId(v, side) ?? v } : undefined,
      )
      .filter((v) => v !== undefined);
    const o: Mutable = {
      RouteTableId: i.address,
      VpcId: vpc,
      Routes: routes,
      Associations: main ? [{ Main: true, $origin: i.address }] : [],
      PropagatingVgws: vgws,
      Tags: c.tags(i),
    };
    c.tables.set(i.address, o);
    c.inv.put('RouteTables', c.rec(i, o), w);
  };
  for (const i of of('aws_route_table')) table(i, vpcOf(i), false);
  for (const i of of('aws_default_route_table')) {
    const def = c.s(i, 'default_route_table_id');
    const owner = [...c.vpcs.keys()].find((v) => {
      const vi = inst.find((x) => x.address === v);
      return vi !== undefined && def !== undefined && r.string(vi, side, ['default_route_table_id']) === def;
    });
    table(i, c.link(i, 'vpc_id') ?? owner ?? c.link(i, 'default_route_table_id') ?? vpcOf(i), true);
  }
  for (const i of of('aws_main_route_table_association')) {
    const vpc = c.link(i, 'vpc_id');
    const t = c.link(i, 'route_table_id');
    if (vpc !== undefined && t !== undefined) c.mains.set(vpc, `${t}|${i.address}`);
  }
  for (const [vpc, v] of c.mains) {
    const [t, origin] = v.split('|');
    for (const o of c.tables.values())
      if (o['VpcId'] === vpc)
        o['Associations'] = arr(o['Associations']).filter((a) => obj(a)?.['Main'] !== true);
    const o = c.tables.get(t ?? '');
    if (o !== undefined) (o['Associations'] as Mutable[]).push({ Main: true, $origin: origin });
  }
  for (const i of of('aws_route')) {
    const t = c.tables.get(c.link(i, 'route_table_id') ?? '');
    if (t === undefined) {
      w.add('missing-reference', `${i.address}: its route table is not in the plan — route left out`, r.file);
      continue;
    }
    const rt = c.route(i, [], undefined, str(t['VpcId']));
    if (rt === undefined) continue;
    const routes = t['Routes'] as Mutable[];
    const dest =
      rt['DestinationCidrBlock'] ?? rt['DestinationIpv6CidrBlock'] ?? rt['DestinationPrefixListId'];
    if (
      routes.some(
        (x) =>
          (x['DestinationCidrBlock'] ?? x['DestinationIpv6CidrBlock'] ?? x['DestinationPrefixListId']) ===
          dest,
      )
    ) {
      // Inline routes and aws_route on one table fight each other (provider docs): report it.
      w.add(
        'malformed',
        `${i.address}: route ${String(dest)} is also an inline route of ${String(t['RouteTableId'])} — kept the inline one`,
        r.file,
      );
      continue;
    }
    routes.push(rt);
  }
  for (const i of of('aws_route_table_association')) {
    const t = c.tables.get(c.link(i, 'route_table_id') ?? '');
    const subnet =
      c.s(i, 'subnet_id') !== undefined || r.configured(i, 'subnet_id') ? c.link(i, 'subnet_id') : undefined;
    const gw =
      subnet === undefined && (c.s(i, 'gateway_id') !== undefined || r.configured(i, 'gateway_id'))
        ? c.link(i, 'gateway_id')
        : undefined;
    if (t === undefined || (subnet === undefined && gw === undefined)) continue;
    (t['Associations'] as Mutable[]).push({
      Main: false,
      SubnetId: subnet,
      GatewayId: gw,
      $origin: i.address,
    });
  }
  for (const i of of('aws_vpn_gateway_route_propagation')) {
    const t = c.tables.get(c.link(i, 'route_table_id') ?? '');
    const vgw = c.link(i, 'vpn_gateway_id');
    if (t !== undefined && vgw !== undefined) {
      const list = t['PropagatingVgws'] as Mutable[];
      if (list.some((x) => x['GatewayId'] === vgw))
        w.add('malformed', `${i.address}: propagation also set by propagating_vgws on the table`, r.file);
      else list.push({ GatewayId: vgw });
    }
  }
  const attachments = new Map<string, string[]>();
  for (const i of of('aws_internet_gateway_attachment')) {
    const igw = c.link(i, 'internet_gateway_id');
    const vpc = c.link(i, 'vpc_id');
    if (igw !== undefined && vpc !== undefined) attachments.set(igw, [...(attachments.get(igw) ?? []), vpc]);
  }
  for (const i of of('aws_vpn_gateway_attachment')) {
    const vgw = c.link(i, 'vpn_gateway_id');
    const vpc = c.link(i, 'vpc_id');
    if (vgw !== undefined && vpc !== undefined) attachments.set(vgw, [...(attachments.get(vgw) ?? []), vpc]);
  }
  const attached = (i: TfInstance): Mutable[] => {
    const direct = r.configured(i, 'vpc_id') || c.s(i, 'vpc_id') !== undefined ? vpcOf(i) : undefined;
    return [...(direct !== undefined ? [direct] : []), ...(attachments.get(i.address) ?? [])].map((v) => ({
      VpcId: v,
      State: 'attached',
    }));
  };
  for (const i of of('aws_internet_gateway'))
    c.inv.put(
      'InternetGateways',
      c.rec(i, { InternetGatewayId: i.address, Attachments: attached(i), Tags: c.tags(i) }),
      w,
    );
  for (const i of of('aws_egress_only_internet_gateway'))
    c.inv.put(
      'EgressOnlyInternetGateways',
      c.rec(i, { EgressOnlyInternetGatewayId: i.address, Attachments: attached(i), Tags: c.tags(i) }),
      w,
    );
  for (const i of of('aws_nat_gateway'))
    c.inv.put(
      'NatGateways',
      c.rec(i, {
        NatGatewayId: i.address,
        SubnetId: c.link(i, 'subnet_id'),
        ConnectivityType: c.s(i, 'connectivity_type') ?? 'public',
        State: 'available',
        Tags: c.tags(i),
      }),
      w,
    );
  for (const i of of('aws_vpn_gateway'))
    c.inv.put(
      'VpnGateways',
      c.rec(i, {
        VpnGatewayId: i.address,
        AmazonSideAsn: num(r.value(i, side, ['amazon_side_asn'])),
        VpcAttachments: attached(i),
        State: 'available',
        Tags: c.tags(i),
      }),
      w,
    );
  for (const i of of('aws_customer_gateway'))
    c.inv.put(
      'CustomerGateways',
      c.rec(i, {
        CustomerGatewayId: i.address,
        BgpAsn: num(r.value(i, side, ['bgp_asn'])),
        IpAddress: c.s(i, 'ip_address'),
        State: 'available',
        Tags: c.tags(i),
      }),
      w,
    );
  for (const i of of('aws_vpn_connection')) {
    // Never read: tunnel1_preshared_key, tunnel2_preshared_key, customer_gateway_configuration.
    const telemetry = list(r.value(i, side, ['vgw_telemetry'])).map((t) => ({
      Status: str(obj(t)?.['status']),
      AcceptedRouteCount: num(obj(t)?.['accepted_route_count']),
    }));
    const tgw =
      r.configured(i, 'transit_gateway_id') || c.s(i, 'transit_gateway_id') !== undefined
        ? c.link(i, 'transit_gateway_id')
        : undefined;
    const vgw = tgw === undefined ? c.link(i, 'vpn_gateway_id') : undefined;
    const o: Mutable = {
      VpnConnectionId: i.address,
      CustomerGatewayId: c.link(i, 'customer_gateway_id'),
      VpnGatewayId: vgw,
      TransitGatewayId: tgw,
      Options: { StaticRoutesOnly: r.value(i, side, ['static_routes_only']) === true },
      Routes: [],
      VgwTelemetry: telemetry,
      State: 'available',
      Tags: c.tags(i),
    };
    c.vpns.set(i.address, o);
    c.inv.put('VpnConnections', c.rec(i, o), w);
    if (tgw !== undefined) {
      const att: Mutable = {
        TransitGatewayAttachmentId: c.s(i, 'transit_gateway_attachment_id') ?? `${i.address}#attachment`,
        TransitGatewayId: tgw,
        ResourceType: 'vpn',
        ResourceId: i.address,
        State: 'available',
        $default: true,
      };
      c.tgwAttachments.set(String(att['TransitGatewayAttachmentId']), att);
    }
  }
  for (const i of of('aws_vpn_connection_route')) {
    const v = c.vpns.get(c.link(i, 'vpn_connection_id') ?? '');
    const d = c.s(i, 'destination_cidr_block');
    if (v !== undefined && d !== undefined)
      (v['Routes'] as Mutable[]).push({ DestinationCidrBlock: d, State: 'available' });
  }
  const accepted = new Set(
    of('aws_vpc_peering_connection_accepter').map((i) => c.link(i, 'vpc_peering_connection_id')),
  );
  for (const i of of('aws_vpc_peering_connection')) {
    const status = c.s(i, 'accept_status');
    const auto = r.value(i, side, ['auto_accept']) === true || accepted.has(i.address);
    const code = status ?? (auto ? 'active' : 'pending-acceptance');
    if (status === undefined && !auto)
      w.note(
        'assumed',
        `${i.address}: not auto-accepted and no accepter in the plan — taken as pending acceptance`,
      );
    c.inv.put(
      'VpcPeeringConnections',
      c.rec(i, {
        VpcPeeringConnectionId: i.address,
        Status: { Code: code },
        RequesterVpcInfo: { VpcId: c.link(i, 'vpc_id') },
        AccepterVpcInfo: { VpcId: c.link(i, 'peer_vpc_id') },
        Tags: c.tags(i),
      }),
      w,
    );
  }
  for (const i of of('aws_ec2_transit_gateway')) {
    const defAssoc = (c.s(i, 'default_route_table_association') ?? 'enable') === 'enable';
    const defProp = (c.s(i, 'default_route_table_propagation') ?? 'enable') === 'enable';
    const assocId = c.s(i, 'association_default_route_table_id');
    const propId = c.s(i, 'propagation_default_route_table_id');
    // The default route table is made with the TGW, not by a resource of its own.
    const defTable = assocId ?? propId ?? `${i.address}#default`;
    const o: Mutable = {
      TransitGatewayId: i.address,
      State: 'available',
      Options: {
        AmazonSideAsn: num(r.value(i, side, ['amazon_side_asn'])),
        DefaultRouteTableAssociation: defAssoc ? 'enable' : 'disable',
        DefaultRouteTablePropagation: defProp ? 'enable' : 'disable',
        AssociationDefaultRouteTableId: defTable,
        PropagationDefaultRouteTableId: propId ?? defTable,
      },
      Tags: c.tags(i),
    };
    c.tgws.set(i.address, o);
    c.inv.put('TransitGateways', c.rec(i, o), w);
    if ((defAssoc || defProp) && !c.inv.byKey.TransitGatewayRouteTables.has(defTable))
      c.inv.put(
        'TransitGatewayRouteTables',
        {
          o: {
            TransitGatewayRouteTableId: defTable,
            TransitGatewayId: i.address,
            State: 'available',
            Tags: [{ Key: 'Name', Value: 'default' }],
          },
          file: r.file,
          path: [],
          origin: i.address,
          outId: assocId ?? defTable,
        },
        w,
      );
  }
  for (const i of of('aws_ec2_transit_gateway_route_table'))
    c.inv.put(
      'TransitGatewayRouteTables',
      c.rec(i, {
        TransitGatewayRouteTableId:
          c.s(i, 'id') !== undefined && r.addressOfId(c.s(i, 'id') ?? '', side) === undefined
            ? c.s(i, 'id')
            : i.address,
        TransitGatewayId: c.link(i, 'transit_gateway_id'),
        State: 'available',
        Tags: c.tags(i),
      }),
      w,
    );
  for (const i of of('aws_ec2_transit_gateway_vpc_attachment')) {
    const subnets = list(r.value(i, side, ['subnet_ids']))
      .map((s) => (typeof s === 'string' ? (r.addressOfId(s, side) ?? s) : undefined))
      .filter((s) => s !== undefined);
    const att: Mutable = {
      TransitGatewayAttachmentId: i.address,
      TransitGatewayId: c.link(i, 'transit_gateway_id'),
      ResourceType: 'vpc',
      ResourceId: c.link(i, 'vpc_id'),
      State: 'available',
      $default: r.value(i, side, ['transit_gateway_default_route_table_association']) !== false,
      $defaultPropagation: r.value(i, side, ['transit_gateway_default_route_table_propagation']) !== false,
      $origin: i.address,
    };
    c.tgwAttachments.set(i.address, att);
    c.inv.put(
      'TransitGatewayVpcAttachments',
      c.rec(i, { TransitGatewayAttachmentId: i.address, SubnetIds: subnets }),
      w,
    );
  }
  // AWS-R29: a TGW peering. The requester's side is the peering attachment, the accepter's side
  // its accepter (on the peer transit gateway); both share one id, so a link to either is taken
  // to the side whose transit gateway owns the route table that names it.
  const peerSide = new Map<string, string>();
  for (const i of of('aws_ec2_transit_gateway_peering_attachment'))
    c.tgwAttachments.set(i.address, {
      TransitGatewayAttachmentId: i.address,
      TransitGatewayId: c.link(i, 'transit_gateway_id'),
      ResourceType: 'peering',
      ResourceId: c.link(i, 'peer_transit_gateway_id'),
      State: 'available',
      Tags: c.tags(i),
      $default: true,
      $defaultPropagation: false,
      $origin: i.address,
    });
  for (const i of of('aws_ec2_transit_gateway_peering_attachment_accepter')) {
    // Both resources carry the attachment's id: the link may name either; take the requester.
    const linked = c.link(i, 'transit_gateway_attachment_id') ?? '';
    const wanted = c.s(i, 'transit_gateway_attachment_id');
    const reqKey =
      of('aws_ec2_transit_gateway_peering_attachment').find(
        (x) => x.address === linked || (wanted !== undefined && c.s(x, 'id') === wanted),
      )?.address ?? linked;
    const req = c.tgwAttachments.get(reqKey);
    if (req?.['ResourceType'] !== 'peering') {
      w.add(
        'missing-reference',
        `${i.address}: its peering attachment ${reqKey || '?'} is not in the plan — skipped`,
        r.file,
      );
      continue;
    }
    c.tgwAttachments.set(i.address, {
      TransitGatewayAttachmentId: i.address,
      TransitGatewayId: req['ResourceId'],
      ResourceType: 'peering',
      ResourceId: req['TransitGatewayId'],
      State: 'available',
      Tags: c.tags(i),
      $default: r.value(i, side, ['transit_gateway_default_route_table_association']) !== false,
      $defaultPropagation: false,
      $origin: i.address,
    });
    peerSide.set(reqKey, i.address);
    peerSide.set(i.address, reqKey);
  }
  awsDirectConnect(c); // AWS-R46: Direct Connect (aws-edge.ts)
  /** The attachment key a link names, on the side of the transit gateway that owns `table`. */
  const onSide = (key: string | undefined, table: string | undefined): string | undefined => {
    const tgw = str(c.inv.byKey.TransitGatewayRouteTables.get(table ?? '')?.o['TransitGatewayId']);
    const other = peerSide.get(key ?? '');
    if (other === undefined || tgw === undefined) return key;
    return str(c.tgwAttachments.get(key ?? '')?.['TransitGatewayId']) === tgw ? key : other;
  };
  for (const i of of('aws_ec2_transit_gateway_route_table_association')) {
    const t = c.link(i, 'transit_gateway_route_table_id');
    const att = c.tgwAttachments.get(onSide(c.link(i, 'transit_gateway_attachment_id'), t) ?? '');
    if (att !== undefined && t !== undefined) {
      att['Association'] = { TransitGatewayRouteTableId: t, State: 'associated' };
      att['$default'] = false;
    }
  }
  for (const i of of('aws_ec2_transit_gateway_route_table_propagation')) {
    const att = c.link(i, 'transit_gateway_attachment_id');
    const t = c.link(i, 'transit_gateway_route_table_id');
    if (att !== undefined && t !== undefined)
      c.propagations.set(t, [
        ...(c.propagations.get(t) ?? []),
        c.rec(i, { TransitGatewayAttachmentId: att, State: 'enabled' }),
      ]);
  }
  for (const [id, att] of c.tgwAttachments) {
    const tgw = c.tgws.get(str(att['TransitGatewayId']) ?? '');
    const options = obj(tgw?.['Options']);
    const def = str(options?.['AssociationDefaultRouteTableId']);
    if (
      att['$default'] === true &&
      att['Association'] === undefined &&
      options?.['DefaultRouteTableAssociation'] === 'enable' &&
      def !== undefined
    )
      att['Association'] = { TransitGatewayRouteTableId: def, State: 'associated' };
    const prop = str(options?.['PropagationDefaultRouteTableId']);
    if (
      att['$defaultPropagation'] !== false &&
      options?.['DefaultRouteTablePropagation'] === 'enable' &&
      prop !== undefined
    )
      c.propagations.set(prop, [
        ...(c.propagations.get(prop) ?? []),
        { o: { TransitGatewayAttachmentId: id, State: 'enabled' }, file: r.file, path: [] },
      ]);
    c.inv.put(
      'TransitGatewayAttachments',
      {
        o: att,
        file: r.file,
        path: [],
        ...(typeof att['$origin'] === 'string' ? { origin: att['$origin'] } : {}),
        outId: id,
      },
      w,
    );
  }
  for (const i of of('aws_ec2_transit_gateway_route')) {
    const t = c.link(i, 'transit_gateway_route_table_id');
    if (t === undefined) continue;
    const blackhole = r.value(i, side, ['blackhole']) === true;
    const att = blackhole ? undefined : onSide(c.link(i, 'transit_gateway_attachment_id'), t);
    c.tgwRoutes.set(t, [
      ...(c.tgwRoutes.get(t) ?? []),
      c.rec(i, {
        DestinationCidrBlock: c.s(i, 'destination_cidr_block'),
        Type: 'static',
        State: blackhole ? 'blackhole' : 'active',
        TransitGatewayAttachments: att === undefined ? [] : [{ TransitGatewayAttachmentId: att }],
      }),
    ]);
  }
  for (const [table, items] of c.propagations)
    c.inv.propagations.push({ table, items, truncated: false, file: r.file });
  for (const [table, items] of c.tgwRoutes)
    c.inv.tgwRoutes.push({ table, items, truncated: false, file: r.file });
  for (const i of of('aws_instance')) {
    const ip = c.s(i, 'private_ip');
    if (ip === undefined) {
      w.add('unresolved', `${i.address}: private_ip unknown until apply — not a host`, r.file);
      continue;
    }
    const associate = r.value(i, side, ['associate_public_ip_address']);
    const publicIp = c.s(i, 'public_ip') !== undefined || associate === true;
    c.inv.put(
      'NetworkInterfaces',
      c.rec(i, {
        NetworkInterfaceId: i.address,
        SubnetId: c.link(i, 'subnet_id'),
        PrivateIpAddress: ip,
        SourceDestCheck: r.value(i, side, ['source_dest_check']) !== false,
        ...(publicIp ? { Association: { PublicIp: 'yes' } } : {}),
        // Not set in the configuration (known only after apply): the subnet's MapPublicIpOnLaunch decides.
        ...(!publicIp && associate !== false ? { $publicIp: 'inherit' } : {}),
        TagSet: c.tags(i),
      }),
      w,
    );
  }
  for (const i of of('aws_network_interface')) {
    const ip = c.s(i, 'private_ip') ?? str(list(r.value(i, side, ['private_ips']))[0]);
    if (ip === undefined) {
      w.add('unresolved', `${i.address}: private IP unknown until apply — not a host`, r.file);
      continue;
    }
    c.inv.put(
      'NetworkInterfaces',
      c.rec(i, {
        NetworkInterfaceId: i.address,
        SubnetId: c.link(i, 'subnet_id'),
        PrivateIpAddress: ip,
        SourceDestCheck: r.value(i, side, ['source_dest_check']) !== false,
        TagSet: c.tags(i),
      }),
      w,
    );
  }
  awsFilters(c); // FILTERS.md: security groups, network ACLs, the hosts' groups (aws-filters.ts)
  return c.inv;
}
