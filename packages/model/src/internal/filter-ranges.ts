/**
 * Address sets and entry building for the GCP and Neutron filter compilers
 * (`gcp/filters.ts`, `openstack/filters.ts`), and the port and protocol constants the AWS one
 * shares with them: compile-time only, never on a flow's path.
 *
 *   a range set: number[] = [lo0, hi0, lo1, hi1, ...], unsigned IPv4, sorted, disjoint, merged
 *   (the flattened shape of {@link FilterEntry.src} / {@link FilterEntry.dst})
 *
 * IPv6 text yields nothing: the data plane carries IPv4 packets only, so an IPv6 peer never
 * matches one.
 */
import {
  filterEntry,
  prefixRange,
  rangesOf as addressRangesOf,
  union,
  type AddressRanges,
} from '../filters/address-ranges.js';
import type { FilterEntry } from '../filters/program.js';
import { ANY_PROTOCOL, PROTO_ICMP, PROTO_TCP, PROTO_UDP } from '../filters/program.js';
import type { IpProtocol, PortRange } from '../filters/types.js';

/** Every port (and, for a rule without source ports, every source port). */
export const ALL_PORTS: PortRange = { lo: 0, hi: 65535 };
/** Every ICMP type or code. */
export const ALL_ICMP: PortRange = { lo: 0, hi: 255 };

/** `[lo, hi]` of an IPv4 prefix or bare address; undefined for IPv6 or bad text (one home: filters/address-ranges.ts). */
export const range4 = prefixRange;

/** The range set of some prefixes or addresses (IPv6 and bad text dropped). */
export const rangesOf = addressRangesOf;

/** Sorts and merges flattened ranges (overlapping or adjacent ones become one). */
export function normalise(flat: readonly number[]): AddressRanges {
  return union(flat);
}

/** `set` minus the given single addresses (a normalised set in, a normalised set out): one sweep over both, sorted. */
export function withoutAddresses(set: readonly number[], addresses: Iterable<number>): number[] {
  const holes = [...new Set(addresses)].sort((a, b) => a - b);
  const out: number[] = [];
  let h = 0;
  for (let k = 0; k < set.length; k += 2) {
    let lo = set[k]!;
    const hi = set[k + 1]!;
    while (h < holes.length && holes[h]! < lo) h++;
    while (h < holes.length && holes[h]! <= hi) {
      const a = holes[h++]!;
      if (a > lo) out.push(lo, a - 1);
      lo = a + 1;
    }
    if (lo <= hi) out.push(lo, hi);
  }
  return out;
}

/** The IANA number of a rule's protocol; `all` is {@link ANY_PROTOCOL}. */
export function protocolNumber(p: IpProtocol | undefined): number {
  switch (p) {
    case undefined:
    case 'all':
      return ANY_PROTOCOL;
    case 'tcp':
      return PROTO_TCP;
    case 'udp':
      return PROTO_UDP;
    case 'icmp':
      return PROTO_ICMP;
    default:
      return p;
  }
}

/** What one compiled entry says, before it is frozen: the entry's own fields, with ports as ranges. */
export interface EntrySpec extends Pick<FilterEntry, 'object' | 'rule' | 'allow' | 'protocol'> {
  /** Destination ports (ICMP: types). */
  readonly dst: PortRange;
  /** Source ports (ICMP: codes). */
  readonly srcPorts: PortRange;
  readonly srcAddresses: readonly number[] | null;
  readonly dstAddresses: readonly number[] | null;
}

/** The entry, through the one factory every provider uses (one object shape for `firstMatch`). */
export function entry(s: EntrySpec): FilterEntry {
  return filterEntry(
    s.object,
    s.rule,
    s.allow,
    s.protocol,
    s.dst.lo,
    s.dst.hi,
    s.srcPorts.lo,
    s.srcPorts.hi,
    s.srcAddresses,
    s.dstAddresses,
  );
}
