/**
 * AWS inventory → intermediate topology. Order matters: VPCs, subnets, hosts and gateways first;
 * then peerings and transit gateways (route targets); then route tables (which also tell what each
 * VGW learned over BGP); then customer gateways and VPN connections, whose sites advertise those
 * prefixes. IMPORTERS.md §1 gives the shapes and traps each step handles.
 */
import type { DGateway, DNetwork, DTopology } from '../draft.js';
import { emptyTopology } from '../draft.js';
import { arr, bool, nameTag, num, obj, str, type JsonObject } from '../internal/json.js';
import { canonIp, canonPrefix, contains, containsIp } from '../internal/ip.js';
import type { Warnings } from '../warnings.js';
import { AwsContext, isGone } from './context.js';
import type { AwsInventory, AwsRecord } from './inventory.js';
import { buildRouteTables } from './routes.js';
import { buildTransitGateways, pruneTgwAttachments } from './tgw.js';
import { buildVpn } from './vpn.js';
import { buildDirectConnect } from './direct-connect.js';
import { buildFilters } from './filters.js';

/** AWS-R21: Amazon-side ASNs cloudroute accepts (the pre-2017 default 7224 is not one). */
function amazonAsn(asn: number | undefined): boolean {
  return asn !== undefined && ((asn >= 64512 && asn <= 65534) || (asn >= 4200000000 && asn <= 4294967294));
}

function buildVpcs(c: AwsContext): void {
  for (const [id, rec] of c.inv.byKey.Vpcs) {
    if (isGone(rec.o['State'])) {
      c.warn(rec, 'stale', `VPC ${id} is ${String(rec.o['State'])} — skipped`);
      continue;
    }
    const cidrs: string[] = [];
    const assoc = arr(rec.o['CidrBlockAssociationSet']);
    // IMPORTERS.md 1.2: removed secondary CIDRs stay listed as `disassociated`.
    for (const a of assoc) {
      const ao = obj(a);
      const state = str(obj(ao?.['CidrBlockState'])?.['State']) ?? 'associated';
      const cidr = canonPrefix(str(ao?.['CidrBlock']));
      if (cidr !== undefined && state === 'associated' && !cidrs.includes(cidr)) cidrs.push(cidr);
    }
    if (assoc.length === 0) {
      const cidr = canonPrefix(str(rec.o['CidrBlock']));
      if (cidr !== undefined) cidrs.push(cidr);
    }
    for (const a of arr(rec.o['Ipv6CidrBlockAssociationSet'])) {
      const ao = obj(a);
      const state = str(obj(ao?.['Ipv6CidrBlockState'])?.['State']) ?? 'associated';
      const cidr = canonPrefix(str(ao?.['Ipv6CidrBlock']));
      if (cidr !== undefined && state === 'associated' && !cidrs.includes(cidr)) cidrs.push(cidr);
    }
    if (cidrs.length === 0) {
      c.warn(rec, 'malformed', `VPC ${id} has no associated CIDR block — skipped`);
      continue;
    }
    const net: DNetwork = {
      key: id,
      id: c.idOf(rec, id),
      names: [nameTag(rec.o)].filter((n) => n !== undefined),
      provider: 'aws',
      cidrs,
      subnets: [],
      routeTables: [],
      hosts: [],
      gateways: [],
      ...(rec.origin !== undefined ? { origin: rec.origin } : {}),
    };
    c.nets.set(id, net);
    c.t.networks.push(net);
  }
}

function buildSubnets(c: AwsContext): void {
  for (const [id, rec] of c.inv.byKey.Subnets) {
    const net = c.network(rec, str(rec.o['VpcId']), `subnet ${id}`);
    if (net === undefined) continue;
    const cidr = canonPrefix(str(rec.o['CidrBlock']));
    if (cidr === undefined) {
      // IPv6-only subnets have no IPv4 CidrBlock; the scenario's subnet has one range.
      c.warn(
        rec,
        'unsupported',
        `subnet ${id} has no IPv4 CIDR block (IPv6-only subnets are not imported) — skipped`,
      );
      continue;
    }
    if (!net.cidrs.some((v) => contains(v, cidr))) {
      c.warn(rec, 'malformed', `subnet ${id} (${cidr}) is outside the CIDRs of ${net.key} — skipped`);
      continue;
    }
    const az = str(rec.o['AvailabilityZone']);
    const s = {
      key: id,
      id: c.idOf(rec, id),
      names: [nameTag(rec.o)].filter((n) => n !== undefined),
      cidr,
      // AWS-R15: instances launched here get a public IPv4.
      ...(bool(rec.o['MapPublicIpOnLaunch']) === true ? { mapPublicIpOnLaunch: true } : {}),
      ...(az !== undefined ? { az } : {}),
      ...(rec.origin !== undefined ? { origin: rec.origin } : {}),
    };
    net.subnets.push(s);
    c.subnets.set(id, { net, s });
  }
}

