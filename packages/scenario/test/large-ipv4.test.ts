/**
 * IPv4 texts are read in one pass (lpm's `wellFormedIpv4`, which took a 500,000-route file's load
 * from mostly ip-num's validation to little): the same verdict and value as the dotted-decimal
 * grammar, and the same messages for what is not well formed. Pinned seed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseIpv4, tryParseAddress, tryParsePrefix } from '@cloudroute/lpm';

const OCTET = '(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])';
const DOTTED = new RegExp(`^${OCTET}\\.${OCTET}\\.${OCTET}\\.${OCTET}$`);

function reference(text: string): number | undefined {
  const m = DOTTED.exec(text);
  return m === null ? undefined : m.slice(1).reduce((v, o) => v * 256 + Number(o), 0);
}

const octet = fc.oneof(
  fc.integer({ min: 0, max: 300 }).map(String),
  fc.constantFrom('', '00', '01', '007', '255', '256', '1000', '-1', '+1', 'a', ' 1', '1 ', '0x1', '１'),
);
const ipv4ish = fc.oneof(
  fc.array(octet, { minLength: 0, maxLength: 6 }).map((parts) => parts.join('.')),
  fc.string({ unit: fc.constantFrom('0', '1', '2', '5', '9', '.', 'a', ' ', '/'), maxLength: 16 }),
);

describe('IPv4 texts in one pass', () => {
  it('well formed exactly when dotted decimal, with the same value (2,000 texts)', () => {
    fc.assert(
      fc.property(ipv4ish, (text) => {
        const want = reference(text);
        const r = tryParseAddress(text);
        if (want === undefined) {
          expect(r.ok).toBe(false);
          expect(() => parseIpv4(text)).toThrow();
        } else {
          expect(r).toEqual({ ok: true, family: 4, value: want });
          expect(parseIpv4(text)).toBe(want);
        }
      }),
      { seed: 20_261_207, numRuns: 2000 },
    );
  });

  it('says what is wrong as before', () => {
    expect(tryParseAddress('10.0.0.256')).toEqual({
      ok: false,
      message: '10.0.0.256: octet 256 out of range (0-255)',
    });
    expect(tryParseAddress('10.0.01.1')).toEqual({
      ok: false,
      message: "10.0.01.1: octet '01' has a leading zero",
    });
    expect(tryParseAddress('10.0.1')).toEqual({
      ok: false,
      message: '10.0.1: expected 4 dot-separated octets, found 3',
    });
    expect(tryParsePrefix('255.255.255.255/32')).toMatchObject({ ok: true });
  });
});
