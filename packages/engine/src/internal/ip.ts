/**
 * The engine's prefix vocabulary, all of it `@cloudroute/lpm`'s and the model's: an event's text
 * is read by the model's {@link parseLoosePrefix} (lpm's address parser; host bits cleared and
 * flagged, so a handler can refuse `10.1.1.5/24` as a destination), and set questions are lpm's.
 * Names kept for the handlers (AZ-R21 peer reachability, BGP adverts, route keys, CIDR updates).
 */
import { formatPrefix, prefixContainsPrefix } from '@cloudroute/lpm';
import { parseLooseAddress, parseLoosePrefix } from '@cloudroute/model';
import type { LoosePrefix } from '@cloudroute/model';

/** A prefix read from text: an lpm prefix and whether the text had host bits set. */
export type Prefix = LoosePrefix;

/** Parses `a.b.c.d/len`, an IPv6 prefix, or a bare address (a host prefix). Undefined if malformed. */
export const parsePrefix: (text: string) => Prefix | undefined = parseLoosePrefix;

/** Parses a bare address (no `/len`); undefined if malformed or a prefix. */
export const parseAddress: (text: string) => Prefix | undefined = parseLooseAddress;

/** True when `outer` contains `inner` (equal counts). */
export const contains: (outer: Prefix, inner: Prefix) => boolean = prefixContainsPrefix;

/** Canonical text of a prefix: `10.1.0.0/16`, `fd00:ec2::/32` (RFC 5952). */
export { formatPrefix };