interface EniDraft {
  readonly id: string;
  readonly rec: AwsRecord;
  readonly o: JsonObject;
  readonly names: string[];
}

/** ENIs (describe-network-interfaces) and the ENIs of instances (describe-instances) → hosts. */
function buildHosts(c: AwsContext): void {
  const drafts = new Map<string, EniDraft>();
  const instanceName = new Map<string, string>();
  for (const [iid, rec] of c.inv.instances) {
    const state = str(obj(rec.o['State'])?.['Name']);
    const n = nameTag(rec.o);
    if (n !== undefined) instanceName.set(iid, n);
    if (isGone(state)) {
      c.warn(rec, 'stale', `instance ${iid} is ${state ?? '?'} — skipped`);
      continue;
    }
    arr(rec.o['NetworkInterfaces']).forEach((x, k) => {
      const e = obj(x);
      const eid = str(e?.['NetworkInterfaceId']);
      if (e === undefined || eid === undefined) return;
      const dev = num(obj(e['Attachment'])?.['DeviceIndex']) ?? 0;
      if (dev === 0 && !c.instanceEni.has(iid)) c.instanceEni.set(iid, eid);
      const names = n === undefined ? [] : [dev === 0 ? n : `${n}-eth${dev}`];
      // The instance-level SourceDestCheck is the primary ENI's.
      const o =
        dev === 0 && e['SourceDestCheck'] === undefined
          ? { ...e, SourceDestCheck: rec.o['SourceDestCheck'] }
          : e;
      drafts.set(eid, { id: eid, rec: { ...rec, path: [...rec.path, 'NetworkInterfaces', k] }, o, names });
    });
    // An old instance record may have no ENI list: its primary address stands for it.
    if (arr(rec.o['NetworkInterfaces']).length === 0 && str(rec.o['PrivateIpAddress']) !== undefined) {
      drafts.set(iid, { id: iid, rec, o: rec.o, names: n === undefined ? [] : [n] });
      c.instanceEni.set(iid, iid);
    }
  }
  for (const [eid, rec] of c.inv.byKey.NetworkInterfaces) {
    const type = str(rec.o['InterfaceType']);
    // Gateways' own interfaces are modelled by the gateway.
    if (type === 'nat_gateway' || type === 'transit_gateway') continue;
    const att = obj(rec.o['Attachment']);
    const iid = str(att?.['InstanceId']);
    const dev = num(att?.['DeviceIndex']) ?? 0;
    if (iid !== undefined && dev === 0 && !c.instanceEni.has(iid)) c.instanceEni.set(iid, eid);
    const inst = iid === undefined ? undefined : instanceName.get(iid);
    const names = [
      nameTag(rec.o),
      inst === undefined ? undefined : dev === 0 ? inst : `${inst}-eth${dev}`,
    ].filter((n) => n !== undefined);
    drafts.set(eid, {
      id: eid,
      rec,
      o: rec.o,
      names: [...new Set([...names, ...(drafts.get(eid)?.names ?? [])])],
    });
  }
  for (const d of drafts.values()) {
    const sub = c.subnets.get(str(d.o['SubnetId']) ?? '');
    const ip = canonIp(str(d.o['PrivateIpAddress']));
    if (ip === undefined) continue;
    c.enis.set(d.id, { ip, vpc: str(d.o['VpcId']) ?? sub?.net.key });
    if (sub === undefined) {
      c.warn(
        d.rec,
        'missing-reference',
        `network interface ${d.id}: subnet ${str(d.o['SubnetId']) ?? '(none)'} is not in the input — not a host`,
      );
      continue;
    }
    if (!containsIp(sub.s.cidr, ip)) continue;
    const hasPublic =
      str(obj(d.o['Association'])?.['PublicIp']) !== undefined || str(d.o['PublicIpAddress']) !== undefined;
    // In a subnet that maps public IPs a host without `publicIp` would have one (AWS-R15): an
    // interface the export shows without a public address says so (`publicIp: false`), unless
    // its address is only known after apply (Terraform: `$publicIp: 'inherit'`).
    const publicIp = hasPublic
      ? true
      : sub.s.mapPublicIpOnLaunch === true && d.o['$publicIp'] !== 'inherit'
        ? false
        : undefined;
    const sdc = bool(d.o['SourceDestCheck']);
    // AWS-R35: the interface's groups (an old instance record lists them as `SecurityGroups`).
    const groups = arr(d.o['Groups'] ?? d.o['SecurityGroups'])
      .map((g) => str(obj(g)?.['GroupId']))
      .filter((g) => g !== undefined);
    if (groups.length > 0 || Array.isArray(d.o['Groups'])) c.hostGroups.set(d.id, { groups, rec: d.rec });
    sub.net.hosts.push({
      key: d.id,
      id: c.idOf(d.rec, d.id),
      names: d.names,
      subnet: sub.s.key,
      ip,
      ...(sdc === false ? { sourceDestCheck: false } : {}),
      ...(publicIp !== undefined ? { publicIp } : {}),
      ...(d.rec.origin !== undefined ? { origin: d.rec.origin } : {}),
    });
  }
}

