import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addressAt,
  canonicalAddress,
  canonicalPrefix,
  formatAddress,
  hostPrefix,
  parsePrefix,
  prefixContainsAddress,
  prefixContainsPrefix,
  type Address,
  type Prefix,
} from '../src/index.js';
import { SEED, prefix4, prefix6 } from './arbitraries.js';

fc.configureGlobal({ seed: SEED, numRuns: 500 });

const toBig = (a: Address): bigint =>
  a.family === 4 ? BigInt(a.value) : a.words.reduce((x, w) => (x << 32n) | BigInt(w), 0n);

/** First address and size of a prefix as bigints: the obvious oracle. */
function span(p: Prefix): [bigint, bigint] {
  const bits = p.family === 4 ? 32 : 128;
  const net = p.family === 4 ? BigInt(p.network) : p.words.reduce((a, w) => (a << 32n) | BigInt(w), 0n);
  return [net, 1n << BigInt(bits - p.length)];
}

const address4 = fc.integer({ min: 0, max: 0xffffffff }).map((value): Address => ({ family: 4, value }));
const address6 = fc
  .array(fc.integer({ min: 0, max: 0xffffffff }), { minLength: 4, maxLength: 4 })
  .map((w): Address => ({ family: 6, words: [w[0]!, w[1]!, w[2]!, w[3]!] }));

describe('address operations', () => {
  it('formats and canonicalises addresses and prefixes', () => {
    expect(formatAddress({ family: 4, value: 0x0a000001 })).toBe('10.0.0.1');
    expect(formatAddress({ family: 6, words: [0x20010db8, 0, 0, 1] })).toBe('2001:db8::1');
    expect(canonicalAddress('2001:DB8:0::0:1')).toBe('2001:db8::1');
    expect(canonicalAddress('10.0.0.300')).toBeUndefined();
    expect(canonicalPrefix('2001:DB8::/32')).toBe('2001:db8::/32');
    expect(canonicalPrefix('10.0.0.1/24')).toBeUndefined();
    expect(canonicalPrefix('10.0.0.1')).toBeUndefined();
    expect(canonicalPrefix('10.0.0.1', { allowHost: true })).toBe('10.0.0.1/32');
  });

  it('a host prefix holds its address only', () => {
    fc.assert(
      fc.property(fc.oneof(address4, address6), (a) => {
        const h = hostPrefix(a);
        expect(h.length).toBe(a.family === 4 ? 32 : 128);
        expect(prefixContainsAddress(h, a)).toBe(true);
      }),
    );
  });

  it('containment of an address agrees with the address span', () => {
    fc.assert(
      fc.property(fc.oneof(prefix4, prefix6), fc.oneof(address4, address6), (p, a) => {
        const [first, size] = span(p);
        const x = toBig(a);
        const inside = p.family === a.family && x >= first && x < first + size;
        expect(prefixContainsAddress(p, a)).toBe(inside);
        expect(prefixContainsAddress(p, a)).toBe(prefixContainsPrefix(p, hostPrefix(a)));
      }),
    );
  });

  it('the address at an offset counts from the network, or from the end when negative', () => {
    fc.assert(
      fc.property(fc.oneof(prefix4, prefix6), fc.integer({ min: 0, max: 1000 }), (p, k) => {
        const [first, size] = span(p);
        const offset = BigInt(k) < size ? k : 0;
        expect(toBig(addressAt(p, offset))).toBe(first + BigInt(offset));
        const back = BigInt(k + 1) <= size ? -(k + 1) : -1;
        expect(toBig(addressAt(p, back))).toBe(first + size + BigInt(back));
        expect(prefixContainsAddress(p, addressAt(p, back))).toBe(true);
      }),
    );
  });

  it('names the router and broadcast addresses of a subnet', () => {
    const p = parsePrefix('10.0.1.0/24');
    expect(formatAddress(addressAt(p, 1))).toBe('10.0.1.1');
    expect(formatAddress(addressAt(p, -1))).toBe('10.0.1.255');
    const q = parsePrefix('2001:db8:0:1::/64');
    expect(formatAddress(addressAt(q, 3))).toBe('2001:db8:0:1::3');
    expect(formatAddress(addressAt(q, -1))).toBe('2001:db8:0:1:ffff:ffff:ffff:ffff');
    const r = parsePrefix('2001:db8::ffff:fffe/127');
    expect(formatAddress(addressAt(r, 1))).toBe('2001:db8::ffff:ffff');
  });
});
