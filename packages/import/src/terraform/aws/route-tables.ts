/**
 * Terraform AWS route tables → describe-route-tables records: inline routes and `aws_route`
 * resources merged (duplicates reported), the main table, subnet and gateway associations, and
 * VGW route propagation. The implicit `local` route needs nothing (the scenario implies it).
 */
import { arr, obj, str } from '../../internal/json.js';
import { Warnings } from '../../warnings.js';
import type { TfInstance } from '../plan.js';
import { UNKNOWN } from '../refs.js';
import { AwsConverter, knownList, type Mutable } from './converter.js';
import { routeRecord } from './routes.js';
import { vpcOf } from './vpc.js';

/** A route table record: its inline routes (IMPORTERS.md 3.5), propagating VGWs and main flag. */
function routeTable(c: AwsConverter, i: TfInstance, vpc: string | undefined, main: boolean): void {
  const { r, side, w } = c;
  const routes: Mutable[] = [];
  const rv = r.value(i, side, ['route']);
  // IMPORTERS.md 3.5: `after_unknown.route: true` — the whole route set is unknown. The
  // configuration's route blocks say what it will be (dynamic blocks are not in it); without
  // them, an existing table keeps its routes (unknown is not removed), a new one has none.
  const blocks = rv === UNKNOWN ? arr(r.plan.config.get(i.configKey)?.expressions['route']) : [];
  const prior = rv === UNKNOWN && blocks.length === 0 ? knownList(r.value(i, 'before', ['route'])) : [];
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
    const before = new AwsConverter(r, 'before', new Warnings());
    prior.forEach((_, k) => {
      const rt = routeRecord(before, i, ['route', k], { name: 'route', index: k }, vpc);
      if (rt !== undefined) routes.push(rt);
    });
  }
  (blocks.length > 0 ? blocks : knownList(rv)).forEach((_, k) => {
    const rt = routeRecord(c, i, ['route', k], { name: 'route', index: k }, vpc);
    if (rt !== undefined) routes.push(rt);
  });
  const vgws = knownList(r.value(i, side, ['propagating_vgws']))
    .map((v) => (typeof v === 'string' && v !== '' ? { GatewayId: r.addressOfId(v, side) ?? v } : undefined))
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
  c.inv.put('RouteTables', c.record(i, o), w);
}

/**
 * `aws_route_table`, `aws_default_route_table`, `aws_main_route_table_association`, `aws_route`,
 * `aws_route_table_association` and `aws_vpn_gateway_route_propagation` → route table records.
 */
export function convertRouteTables(c: AwsConverter): void {
  const { r, side, w } = c;
  for (const i of c.instances('aws_route_table')) routeTable(c, i, vpcOf(c, i), false);
  for (const i of c.instances('aws_default_route_table')) {
    const def = c.stringAttr(i, 'default_route_table_id');
    const owner = [...c.vpcs.keys()].find((v) => {
      const vi = c.instances('aws_vpc').find((x) => x.address === v);
      return vi !== undefined && def !== undefined && r.string(vi, side, ['default_route_table_id']) === def;
    });
    routeTable(
      c,
      i,
      c.link(i, 'vpc_id') ?? owner ?? c.link(i, 'default_route_table_id') ?? vpcOf(c, i),
      true,
    );
  }
  for (const i of c.instances('aws_main_route_table_association')) {
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
  for (const i of c.instances('aws_route')) {
    const t = c.tables.get(c.link(i, 'route_table_id') ?? '');
    if (t === undefined) {
      w.add('missing-reference', `${i.address}: its route table is not in the plan — route left out`, r.file);
      continue;
    }
    const rt = routeRecord(c, i, [], undefined, str(t['VpcId']));
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
  for (const i of c.instances('aws_route_table_association')) {
    const t = c.tables.get(c.link(i, 'route_table_id') ?? '');
    const subnet =
      c.stringAttr(i, 'subnet_id') !== undefined || r.configured(i, 'subnet_id')
        ? c.link(i, 'subnet_id')
        : undefined;
    const gw =
      subnet === undefined && (c.stringAttr(i, 'gateway_id') !== undefined || r.configured(i, 'gateway_id'))
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
  for (const i of c.instances('aws_vpn_gateway_route_propagation')) {
    const t = c.tables.get(c.link(i, 'route_table_id') ?? '');
    const vgw = c.link(i, 'vpn_gateway_id');
    if (t !== undefined && vgw !== undefined) {
      const list = t['PropagatingVgws'] as Mutable[];
      if (list.some((x) => x['GatewayId'] === vgw))
        w.add('malformed', `${i.address}: propagation also set by propagating_vgws on the table`, r.file);
      else list.push({ GatewayId: vgw });
    }
  }
}
