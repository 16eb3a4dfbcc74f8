/**
 * Internet egress: is an address public, and does a packet leaving for the internet have a public
 * source (AWS-R15/R16, AZ-R15, GCP-R15, OS-R13/R15)?
 */
import { PROVIDER_CODE } from './codes.js';
import type { Walker } from './walk.js';

/** Is `a` a public unicast IPv4 address (not RFC 1918, RFC 6598, 0/8, 127/8, 169.254/16, 224/3)? */
export function isPublicIpv4(a: number): boolean {
  const o1 = a >>> 24;
  const o2 = (a >>> 16) & 255;
  if (o1 === 0 || o1 === 10 || o1 === 127 || o1 >= 224) return false;
  if (o1 === 172 && o2 >= 16 && o2 < 32) return false;
  if (o1 === 192 && o2 === 168) return false;
  if (o1 === 169 && o2 === 254) return false;
  if (o1 === 100 && o2 >= 64 && o2 < 128) return false;
  return true;
}

/** Can the packet leave for the internet: a public address, NAT, default outbound access, Cloud NAT or router SNAT on its way? */
export function publicSource(
  w: Walker,
  net: number,
  egSubnet: number,
  egHost: number,
  gw: number,
  srcSubnet: number,
): boolean {
  const p = w.p;
  if (net < 0) return true; // an on-prem site egresses through its own edge
  if (egHost >= 0 && p.hostPublic[egHost] === 1) return true;
  switch (p.netProvider[net]!) {
    case PROVIDER_CODE.azure: // AZ-R15: default outbound access unless the subnet is private
    case PROVIDER_CODE.gcp: // GCP-R15: Cloud NAT in the subnet's region
      if (egSubnet >= 0) w.push(p.subnetNode[egSubnet]!);
      return egSubnet >= 0 && p.subnetPublic[egSubnet] === 1;
    case PROVIDER_CODE.openstack:
      // OS-R13: the router's external gateway source-NATs unless enableSnat is false; OS-R15: floating IP above.
      return gw >= 0 && p.gwTranslates[gw] === 1;
    default:
      // AWS-R15: an instance without a public address cannot use the IGW. A source drawn from a
      // subnet that maps public IPs on launch (no listed host: a host's own flag is above) is an
      // instance launched there, with one; after a NAT gateway (egSubnet moved) it is not.
      return egHost < 0 && egSubnet === srcSubnet && egSubnet >= 0 && p.subnetPublic[egSubnet] === 1;
  }
}
