/**
 * The addresses of a subnet a provider keeps for itself: one home for the counts, which the
 * model's lookups, the scenario's address checks and the flow generator read.
 *
 *   AWS-R18   first four (network, VPC router, DNS, reserved) and the last (IPv6 too)
 *   AZ-R12    first four (network, default gateway, two for Azure DNS) and the last
 *   GCP       first two (network, default gateway) and the last two (second-to-last, broadcast)
 *   OpenStack the network address and, for IPv4, the broadcast address (the gateway, OS-R2,
 *             is a subnet's own setting, not a count)
 */
import { addressAt, formatAddress, prefix4Size } from '@cloudroute/lpm';
import type { Provider } from '../topology.js';
import { parsePrefix } from './ip.js';

/** How many addresses a provider keeps at the start and at the end of a subnet's range. */
export interface ReservedSpan {
  /** Addresses kept from the network address on (offsets 0 .. first - 1). */
  readonly first: number;
  /** Addresses kept at the end (offsets -last .. -1). */
  readonly last: number;
}

const SPANS: Readonly<Record<Provider, ReservedSpan>> = {
  aws: { first: 4, last: 1 }, // AWS-R18
  azure: { first: 4, last: 1 }, // AZ-R12
  gcp: { first: 2, last: 2 },
  openstack: { first: 1, last: 1 },
};

/** The reserved span of a provider's subnets of an address family (see the file comment). */
export function reservedSpan(provider: Provider, family: 4 | 6 = 4): ReservedSpan {
  return provider === 'openstack' && family === 6 ? { first: 1, last: 0 } : SPANS[provider];
}

/**
 * Addresses of a subnet the provider keeps for itself (AWS-R18, AZ-R12: the first four and the
 * last; GCP: network, gateway (.1), second-to-last and broadcast; OpenStack: network and
 * broadcast), in ascending order. Flow destinations exclude them.
 */
export function reservedAddresses(provider: Provider, cidr: string): readonly string[] {
  const p = parsePrefix(cidr, { allowHost: true });
  if (!p) return [];
  const { first, last } = reservedSpan(provider, p.family);
  const size = p.family === 4 ? prefix4Size(p) : Infinity;
  const offsets: number[] = [];
  for (let o = 0; o < first; o++) offsets.push(o);
  for (let o = -last; o < 0; o++) offsets.push(o);
  return [
    ...new Set(
      offsets.filter((o) => (o >= 0 ? o < size : -o <= size)).map((o) => formatAddress(addressAt(p, o))),
    ),
  ];
}
