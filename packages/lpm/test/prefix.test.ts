import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  PrefixParseError,
  formatIpv4,
  formatPrefix,
  parsePrefix,
  scanCanonicalIpv4,
  scanCanonicalPrefix4,
  tryParsePrefix,
} from '../src/index.js';
import { SEED, prefix4, prefix6 } from './arbitraries.js';

fc.configureGlobal({ seed: SEED, numRuns: 300 });

describe('tryParsePrefix', () => {
  it.each([
    ['10.0.0.300/24', '10.0.0.300/24: octet 300 out of range (0-255)'],
    ['10.0.0.0/33', '10.0.0.0/33: prefix length 33 out of range (0-32)'],
    ['10.0.0.1/24', '10.0.0.1/24: host bits set (did you mean 10.0.0.0/24?)'],
    ['10.0.0/8', '10.0.0/8: expected 4 dot-separated octets, found 3'],
    ['10.0.0.0.0/8', '10.0.0.0.0/8: expected 4 dot-separated octets, found 5'],
    ['10.0..0/8', '10.0..0/8: empty octet'],
    ['10.0.0.x/8', "10.0.0.x/8: octet 'x' is not a decimal number"],
    ['10.0.0.01/32', "10.0.0.01/32: octet '01' has a leading zero"],
    ['10.0.0.0', '10.0.0.0: missing prefix length (write 10.0.0.0/32 for a single address)'],
    ['10.0.0.0/', '10.0.0.0/: empty prefix length'],
    ['10.0.0.0/a', "10.0.0.0/a: prefix length 'a' is not a number"],
    ['10.0.0.0/-1', "10.0.0.0/-1: prefix length '-1' is not a number"],
    ['10.0.0.0/08', "10.0.0.0/08: prefix length '08' has a leading zero"],
    ['10.0.0.0/8/8', "10.0.0.0/8/8: more than one '/'"],
    [' 10.0.0.0/8', ' 10.0.0.0/8: leading or trailing whitespace'],
    ['', ': missing prefix length (write /32 for a single address)'],
    ['2001:db8::/129', '2001:db8::/129: prefix length 129 out of range (0-128)'],
    ['2001:db8::1/32', '2001:db8::1/32: host bits set (did you mean 2001:db8::/32?)'],
    ['2001:db8:::/32', "2001:db8:::/32: ':::' is not allowed"],
    ['2001::db8::/32', "2001::db8::/32: '::' may appear only once"],
    ['2001:db8:g::/48', "2001:db8:g::/48: group 'g' is not 1-4 hex digits"],
    ['2001:db8:12345::/48', "2001:db8:12345::/48: group '12345' is not 1-4 hex digits"],
    ['1:2:3:4:5:6:7/128', '1:2:3:4:5:6:7/128: expected 8 groups, found 7'],
    ['1:2:3:4:5:6:7:8:9/128', '1:2:3:4:5:6:7:8:9/128: expected 8 groups, found 9'],
    ['1:2:3:4::5:6:7:8/128', "1:2:3:4::5:6:7:8/128: too many groups (8) for an address with '::'"],
    ['fe80::1%eth0/128', 'fe80::1%eth0/128: zone index (%...) not allowed in a route'],
    [
      '::ffff:1.2.3.256/128',
      "::ffff:1.2.3.256/128: embedded IPv4 '1.2.3.256': octet 256 out of range (0-255)",
    ],
  ])('rejects %j', (text, message) => {
    expect(tryParsePrefix(text)).toEqual({ ok: false, message });
    expect(() => parsePrefix(text)).toThrow(PrefixParseError);
    expect(() => parsePrefix(text)).toThrow(message);
  });

  it.each([
    ['0.0.0.0/0', '0.0.0.0/0'],
    ['255.255.255.255/32', '255.255.255.255/32'],
    ['10.1.0.0/16', '10.1.0.0/16'],
    ['::/0', '::/0'],
    ['2001:DB8::/32', '2001:db8::/32'],
    ['2001:0db8:0000:0000:0001:0000:0000:0000/80', '2001:db8:0:0:1::/80'],
    ['::ffff:10.0.0.0/104', '::ffff:a00:0/104'],
    ['1:0:0:2:0:0:0:0/128', '1:0:0:2::/128'],
    ['1:0:0:2:0:0:3:4/128', '1::2:0:0:3:4/128'],
  ])('parses %j and formats it canonically as %j', (text, canonical) => {
    expect(formatPrefix(parsePrefix(text))).toBe(canonical);
  });

  it('accepts a bare address only with allowHost', () => {
    expect(tryParsePrefix('10.0.0.1', { allowHost: true })).toEqual({
      ok: true,
      prefix: { family: 4, network: 0x0a000001, length: 32 },
    });
    expect(parsePrefix('2001:db8::1', { allowHost: true })).toEqual({
      family: 6,
      words: [0x20010db8, 0, 0, 1],
      length: 128,
    });
    expect(tryParsePrefix('2001:db8::1').ok).toBe(false);
  });

  it('format then parse is the identity (IPv4 and IPv6)', () => {
    fc.assert(
      fc.property(fc.oneof(prefix4, prefix6), (p) => {
        expect(parsePrefix(formatPrefix(p))).toEqual(p);
      }),
    );
  });
});

