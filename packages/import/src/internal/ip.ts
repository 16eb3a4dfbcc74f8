/** Prefix and address text at the edges of an import: parsed once, written canonically. */
import {
  formatIpv4,
  formatIpv6,
  formatPrefix,
  prefixContainsPrefix,
  prefixesOverlap,
  tryParseAddress,
  tryParsePrefix,
  type Prefix,
} from '@cloudroute/lpm';

/** The canonical text of a prefix (`2001:DB8::/32` → `2001:db8::/32`), or undefined. */
export function canonPrefix(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const r = tryParsePrefix(text.trim());
  return r.ok ? formatPrefix(r.prefix) : undefined;
}

/** The canonical text of an address, or undefined. */
export function canonIp(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const r = tryParseAddress(text.trim());
  if (!r.ok) return undefined;
  return r.family === 4 ? formatIpv4(r.value) : formatIpv6(r.words);
}

export function parsed(text: string): Prefix | undefined {
  const r = tryParsePrefix(text);
  return r.ok ? r.prefix : undefined;
}

/** Does `outer` contain `inner` (both prefix texts)? */
export function contains(outer: string, inner: string): boolean {
  const a = parsed(outer);
  const b = parsed(inner);
  return a !== undefined && b !== undefined && prefixContainsPrefix(a, b);
}

export function overlaps(x: string, y: string): boolean {
  const a = parsed(x);
  const b = parsed(y);
  return a !== undefined && b !== undefined && prefixesOverlap(a, b);
}

/** Does the prefix contain the address? */
export function containsIp(prefix: string, ip: string): boolean {
  const a = tryParseAddress(ip);
  if (!a.ok) return false;
  return contains(prefix, a.family === 4 ? `${formatIpv4(a.value)}/32` : `${formatIpv6(a.words)}/128`);
}

export function isIpv4Prefix(text: string): boolean {
  return parsed(text)?.family === 4;
}

/** `0.0.0.0/0` or `::/0`. */
export function isDefaultRoute(text: string): boolean {
  return parsed(text)?.length === 0;
}
