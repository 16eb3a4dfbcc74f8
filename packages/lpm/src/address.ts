// IPv4 and IPv6 addresses at the edges: text in, numbers out, and back.
//
// We diagnose the text ourselves first, so that a message says which part is wrong
// ("octet 300 out of range (0-255)"), then let ip-num do the conversion it is trusted for.
// Nothing here is meant for a hot loop: parse once, then work on the numbers.
import { IPv4, IPv6, Validator, collapseIPv6Number } from 'ip-num';
import { PrefixParseError } from './errors.js';

/** Four uint32 words of an IPv6 address, most significant first. */
export type Ipv6Words = [number, number, number, number];

/** The result of {@link tryParseAddress}: a number for IPv4, four words for IPv6, or why not. */
export type AddressParseResult =
  | { readonly ok: true; readonly family: 4; readonly value: number }
  | { readonly ok: true; readonly family: 6; readonly words: Ipv6Words }
  | { readonly ok: false; readonly message: string };

/**
 * The uint32 of a well-formed IPv4 text (four dot-separated decimal octets, 0-255, no leading
 * zero), or -1: one pass, for the common case of a scenario of 500,000 prefixes (ip-num's
 * validation took most of the time of loading one).
 */
function wellFormedIpv4(text: string): number {
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = i === text.length ? 46 : text.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || octet > 255 || (digits > 1 && text.charCodeAt(i - digits) === 48)) return -1;
      value = value * 256 + octet;
      octet = 0;
      digits = 0;
      dots++;
    } else if (c >= 48 && c <= 57 && digits < 4) {
      octet = octet * 10 + (c - 48);
      digits++;
    } else return -1;
  }
  return dots === 4 ? value : -1;
}

/** What is wrong with an IPv4 address text, or undefined when it is well formed. */
export function diagnoseIpv4(text: string): string | undefined {
  if (wellFormedIpv4(text) >= 0) return undefined;
  if (text === '') return 'empty address';
  const parts = text.split('.');
  if (parts.length !== 4) return `expected 4 dot-separated octets, found ${parts.length}`;
  for (const part of parts) {
    if (part === '') return 'empty octet';
    if (!/^[0-9]+$/.test(part)) return `octet '${part}' is not a decimal number`;
    if (part.length > 1 && part.startsWith('0')) return `octet '${part}' has a leading zero`;
    const n = Number(part);
    if (n > 255) return `octet ${part} out of range (0-255)`;
  }
  const [valid, problems] = Validator.isValidIPv4String(text);
  return valid ? undefined : (problems[0] ?? 'not an IPv4 address');
}

/** What is wrong with an IPv6 address text, or undefined when it is well formed. */
export function diagnoseIpv6(text: string): string | undefined {
  if (text === '') return 'empty address';
  if (text.includes('%')) return 'zone index (%...) not allowed in a route';
  if (text.includes(':::')) return "':::' is not allowed";
  const halves = text.split('::');
  if (halves.length > 2) return "'::' may appear only once";
  let groups = 0;
  for (let h = 0; h < halves.length; h++) {
    const half = halves[h] ?? '';
    if (half === '') continue;
    const parts = half.split(':');
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i] ?? '';
      const lastOfAll = h === halves.length - 1 && i === parts.length - 1;
      if (lastOfAll && part.includes('.')) {
        const v4 = diagnoseIpv4(part);
        if (v4 !== undefined) return `embedded IPv4 '${part}': ${v4}`;
        groups += 2;
        continue;
      }
      if (part === '') return 'empty group';
      if (!/^[0-9a-fA-F]{1,4}$/.test(part)) return `group '${part}' is not 1-4 hex digits`;
      groups += 1;
    }
  }
  if (halves.length === 1 && groups !== 8) return `expected 8 groups, found ${groups}`;
  if (halves.length === 2 && groups > 7) return `too many groups (${groups}) for an address with '::'`;
  const [valid, problems] = Validator.isValidIPv6String(text);
  return valid ? undefined : (problems[0] ?? 'not an IPv6 address');
}

/** Converts a well-formed IPv4 text (see {@link diagnoseIpv4}) to a uint32. */
export function ipv4Value(text: string): number {
  const value = wellFormedIpv4(text);
  return value >= 0 ? value : Number(IPv4.fromString(text).value);
}

/** Converts a well-formed IPv6 text (see {@link diagnoseIpv6}) to four uint32 words. */
export function ipv6Words(text: string): Ipv6Words {
  const v = IPv6.fromString(text).value;
  const m = 0xffffffffn;
  return [Number((v >> 96n) & m), Number((v >> 64n) & m), Number((v >> 32n) & m), Number(v & m)];
}

/**
 * Parses an IPv4 or IPv6 address (no prefix length). Never throws.
 *
 * @example tryParseAddress('10.0.0.1') // { ok: true, family: 4, value: 167772161 }
 */
export function tryParseAddress(text: string): AddressParseResult {
  if (text.includes(':')) {
    const problem = diagnoseIpv6(text);
    if (problem !== undefined) return { ok: false, message: `${text}: ${problem}` };
    return { ok: true, family: 6, words: ipv6Words(text) };
  }
  const problem = diagnoseIpv4(text);
  if (problem !== undefined) return { ok: false, message: `${text}: ${problem}` };
  return { ok: true, family: 4, value: ipv4Value(text) };
}

/**
 * Parses a dotted-quad IPv4 address to a uint32 number.
 *
 * @throws {@link PrefixParseError} with a message naming the bad part
 */
export function parseIpv4(text: string): number {
  const problem = diagnoseIpv4(text);
  if (problem !== undefined) throw new PrefixParseError(`${text}: ${problem}`, text);
  return ipv4Value(text);
}

/**
 * Parses an IPv6 address to four uint32 words, most significant first.
 *
 * @throws {@link PrefixParseError} with a message naming the bad part
 */
export function parseIpv6(text: string): Ipv6Words {
  const problem = diagnoseIpv6(text);
  if (problem !== undefined) throw new PrefixParseError(`${text}: ${problem}`, text);
  return ipv6Words(text);
}

/** Formats a uint32 as a dotted-quad IPv4 address (`167772161` → `10.0.0.1`). */
export function formatIpv4(n: number): string {
  return `${(n >>> 24) & 255}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

/**
 * Formats four uint32 words as a canonical IPv6 address (RFC 5952: lowercase, the longest
 * run of two or more zero groups compressed to `::`, the first such run on a tie).
 */
export function formatIpv6(words: readonly [number, number, number, number]): string {
  const groups: string[] = [];
  for (const w of words) groups.push(((w >>> 16) & 0xffff).toString(16), (w & 0xffff).toString(16));
  return collapseIPv6Number(groups.join(':'));
}