describe('scanCanonicalPrefix4 and scanCanonicalIpv4 (the allocation-free scan of canonical IPv4 text)', () => {
  // Canonical texts are exactly what formatPrefix / formatIpv4 write: every prefix's text scans to
  // its value, and any text that scans is the canonical text of what it scans to.
  const noisy = fc.oneof(
    prefix4.map((p) => formatPrefix(p)),
    // Canonical texts with one character changed, added or dropped: mostly not canonical any more.
    fc
      .tuple(prefix4, fc.nat(), fc.constantFrom('0', '1', '9', '.', '/', ' ', 'x', '', '00', '256'))
      .map(([p, at, ch]) => {
        const t = formatPrefix(p);
        const i = at % (t.length + 1);
        return t.slice(0, i) + ch + t.slice(i + (at % 2));
      }),
    fc.string({ maxLength: 20 }),
  );

  it('every IPv4 prefix: its text scans to network * 64 + length', () => {
    fc.assert(
      fc.property(prefix4, (p) => {
        expect(scanCanonicalPrefix4(formatPrefix(p))).toBe(p.network * 64 + p.length);
        expect(scanCanonicalIpv4(formatIpv4(p.network))).toBe(p.network);
      }),
    );
  });

  it('any text that scans is the canonical text of what it scans to, and tryParsePrefix agrees', () => {
    fc.assert(
      fc.property(noisy, (t) => {
        const v = scanCanonicalPrefix4(t);
        const parsed = tryParsePrefix(t);
        if (v < 0) return;
        const p = { family: 4, network: Math.floor(v / 64), length: v % 64 } as const;
        expect(formatPrefix(p)).toBe(t);
        expect(parsed).toEqual({ ok: true, prefix: p });
        const slash = t.indexOf('/');
        expect(scanCanonicalIpv4(t.slice(0, slash))).toBe(p.network);
      }),
      { numRuns: 2000 },
    );
  });

  it('rejects the texts tryParsePrefix rejects or reads in another form', () => {
    for (const t of [
      '10.0.0.1/24',
      '10.0.0.01/32',
      '10.0.0.0/08',
      '10.0.0.0',
      ' 10.0.0.0/8',
      '10.0.0.0/33',
      '2001:db8::/32',
      '10.0.0/8',
      '1.2.3.4/5/6',
      '256.0.0.0/8',
    ])
      expect(scanCanonicalPrefix4(t)).toBe(-1);
    for (const t of ['10.0.0.01', '10.0.0', '10.0.0.0.0', '10.0.0.256', '', '1.2.3.4/32', ' 1.2.3.4'])
      expect(scanCanonicalIpv4(t)).toBe(-1);
  });
});
