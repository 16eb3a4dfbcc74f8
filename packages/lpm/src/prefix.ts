// Prefixes (CIDR blocks) as plain readonly numbers: the form every other structure takes.
import { diagnoseIpv4, diagnoseIpv6, formatIpv4, formatIpv6, ipv4Value, ipv6Words } from './address.js';
import { maskOf } from './internal/bits.js';
import { PrefixParseError } from './errors.js';

/** An IPv4 prefix: `network` is a uint32 with the host bits clear, `length` is 0..32. */
export type Prefix4 = { readonly family: 4; readonly network: number; readonly length: number };

/** An IPv6 prefix: four uint32 words (most significant first) with host bits clear, `length` 0..128. */
export type Prefix6 = {
  readonly family: 6;
  readonly words: readonly [number, number, number, number];
  readonly length: number;
};

/** An IPv4 or IPv6 prefix, told apart by `family`. */
export type Prefix = Prefix4 | Prefix6;

/** The result of {@link tryParsePrefix}. */
export type PrefixParseResult = { ok: true; prefix: Prefix } | { ok: false; message: string };

/** Options of {@link tryParsePrefix} and {@link parsePrefix}. */
export type PrefixParseOptions = {
  /** Accept a bare address as a /32 (IPv4) or /128 (IPv6). Default false. */
  readonly allowHost?: boolean;
};

/**
 * Builds an IPv4 prefix from numbers.
 *
 * @throws RangeError when the length is not 0..32 or host bits are set
 */
export function makePrefix4(network: number, length: number): Prefix4 {
  if (!Number.isInteger(length) || length < 0 || length > 32) {
    throw new RangeError(`prefix length ${length} out of range (0-32)`);
  }
  if (!Number.isInteger(network) || network < 0 || network > 0xffffffff) {
    throw new RangeError(`network ${network} is not a uint32`);
  }
  if ((network & ~maskOf(length)) !== 0) {
    throw new RangeError(`${formatIpv4(network)}/${length}: host bits set`);
  }
  return { family: 4, network, length };
}

/**
 * Builds an IPv6 prefix from four uint32 words.
 *
 * @throws RangeError when the length is not 0..128, a word is not a uint32, or host bits are set
 */
export function makePrefix6(words: readonly [number, number, number, number], length: number): Prefix6 {
  if (!Number.isInteger(length) || length < 0 || length > 128) {
    throw new RangeError(`prefix length ${length} out of range (0-128)`);
  }
  for (const w of words) {
    if (!Number.isInteger(w) || w < 0 || w > 0xffffffff) throw new RangeError(`word ${w} is not a uint32`);
  }
  if (hostBits6(words, length)) {
    throw new RangeError(`${formatIpv6(words)}/${length}: host bits set`);
  }
  return { family: 6, words: [words[0], words[1], words[2], words[3]], length };
}

function hostBits6(words: readonly [number, number, number, number], length: number): boolean {
  for (let i = 0; i < 4; i++) {
    if (((words[i] ?? 0) & ~maskOf(length - 32 * i)) !== 0) return true;
  }
  return false;
}

function masked6(
  w: readonly [number, number, number, number],
  length: number,
): [number, number, number, number] {
  return [
    (w[0] & maskOf(length)) >>> 0,
    (w[1] & maskOf(length - 32)) >>> 0,
    (w[2] & maskOf(length - 64)) >>> 0,
    (w[3] & maskOf(length - 96)) >>> 0,
  ];
}

function parseLength(text: string, max: number): number | string {
  if (!/^[0-9]{1,3}$/.test(text)) {
    return text === '' ? 'empty prefix length' : `prefix length '${text}' is not a number`;
  }
  const n = Number(text);
  if (n > max) return `prefix length ${n} out of range (0-${max})`;
  if (text.length > 1 && text.startsWith('0')) return `prefix length '${text}' has a leading zero`;
  return n;
}

/**
 * The decimal number without leading zeros in `text` from `i` up to the char code `stop` (-1: the
 * end of the text), at most `max`, in `scan.value`; returns the offset of `stop`, or -1.
 */
function decimal(text: string, i: number, stop: number, max: number): number {
  let v = 0;
  let j = i;
  for (; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === stop) break;
    if (c < 48 || c > 57 || (j > i && v === 0) || j - i >= 3) return -1;
    v = v * 10 + (c - 48);
  }
  if (j === i || v > max || (stop !== -1 && j === text.length)) return -1;
  scan.value = v;
  return j;
}

const scan = { value: 0 };

