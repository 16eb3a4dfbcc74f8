/** VPC peering connections → peerings. */
import { arr, nameTag, obj, str, type JsonObject } from '../internal/json.js';
import { canonicalPrefix } from '../internal/ip.js';
import type { AwsContext } from './context.js';

/** A peer VPC's CIDR blocks, canonical and distinct. */
function peerCidrs(info: JsonObject | undefined): string[] {
  const set = arr(info?.['CidrBlockSet'])
    .map((x) => canonicalPrefix(str(obj(x)?.['CidrBlock'])))
    .filter((x) => x !== undefined);
  const one = canonicalPrefix(str(info?.['CidrBlock']));
  return [...new Set([...set, ...(one !== undefined ? [one] : [])])];
}

export /** Active VPC peerings (IMPORTERS.md 1.7); a peer VPC outside the input becomes a stub network. */
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
        c.addNetwork(vpc, vpc, [], cidrs);
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
