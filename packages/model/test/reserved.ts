/**
 * The five reserved addresses AWS and Azure share (AWS-R18, AZ-R12; invariants 12 and 18), as one
 * property both providers' tests run with their own prefix lengths and seed.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { reservedAddresses, subnetGatewayIp } from '@cloudroute/model';
import { runs } from './arbitraries.js';
import { fmt4, pfx, prefix4 } from './oracle.js';

/**
 * For subnets of `provider` with prefix lengths in [minLen, maxLen]: base+0..3 and the last address
 * are reserved, and the default gateway (the router) is base+1.
 */
export function checkFiveReserved(
  provider: 'aws' | 'azure',
  minLen: number,
  maxLen: number,
  seed: number,
): void {
  fc.assert(
    fc.property(fc.nat({ max: 0xffffffff }), fc.integer({ min: minLen, max: maxLen }), (a, len) => {
      const cidr = pfx(a, len);
      const base = prefix4(cidr).net;
      const last = (base + 2 ** (32 - len) - 1) >>> 0;
      expect(reservedAddresses(provider, cidr)).toEqual(
        [base, base + 1, base + 2, base + 3, last].map((n) => fmt4(n >>> 0)),
      );
      expect(subnetGatewayIp(provider, { name: 's', cidr })).toBe(fmt4((base + 1) >>> 0));
    }),
    runs(seed),
  );
}
