/** Internet, egress-only, NAT and virtual private gateways → gateways of their VPCs' networks. */
import type { DGateway, DNetwork } from '../draft.js';
import { arr, nameTag, num, obj, str } from '../internal/json.js';
import { isGone, type AwsContext } from './context.js';
import type { AwsRecord } from './inventory.js';

/** AWS-R21: Amazon-side ASNs cloudroute accepts (the pre-2017 default 7224 is not one). */
function amazonAsn(asn: number | undefined): boolean {
  return asn !== undefined && ((asn >= 64512 && asn <= 65534) || (asn >= 4200000000 && asn <= 4294967294));
}

/** The VPCs a gateway record is attached to. */
function attachedVpcs(rec: AwsRecord, key: 'Attachments' | 'VpcAttachments'): string[] {
  // IMPORTERS.md 1.5: real outputs report an attached IGW as `available`.
  return arr(rec.o[key])
    .map(obj)
    .filter((a) => ['attached', 'available', 'attaching'].includes(str(a?.['State']) ?? 'attached'))
    .map((a) => str(a?.['VpcId']))
    .filter((v) => v !== undefined);
}

/** Adds a gateway to a network and to the context's index. */
function addGateway(c: AwsContext, net: DNetwork, g: DGateway): void {
  net.gateways.push(g);
  c.gateways.set(g.key, { net, g });
}

/** Internet, egress-only, NAT and virtual private gateways (AWS-R21: Amazon-side ASNs) → gateways. */
export function buildGateways(c: AwsContext): void {
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