/**
 * An IPv4 address in canonical text (dotted decimal, no leading zeros, as {@link formatIpv4}
 * writes it) as a uint32; -1 for any other text ({@link tryParseAddress} says what is wrong). No
 * allocation: for the large route lists parsed on hot paths.
 */
export function scanCanonicalIpv4(text: string): number {
  let address = 0;
  let i = 0;
  for (let k = 0; k < 4; k++) {
    i = decimal(text, i, k < 3 ? 46 : -1, 255);
    if (i < 0) return -1;
    address = address * 256 + scan.value;
    i++;
  }
  return i === text.length + 1 ? address : -1;
}

/**
 * An IPv4 prefix in canonical text (`a.b.c.d/len` as {@link formatPrefix} writes it: no leading
 * zeros, no host bits) as `network * 64 + length`; -1 for any other text ({@link tryParsePrefix}
 * says what is wrong, or accepts it in another form). No allocation: for the large route lists
 * parsed on hot paths.
 */
export function scanCanonicalPrefix4(text: string): number {
  let address = 0;
  let i = 0;
  for (let k = 0; k < 4; k++) {
    i = decimal(text, i, k < 3 ? 46 : 47, 255);
    if (i < 0) return -1;
    address = address * 256 + scan.value;
    i++;
  }
  if (decimal(text, i, -1, 32) !== text.length) return -1;
  const length = scan.value;
  if (length < 32 && address % 2 ** (32 - length) !== 0) return -1;
  return address * 64 + length;
}

/**
 * Parses `address/length` (IPv4 or IPv6) into a {@link Prefix}. Never throws: a bad text gives
 * `{ ok: false, message }` where the message starts with the text and says what to fix, e.g.
 * `10.0.0.1/24: host bits set (did you mean 10.0.0.0/24?)`.
 *
 * @param options - `{ allowHost: true }` accepts a bare address as a /32 or /128
 */
export function tryParsePrefix(text: string, options?: PrefixParseOptions): PrefixParseResult {
  // The common case first: canonical IPv4 text, without slicing or diagnosing.
  const fast = scanCanonicalPrefix4(text);
  if (fast >= 0)
    return { ok: true, prefix: { family: 4, network: Math.floor(fast / 64), length: fast % 64 } };
  const fail = (why: string): PrefixParseResult => ({ ok: false, message: `${text}: ${why}` });
  if (text.trim() !== text) return fail('leading or trailing whitespace');
  const slash = text.indexOf('/');
  if (slash >= 0 && text.indexOf('/', slash + 1) >= 0) return fail("more than one '/'");
  const addr = slash >= 0 ? text.slice(0, slash) : text;
  const v6 = addr.includes(':');
  const max = v6 ? 128 : 32;
  let length = max;
  if (slash < 0) {
    if (options?.allowHost !== true) {
      return fail(`missing prefix length (write ${text}/${max} for a single address)`);
    }
  } else {
    const parsed = parseLength(text.slice(slash + 1), max);
    if (typeof parsed === 'string') return fail(parsed);
    length = parsed;
  }
  if (v6) {
    const problem = diagnoseIpv6(addr);
    if (problem !== undefined) return fail(problem);
    const words = ipv6Words(addr);
    if (hostBits6(words, length)) {
      const fixed: Prefix6 = { family: 6, words: masked6(words, length), length };
      return fail(`host bits set (did you mean ${formatPrefix(fixed)}?)`);
    }
    return { ok: true, prefix: { family: 6, words, length } };
  }
  const problem = diagnoseIpv4(addr);
  if (problem !== undefined) return fail(problem);
  const value = ipv4Value(addr);
  const network = (value & maskOf(length)) >>> 0;
  if (network !== value) return fail(`host bits set (did you mean ${formatIpv4(network)}/${length}?)`);
  return { ok: true, prefix: { family: 4, network, length } };
}

/**
 * Parses `address/length` into a {@link Prefix}.
 *
 * @throws {@link PrefixParseError} with the message {@link tryParsePrefix} would return
 */
export function parsePrefix(text: string, options?: PrefixParseOptions): Prefix {
  const r = tryParsePrefix(text, options);
  if (!r.ok) throw new PrefixParseError(r.message, text);
  return r.prefix;
}

/** Formats a prefix canonically: `10.0.0.0/8`, `2001:db8::/32` (IPv6 compressed, lowercase). */
export function formatPrefix(p: Prefix): string {
  return p.family === 4 ? `${formatIpv4(p.network)}/${p.length}` : `${formatIpv6(p.words)}/${p.length}`;
}
