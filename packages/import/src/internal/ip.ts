/**
 * Prefix and address texts at the edges of an import, read and written by @cloudroute/lpm: a text
 * from a provider becomes its canonical form (`canonicalPrefix`, `canonicalIp`, the name the model
 * uses), and the set questions on texts (`cidrContains`, `cidrContainsIp`) are lpm's
 * `prefixContainsPrefix` and `prefix4Contains` on the parsed prefixes. Code holding parsed
 * prefixes calls lpm itself.
 */
import {
  formatIpv4,
  formatIpv6,
  formatPrefix,
  prefix4Contains,
  prefixContainsPrefix,
  tryParseAddress,
  tryParsePrefix,
} from '@cloudroute/lpm';

/** The canonical text of a prefix (`2001:DB8::/32` → `2001:db8::/32`), or undefined. */
export function canonicalPrefix(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const r = tryParsePrefix(text.trim());
  return r.ok ? formatPrefix(r.prefix) : undefined;
}

/** The canonical text of an address, or undefined. */
export function canonicalIp(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const r = tryParseAddress(text.trim());
  if (!r.ok) return undefined;
  return r.family === 4 ? formatIpv4(r.value) : formatIpv6(r.words);
}

/** Does the prefix text `outer` contain the prefix text `inner`? False when either is not a prefix. */
export function cidrContains(outer: string, inner: string): boolean {
  const a = tryParsePrefix(outer);
  const b = tryParsePrefix(inner);
  return a.ok && b.ok && prefixContainsPrefix(a.prefix, b.prefix);
}

/** Does the prefix text contain the address text? False when either does not parse. */
export function cidrContainsIp(prefix: string, ip: string): boolean {
  const p = tryParsePrefix(prefix);
  const a = tryParseAddress(ip);
  if (!p.ok || !a.ok) return false;
  if (p.prefix.family === 4) return a.family === 4 && prefix4Contains(p.prefix, a.value);
  return a.family === 6 && prefixContainsPrefix(p.prefix, { family: 6, words: a.words, length: 128 });
}

/** Is the text an IPv4 prefix? */
export function isIpv4Prefix(text: string): boolean {
  const r = tryParsePrefix(text);
  return r.ok && r.prefix.family === 4;
}

/** `0.0.0.0/0` or `::/0`. */
export function isDefaultRoute(text: string): boolean {
  const r = tryParsePrefix(text);
  return r.ok && r.prefix.length === 0;
}
