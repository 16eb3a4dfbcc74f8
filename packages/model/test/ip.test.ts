/**
 * The model's address reading (src/internal/ip.ts: its fast path and lpm behind it) and the lpm
 * relations the model calls, against the test oracle.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { comparePrefixes, formatPrefix, prefixContainsAddress, prefixContainsPrefix } from '@cloudroute/lpm';
import { mustParsePrefix, parseAddress, parsePrefix, prefixKey, prefixTextKey } from '../src/internal/ip.js';
import { PrefixIndex } from '../src/internal/prefix-index.js';
import { anyPrefix, runs } from './arbitraries.js';
import { containsPrefix, contains, fmt4 } from './oracle.js';

describe('internal/ip', () => {
  test('prefixTextKey is the key of the parsed prefix (canonical IPv4 scanned, the rest parsed)', () => {
    fc.assert(
      fc.property(anyPrefix, fc.nat({ max: 0xffffffff }), (a, x) => {
        expect(prefixTextKey(a)).toBe(prefixKey(mustParsePrefix(a)));
        expect(prefixTextKey(fmt4(x))).toBe(prefixKey(mustParsePrefix(fmt4(x))));
      }),
      runs(20261208),
    );
    for (const t of ['2001:db8::/32', '0.0.0.0/0', '255.255.255.255/32', '10.0.0.0/8'])
      expect(prefixTextKey(t)).toBe(prefixKey(mustParsePrefix(t)));
  });

  test('IPv4 prefixes round-trip and contain as the oracle says', () => {
    fc.assert(
      fc.property(anyPrefix, anyPrefix, fc.nat({ max: 0xffffffff }), (a, b, x) => {
        const pa = parsePrefix(a)!;
        expect(formatPrefix(pa)).toBe(a);
        expect(prefixContainsPrefix(pa, parsePrefix(b)!)).toBe(containsPrefix(a, b));
        expect(prefixContainsAddress(pa, parseAddress(fmt4(x))!)).toBe(contains(a, x));
      }),
      runs(41),
    );
  });

  test('PrefixIndex.containing is the longest stored prefix containing, like a linear scan', () => {
    fc.assert(
      fc.property(fc.array(anyPrefix, { maxLength: 30 }), anyPrefix, (stored, q) => {
        const idx = new PrefixIndex<string>();
        for (const s of stored) idx.add(parsePrefix(s)!, s);
        const best = stored
          .filter((s) => containsPrefix(s, q))
          .sort((x, y) => comparePrefixes(parsePrefix(y)!, parsePrefix(x)!))
          .sort((x, y) => Number(y.split('/')[1]) - Number(x.split('/')[1]))[0];
        expect(idx.containing(parsePrefix(q)!)).toBe(best);
      }),
      runs(42),
    );
  });

  test('IPv6 text: canonical form, host bits, containment', () => {
    expect(formatPrefix(parsePrefix('2001:DB8:0:0:0:0:0:0/32')!)).toBe('2001:db8::/32');
    expect(formatPrefix(parsePrefix('fd00:ec2::/32')!)).toBe('fd00:ec2::/32');
    expect(formatPrefix(parsePrefix('::ffff:10.0.0.0/104')!)).toBe('::ffff:a00:0/104');
    expect(parsePrefix('2001:db8::1/64')).toBeUndefined();
    expect(parsePrefix('2001:db8::1', { allowHost: true })?.length).toBe(128);
    expect(prefixContainsPrefix(parsePrefix('fd00:ec2::/32')!, parsePrefix('fd00:ec2:0:1::/64')!)).toBe(true);
    expect(prefixContainsAddress(parsePrefix('::/0')!, parseAddress('10.0.0.1')!)).toBe(false);
    for (const bad of ['1.2.3', '1.2.3.256', '01.2.3.4', '1::2::3', '10.0.0.0/33', ':::/0'])
      expect(parsePrefix(bad, { allowHost: true })).toBeUndefined();
  });
});
