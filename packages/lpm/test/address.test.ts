import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  PrefixParseError,
  formatIpv4,
  formatIpv6,
  parseIpv4,
  parseIpv6,
  tryParseAddress,
} from '../src/index.js';
import { SEED, words6 } from './arbitraries.js';

fc.configureGlobal({ seed: SEED, numRuns: 500 });

/** RFC 5952 written out plainly, as the oracle for formatIpv6. */
function rfc5952(w: readonly number[]): string {
  const g = w.flatMap((x) => [(x >>> 16) & 0xffff, x & 0xffff]);
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8;) {
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen) [best, bestLen] = [i, j - i];
    i = j === i ? i + 1 : j;
  }
  const hex = (a: number[]): string => a.map((x) => x.toString(16)).join(':');
  return best < 0 ? hex(g) : `${hex(g.slice(0, best))}::${hex(g.slice(best + bestLen))}`;
}

describe('addresses', () => {
  it('IPv4 round-trips through text', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), (n) => {
        expect(parseIpv4(formatIpv4(n))).toBe(n);
        expect(tryParseAddress(formatIpv4(n))).toEqual({ ok: true, family: 4, value: n });
      }),
    );
  });

  it('IPv6 round-trips and formats per RFC 5952', () => {
    const sparse = fc.tuple(
      ...[0, 1, 2, 3].map(() =>
        fc.oneof(fc.constant(0), fc.constant(0xffff), fc.constant(0x10000), fc.nat()),
      ),
    ) as fc.Arbitrary<[number, number, number, number]>;
    fc.assert(
      fc.property(fc.oneof(words6, sparse), (w) => {
        const words = w.map((x) => x >>> 0) as [number, number, number, number];
        expect(formatIpv6(words)).toBe(rfc5952(words));
        expect(parseIpv6(formatIpv6(words))).toEqual(words);
      }),
    );
  });

  it.each([
    ['1.2.3', '1.2.3: expected 4 dot-separated octets, found 3'],
    ['1.2.3.999', '1.2.3.999: octet 999 out of range (0-255)'],
    ['::g', "::g: group 'g' is not 1-4 hex digits"],
    ['', ': empty address'],
  ])('rejects %j', (text, message) => {
    expect(tryParseAddress(text)).toEqual({ ok: false, message });
  });

  it('throws PrefixParseError from the throwing parsers', () => {
    expect(() => parseIpv4('1.2.3.4.5')).toThrow(PrefixParseError);
    expect(() => parseIpv6('1::2::3')).toThrow("1::2::3: '::' may appear only once");
  });
});
