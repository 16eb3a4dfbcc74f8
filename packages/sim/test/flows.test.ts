import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { draw as drawOne, generateFlows, mix32, resolveGroup, usableRange } from '../src/flows.js';
import { part } from '../src/parallel.js';
import { isPublicIpv4 } from '../src/plane/walk.js';
import { network, topologyOf } from './fixtures.js';

fc.configureGlobal({ seed: 20261125, numRuns: 200 });

const topology = topologyOf(
  [
    network('vpc', 'aws', {
      cidrs: ['10.0.0.0/16'],
      subnets: [
        { name: 'a', cidr: '10.0.1.0/24' },
        { name: 'b', cidr: '10.0.2.0/28' },
      ],
      hosts: [{ name: 'h', subnet: 'a', ip: '10.0.1.50' }],
    }),
  ],
  { sites: [{ name: 'dc', cidrs: ['192.168.0.0/24', '172.16.0.0/16'] }] },
);

function draw(to: string, from: string, start: number, end: number): [Uint32Array, Uint32Array] {
  const g = resolveGroup(topology, { name: `g-${to}`, from, to, count: 1000 });
  const src = new Uint32Array(end - start);
  const dst = new Uint32Array(end - start);
  generateFlows(g, 7, start, end, src, dst);
  return [src, dst];
}

describe('flow generation', () => {
  it('a slice draws exactly the flows the whole group draws (shard/worker independence)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 999 }),
        fc.integer({ min: 1, max: 200 }),
        fc.constantFrom('internet', 'dc', '10.0.2.0/28'),
        (start, len, to) => {
          const end = Math.min(1000, start + len);
          const [ws, wd] = draw(to, 'vpc/a', 0, 1000);
          const [ss, sd] = draw(to, 'vpc/a', start, end);
          expect(Array.from(ss)).toEqual(Array.from(ws.subarray(start, end)));
          expect(Array.from(sd)).toEqual(Array.from(wd.subarray(start, end)));
        },
      ),
    );
  });

  it('AWS-R18: sources and destinations avoid the subnet reserved addresses (first four and last)', () => {
    const [src, dst] = draw('10.0.2.0/28', 'vpc/a', 0, 1000);
    const base1 = (10 << 24) | (1 << 8);
    for (const s of src) expect(s - base1 >= 4 && s - base1 <= 254).toBe(true);
    const base2 = ((10 << 24) | (2 << 8)) >>> 0;
    for (const d of dst) expect(d - base2 >= 4 && d - base2 <= 14).toBe(true);
  });

  it('a host source always uses the host address', () => {
    const [src] = draw('internet', 'vpc/h', 0, 100);
    expect(new Set(src)).toEqual(new Set([((10 << 24) | (1 << 8) | 50) >>> 0]));
  });

  it('internet destinations are public and outside every network and site', () => {
    const [, dst] = draw('internet', 'vpc/a', 0, 2000);
    for (const d of dst) {
      expect(isPublicIpv4(d)).toBe(true);
      expect(d >>> 16 === ((10 << 8) | 0)).toBe(false);
    }
  });

  it('site destinations fall in the site cidrs, weighted by size', () => {
    const [, dst] = draw('dc', 'vpc/a', 0, 2000);
    const in172 = Array.from(dst).filter((d) => d >>> 20 === ((172 << 4) | 1)).length;
    const in192 = Array.from(dst).filter((d) => d >>> 8 === ((192 << 16) | (168 << 8) | 0)).length;
    expect(in172 + in192).toBe(2000);
    expect(in192).toBeLessThan(50);
  });

  it('usable ranges per provider', () => {
    expect(usableRange('aws', 0, 24)).toEqual({ base: 4, size: 251 });
    expect(usableRange('azure', 0, 29)).toEqual({ base: 4, size: 3 });
    expect(usableRange('gcp', 0, 24)).toEqual({ base: 2, size: 252 });
  });
});

describe('part(): balanced contiguous shards', () => {
  it('covers [0, count) exactly once, sizes differ by at most one', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 1, max: 50 }), (count, n) => {
        let next = 0;
        const sizes: number[] = [];
        for (let k = 0; k < n; k++) {
          const [a, b] = part(count, k, n);
          expect(a).toBe(next);
          next = b;
          sizes.push(b - a);
        }
        expect(next).toBe(count);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      }),
    );
  });
});

describe('draws (the flows of a seed never change)', () => {
  it('draw(seed, g, i, k) is the four-fold mix of seed, group, flow and draw number', () => {
    const oracle = (seed: number, g: number, i: number, k: number): number =>
      mix32(mix32(mix32(mix32(seed ^ 0x9e3779b9) ^ g) ^ i) ^ Math.imul(k + 1, 0x27d4eb2f));
    fc.assert(
      fc.property(fc.integer(), fc.nat(), fc.nat(), fc.integer({ min: -1, max: 64 }), (seed, g, i, k) => {
        expect(drawOne(seed, g, i, k)).toBe(oracle(seed, g, i, k));
      }),
    );
  });
});
