/** VPCs (describe-vpcs) and their subnets (describe-subnets) → networks and subnets. */
import { arr, bool, nameTag, obj, str } from '../internal/json.js';
import { canonicalPrefix, cidrContains } from '../internal/ip.js';
import { isGone, type AwsContext } from './context.js';

/** VPCs → networks, with their IPv4 and IPv6 CIDR blocks. */
export function buildVpcs(c: AwsContext): void {
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
      const cidr = canonicalPrefix(str(ao?.['CidrBlock']));
      if (cidr !== undefined && state === 'associated' && !cidrs.includes(cidr)) cidrs.push(cidr);
    }
    if (assoc.length === 0) {
      const cidr = canonicalPrefix(str(rec.o['CidrBlock']));
      if (cidr !== undefined) cidrs.push(cidr);
    }
    for (const a of arr(rec.o['Ipv6CidrBlockAssociationSet'])) {
      const ao = obj(a);
      const state = str(obj(ao?.['Ipv6CidrBlockState'])?.['State']) ?? 'associated';
      const cidr = canonicalPrefix(str(ao?.['Ipv6CidrBlock']));
      if (cidr !== undefined && state === 'associated' && !cidrs.includes(cidr)) cidrs.push(cidr);
    }
    if (cidrs.length === 0) {
      c.warn(rec, 'malformed', `VPC ${id} has no associated CIDR block — skipped`);
      continue;
    }
    c.addNetwork(
      id,
      c.idOf(rec, id),
      [nameTag(rec.o)].filter((n) => n !== undefined),
      cidrs,
      rec.origin,
    );
  }
}

/** Subnets → the subnets of their VPCs' networks (a subnet outside its VPC's CIDRs is reported). */
export function buildSubnets(c: AwsContext): void {
  for (const [id, rec] of c.inv.byKey.Subnets) {
    const net = c.network(rec, str(rec.o['VpcId']), `subnet ${id}`);
    if (net === undefined) continue;
    const cidr = canonicalPrefix(str(rec.o['CidrBlock']));
    if (cidr === undefined) {
      // IPv6-only subnets have no IPv4 CidrBlock; the scenario's subnet has one range.
      c.warn(
        rec,
        'unsupported',
        `subnet ${id} has no IPv4 CIDR block (IPv6-only subnets are not imported) — skipped`,
      );
      continue;
    }
    if (!net.cidrs.some((v) => cidrContains(v, cidr))) {
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