function attachedVpcs(rec: AwsRecord, key: 'Attachments' | 'VpcAttachments'): string[] {
  // IMPORTERS.md 1.5: real outputs report an attached IGW as `available`.
  return arr(rec.o[key])
    .map(obj)
    .filter((a) => ['attached', 'available', 'attaching'].includes(str(a?.['State']) ?? 'attached'))
    .map((a) => str(a?.['VpcId']))
    .filter((v) => v !== undefined);
}

function addGateway(c: AwsContext, net: DNetwork, g: DGateway): void {
  net.gateways.push(g);
  c.gateways.set(g.key, { net, g });
}

function buildGateways(c: AwsContext): void {
  const simple = [
    ['InternetGateways', 'igw', 'internet gateway'],
    ['EgressOnlyInternetGateways', 'egressOnlyIgw', 'egress-only internet gateway'],
  ] as const;
  for (const [key, kind, what] of simple)
    for (const [id, rec] of c.inv.byKey[key]) {
      const vpcs = attachedVpcs(rec, 'Attachments');
      if (vpcs.length === 0) {
        c.warn(rec, 'stale', `${what} ${id} is not attached to a VPC — skipped`);
        continue;
      }
      const net = c.network(rec, vpcs[0], `${what} ${id}`);
      if (net !== undefined)
        addGateway(c, net, {
          key: id,
          id: c.idOf(rec, id),
          names: [nameTag(rec.o)].filter((n) => n !== undefined),
          kind,
          ...(rec.origin !== undefined ? { origin: rec.origin } : {}),
        });
    }
  for (const [id, rec] of c.inv.byKey.NatGateways) {
    const state = str(rec.o['State']);
    if (isGone(state)) {
      c.warn(rec, 'stale', `NAT gateway ${id} is ${state ?? '?'} — skipped`);
      continue;
    }
    const sub = c.subnets.get(str(rec.o['SubnetId']) ?? '');
    if (sub === undefined) {
      c.warn(
        rec,
        'missing-reference',
        `NAT gateway ${id}: subnet ${str(rec.o['SubnetId']) ?? '(none)'} is not in the input — skipped`,
      );
      continue;
    }
    const ct = str(rec.o['ConnectivityType']);
    if (str(rec.o['AvailabilityMode']) === 'regional')
      c.warn(
        rec,
        'unsupported',
        `NAT gateway ${id} is regional; it is imported as a zonal NAT gateway in subnet ${sub.s.key}`,
      );
    addGateway(c, sub.net, {
      key: id,
      id: c.idOf(rec, id),
      names: [nameTag(rec.o)].filter((n) => n !== undefined),
      kind: 'nat',
      subnet: sub.s.key,
      ...(ct === 'private' ? { connectivity: 'private' as const } : {}),
      ...(rec.origin !== undefined ? { origin: rec.origin } : {}),
    });
  }
  for (const [id, rec] of c.inv.byKey.VpnGateways) {
    const state = str(rec.o['State']);
    if (isGone(state)) {
      c.warn(rec, 'stale', `virtual private gateway ${id} is ${state ?? '?'} — skipped`);
      continue;
    }
    const vpcs = attachedVpcs(rec, 'VpcAttachments');
    if (vpcs.length === 0) {
      c.warn(
        rec,
        'stale',
        `virtual private gateway ${id} is not attached to a VPC — skipped (its VPN connections end nowhere)`,
      );
      continue;
    }
    const net = c.network(rec, vpcs[0], `virtual private gateway ${id}`);
    if (net === undefined) continue;
    // AWS-R24: one VGW per VPC.
    if (net.gateways.some((g) => g.kind === 'vgw')) {
      c.warn(
        rec,
        'malformed',
        `virtual private gateway ${id}: ${net.key} already has a VGW attached — skipped`,
      );
      continue;
    }
    const asn = num(rec.o['AmazonSideAsn']);
    if (asn !== undefined && !amazonAsn(asn))
      c.warn(
        rec,
        'unsupported',
        `virtual private gateway ${id} has Amazon-side ASN ${asn}, outside 64512–65534 / 4200000000–4294967294 [AWS-R21] — imported with the default ASN`,
      );
    addGateway(c, net, {
      key: id,
      id: c.idOf(rec, id),
      names: [nameTag(rec.o)].filter((n) => n !== undefined),
      kind: 'vgw',
      ...(asn !== undefined && amazonAsn(asn) ? { asn } : {}),
      ...(rec.origin !== undefined ? { origin: rec.origin } : {}),
    });
  }
}

