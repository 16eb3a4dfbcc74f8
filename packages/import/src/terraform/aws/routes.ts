/**
 * One route of a Terraform AWS route table (an `aws_route` or an inline `route` block) → a
 * describe-route-tables route: its destination and its target, followed through the plan, the
 * configuration, or the same route before the plan when the plan leaves it unknown.
 */
import { arr, obj, str } from '../../internal/json.js';
import { Warnings } from '../../warnings.js';
import type { TfInstance } from '../plan.js';
import { UNKNOWN } from '../refs.js';
import { AwsConverter, knownList, type Mutable } from './converter.js';

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

/** Resource types a route target attribute can name. */
const CANDIDATES: Readonly<Record<string, readonly string[]>> = {
  gateway_id: ['aws_internet_gateway', 'aws_vpn_gateway'],
  nat_gateway_id: ['aws_nat_gateway'],
  transit_gateway_id: ['aws_ec2_transit_gateway'],
  egress_only_gateway_id: ['aws_egress_only_internet_gateway'],
  vpc_peering_connection_id: ['aws_vpc_peering_connection'],
};

/** The route's target, if one of the target fields is set. */
function knownTarget(o: Mutable): string | undefined {
  for (const [, f] of TARGETS) if (typeof o[f] === 'string') return o[f];
  return undefined;
}

/** A route record from a route's attributes (`aws_route` or an inline block), or undefined (reported). */
export function routeRecord(
  c: AwsConverter,
  i: TfInstance,
  path: (string | number)[],
  block: { name: string; index: number } | undefined,
  vpc: string | undefined,
): Mutable | undefined {
  const get = (a: string): unknown => c.r.value(i, c.side, [...path, a]);
  const dest = (
    block === undefined
      ? ['destination_cidr_block', 'destination_ipv6_cidr_block', 'destination_prefix_list_id']
      : ['cidr_block', 'ipv6_cidr_block', 'destination_prefix_list_id']
  )
    .map((a) => {
      const v = get(a);
      if (typeof v === 'string' && v !== '') return [a, v] as const;
      const constant = c.r.expression(i, a, block)?.['constant_value'];
      return typeof constant === 'string' && constant !== '' ? ([a, constant] as const) : undefined;
    })
    .find((x) => x !== undefined);
  if (dest === undefined) {
    c.w.add('unresolved', `${i.address}: route destination unknown until apply — route left out`, c.r.file);
    return undefined;
  }
  // The same route before the plan (an inline block matched by destination: sets have no
  // order): where the plan leaves its target unknown, the target stays what it was.
  const prior =
    c.side === 'after' && block !== undefined ? priorInlineRoute(c, i, block.name, dest[1], vpc) : undefined;
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
    out[known[1]] = c.r.addressOfId(v, c.side) ?? v;
  } else {
    const b = block === undefined ? undefined : inlineRouteBlock(c, i, block, dest[1]);
    for (const [attr, field] of TARGETS)
      if (c.r.configured(i, attr, b)) {
        const k = c.r.link(i, c.side, attr, b, [...path, attr], prior !== undefined);
        if (k !== undefined) {
          out[field] = k;
          break;
        }
      }
    const unknown = TARGETS.filter(([attr]) => get(attr) === UNKNOWN);
    const priorTarget =
      prior === undefined ? undefined : TARGETS.find(([, f]) => typeof prior[f] === 'string');
    if (knownTarget(out) === undefined && prior !== undefined && priorTarget !== undefined) {
      out[priorTarget[1]] = prior[priorTarget[1]];
      c.w.add(
        'unresolved',
        `${i.address}: route ${dest[1]}: its target is unknown until apply and cannot be followed in the configuration — kept as before the plan (${String(prior[priorTarget[1]])})`,
        c.r.file,
      );
    } else if (knownTarget(out) === undefined && unknown.length === 1 && unknown[0] !== undefined) {
      // 0.12-era plans write unset targets as "": the one unknown target is the configured one.
      // Its reference is not in the configuration (blocks are not represented): a unique
      // candidate of the right type is taken, and reported.
      const [attr, field] = unknown[0];
      const types = CANDIDATES[attr] ?? [];
      const cands = c.r.plan.instances.filter(
        (x) =>
          types.includes(x.type) &&
          c.r.exists(x, c.side) &&
          (vpc === undefined || c.vpcOfGateway(x) === undefined || c.vpcOfGateway(x) === vpc),
      );
      if (cands.length === 1 && cands[0] !== undefined) {
        out[field] = cands[0].address;
        c.w.add(
          'assumed',
          `${i.address}: route ${dest[1]}: ${attr} is unknown until apply and not in the configuration — taken as ${cands[0].address}, the only candidate`,
          c.r.file,
        );
      }
    }
  }
  if (
    knownTarget(out) === undefined &&
    str(out['GatewayId']) === undefined &&
    str(prior?.['GatewayId']) !== undefined
  ) {
    out['GatewayId'] = prior?.['GatewayId'];
    c.w.add(
      'unresolved',
      `${i.address}: route ${dest[1]}: its target is unknown until apply and cannot be followed in the configuration — kept as before the plan (${String(prior?.['GatewayId'])})`,
      c.r.file,
    );
  }
  if (knownTarget(out) === undefined && str(out['GatewayId']) === undefined) {
    c.w.add(
      'unresolved',
      TARGETS.some(([attr]) => get(attr) === UNKNOWN)
        ? `${i.address}: route ${dest[1]}: its target is unknown until apply and cannot be followed in the configuration — left out (it is new: no target to keep)`
        : `${i.address}: route ${dest[1]} has no known target — left out`,
      c.r.file,
    );
    return undefined;
  }
  out['Origin'] = 'CreateRoute';
  out['State'] = c.r.string(i, c.side, [...path, 'state']) ?? 'active';
  out['$origin'] = i.address;
  return out;
}

/** The configuration block of an inline route: the one with this destination, else by position. */
function inlineRouteBlock(
  c: AwsConverter,
  i: TfInstance,
  block: { readonly name: string; readonly index: number },
  dest: string,
): { readonly name: string; readonly index: number } {
  const blocks = arr(c.r.plan.config.get(i.configKey)?.expressions[block.name]);
  const at = blocks.findIndex((b) =>
    ['cidr_block', 'ipv6_cidr_block', 'destination_prefix_list_id'].some(
      (a) => obj(obj(b)?.[a])?.['constant_value'] === dest,
    ),
  );
  return at >= 0 ? { name: block.name, index: at } : block;
}

/** An inline route of the same destination before the plan, read on that side (quietly). */
function priorInlineRoute(
  c: AwsConverter,
  i: TfInstance,
  name: string,
  dest: string,
  vpc: string | undefined,
): Mutable | undefined {
  if (i.before === undefined) return undefined;
  const before = new AwsConverter(c.r, 'before', new Warnings());
  const routes = knownList(c.r.value(i, 'before', [name]));
  const k = routes.findIndex((x) =>
    ['cidr_block', 'ipv6_cidr_block', 'destination_prefix_list_id'].some((a) => obj(x)?.[a] === dest),
  );
  return k < 0 ? undefined : routeRecord(before, i, [name, k], { name, index: k }, vpc);
}