function peerCidrs(info: JsonObject | undefined): string[] {
  const set = arr(info?.['CidrBlockSet'])
    .map((x) => canonPrefix(str(obj(x)?.['CidrBlock'])))
    .filter((x) => x !== undefined);
  const one = canonPrefix(str(info?.['CidrBlock']));
  return [...new Set([...set, ...(one !== undefined ? [one] : [])])];
}

/** Active VPC peerings (IMPORTERS.md 1.7); a peer VPC outside the input becomes a stub network. */
function buildPeerings(c: AwsContext): void {
  for (const [id, rec] of c.inv.byKey.VpcPeeringConnections) {
    const code = str(obj(rec.o['Status'])?.['Code']) ?? 'active';
    if (code !== 'active') {
      c.warn(rec, 'stale', `VPC peering ${id} is ${code} — skipped (only active peerings carry traffic)`);
      continue;
    }
    const sides = (['RequesterVpcInfo', 'AccepterVpcInfo'] as const).map((k) => obj(rec.o[k]));
    const keys: string[] = [];
    for (const side of sides) {
      const vpc = str(side?.['VpcId']);
      if (vpc === undefined) break;
      if (!c.nets.has(vpc)) {
        const cidrs = peerCidrs(side);
        if (cidrs.length === 0) break;
        const stub: DNetwork = {
          key: vpc,
          id: vpc,
          names: [],
          provider: 'aws',
          cidrs,
          subnets: [],
          routeTables: [],
          hosts: [],
          gateways: [],
        };
        c.nets.set(vpc, stub);
        c.t.networks.push(stub);
        c.warn(
          rec,
          'missing-reference',
          `VPC ${vpc} (peer of ${id}, account ${str(side?.['OwnerId']) ?? '?'}) is not in the input — added with its CIDRs and no subnets`,
        );
      }
      keys.push(vpc);
    }
    const [a, b] = keys;
    if (a === undefined || b === undefined || a === b) {
      c.warn(rec, 'malformed', `VPC peering ${id}: its VPCs are not known — skipped`);
      continue;
    }
    const p = {
      key: id,
      id: c.idOf(rec, id),
      names: [nameTag(rec.o)].filter((n) => n !== undefined),
      a,
      b,
      ...(rec.origin !== undefined ? { origin: rec.origin } : {}),
    };
    c.peerings.set(id, p);
    c.t.peerings.push(p);
  }
}

function noteUnused(c: AwsContext): void {
  for (const [why, keys] of c.inv.notRouting)
    c.w.note('unsupported', `${why} (${[...keys].join(', ')} not imported)`);
  if (c.inv.byKey.TransitGatewayPeeringAttachments.size > 0)
    c.w.note(
      'unsupported',
      `transit gateway peering is not modelled (${[...c.inv.byKey.TransitGatewayPeeringAttachments.keys()].join(', ')} not imported)`,
    );
}

/** Builds the intermediate topology of an AWS inventory. */
export function buildAws(
  inv: AwsInventory,
  warnings: Warnings,
  into: DTopology = emptyTopology(),
): DTopology {
  const c = new AwsContext(inv, into, warnings);
  buildVpcs(c);
  buildSubnets(c);
  buildHosts(c);
  buildGateways(c);
  buildPeerings(c);
  buildFilters(c);
  buildTransitGateways(c);
  buildRouteTables(c);
  buildVpn(c);
  buildDirectConnect(c);
  pruneTgwAttachments(c);
  noteUnused(c);
  return c.t;
}
