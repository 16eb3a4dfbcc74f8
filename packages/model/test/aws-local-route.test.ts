/**
 * AWS-R3 / AWS-R4 have one home (`src/aws/local-route.ts`). Its two callers keep the verdicts they
 * gave when each decided on its own: route selection and validation (`awsMoreSpecificRefusal`)
 * and the EC2 API refusals the engine records (`awsLocalRouteRefusal`). The two earlier deciders
 * are kept below, frozen, as the oracles of a property over generated VPCs and routes.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { prefixContainsPrefix, prefixEquals, type Prefix } from '@cloudroute/lpm';
import { parseLoosePrefix } from '@cloudroute/model';
import type { ChangeRefusal, Network, NextHop, Route } from '@cloudroute/model';
import { awsMoreSpecificRefusal } from '../src/aws/route-selection.js';
import { awsLocalRouteRefusal } from '../src/aws/route-refusals.js';
import { networkInfo } from '../src/internal/topology-index.js';
import type { PrefixIndex } from '../src/internal/prefix-index.js';
import { pfx } from './oracle.js';

const TARGETS = ['local', 'nat', 'eni', 'igw', 'vgw', 'tgw', 'peering', 'blackhole', 'vpce'] as const;
const MORE_SPECIFIC = new Set(['nat', 'eni']);

/** Route selection's AWS-R4 check as it stood before the one home (frozen oracle). */
function selectionBefore(
  p: Prefix,
  nextHopType: string,
  vpcCidrs: PrefixIndex<Prefix>,
  subnetRanges: PrefixIndex<unknown>,
): string | undefined {
  const vpc = vpcCidrs.containing(p);
  if (!vpc) return undefined;
  const isVpcCidr = prefixEquals(vpc, p);
  if (nextHopType === 'local') return isVpcCidr ? undefined : 'a local target is only valid on a VPC CIDR';
  if (!isVpcCidr && subnetRanges.get(p) === undefined)
    return 'inside the VPC CIDR but not a whole subnet CIDR';
  return MORE_SPECIFIC.has(nextHopType) ? undefined : `target ${nextHopType} cannot override the local route`;
}

/** The EC2 API refusal's AWS-R3 / AWS-R4 check as it stood before the one home (frozen oracle). */
function refusalBefore(network: Network, route: Route, p: Prefix): ChangeRefusal | undefined {
  const refusal = (rule: string, message: string): ChangeRefusal => ({ rule, message });
  const hop = route.nextHop;
  let isVpcCidr = false;
  for (const c of network.cidrs) {
    const cp = parseLoosePrefix(c);
    if (!cp || !prefixContainsPrefix(cp, p)) continue;
    if (prefixEquals(cp, p)) {
      isVpcCidr = true;
      if (hop.type !== 'local' && !MORE_SPECIFIC.has(hop.type)) {
        return refusal(
          'AWS-R3',
          `${route.prefix} is the VPC CIDR: its local route can only point at a NAT gateway or an eni (or back at local), not ${hop.type}`,
        );
      }
      continue;
    }
    const whole = network.subnets.some((s) => {
      const sp = parseLoosePrefix(s.cidr);
      return sp !== undefined && prefixEquals(sp, p);
    });
    if (!whole) {
      return refusal(
        'AWS-R4',
        `${route.prefix} is more specific than the local route ${c} and is not a whole subnet CIDR — AWS accepts only an entire subnet's CIDR there (to a NAT gateway or an eni)`,
      );
    }
    if (!MORE_SPECIFIC.has(hop.type)) {
      return refusal(
        'AWS-R4',
        `${route.prefix} is a whole subnet CIDR inside ${c}: its target must be a NAT gateway or an eni, not ${hop.type}`,
      );
    }
  }
  if (hop.type === 'local' && !isVpcCidr) {
    return refusal('AWS-R3', `${route.prefix} is not a VPC CIDR: only a VPC CIDR's route can target local`);
  }
  return undefined;
}

/** Prefixes under 10.0.0.0/12 from small integers, so that containment and equality are common. */
const prefix = fc
  .tuple(fc.integer({ min: 0, max: 15 }), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 12, max: 26 }))
  .map(([a, b, len]) => pfx((10 << 24) | (a << 16) | (b << 14), len));

const vpcCase = fc.record({
  cidrs: fc.array(prefix, { maxLength: 3 }),
  subnets: fc.array(fc.record({ cidr: prefix, secondary: fc.option(prefix, { nil: undefined }) }), {
    maxLength: 4,
  }),
  dest: fc.oneof(prefix, fc.constant('cidr'), fc.constant('subnet'), fc.constant('secondary')),
  pick: fc.nat(),
  target: fc.constantFrom(...TARGETS),
});

describe('AWS-R3 / AWS-R4: one decision, each caller its verdicts', () => {
  it('property: selection and API refusal give the verdicts of their frozen former deciders', () => {
    fc.assert(
      fc.property(vpcCase, (c) => {
        const network: Network = {
          name: 'vpc',
          provider: 'aws',
          cidrs: c.cidrs,
          subnets: c.subnets.map((s, i) =>
            s.secondary === undefined
              ? { name: `s${i}`, cidr: s.cidr }
              : { name: `s${i}`, cidr: s.cidr, secondaryCidrs: [s.secondary] },
          ),
          routeTables: [],
          hosts: [],
          gateways: [],
        };
        const from = (list: readonly string[]): string | undefined =>
          list.length === 0 ? undefined : list[c.pick % list.length];
        const text =
          c.dest === 'cidr'
            ? from(c.cidrs)
            : c.dest === 'subnet'
              ? from(c.subnets.map((s) => s.cidr))
              : c.dest === 'secondary'
                ? from(c.subnets.flatMap((s) => (s.secondary === undefined ? [] : [s.secondary])))
                : c.dest;
        const p = parseLoosePrefix(text ?? '10.0.0.0/12')!;
        const hop = (
          c.target === 'local' || c.target === 'blackhole'
            ? { type: c.target }
            : c.target === 'eni'
              ? { type: 'eni', ip: '10.0.0.5' }
              : { type: c.target, gateway: 'g' }
        ) as NextHop;
        const route: Route = { prefix: text ?? '10.0.0.0/12', nextHop: hop };
        const info = networkInfo(network);
        expect(awsMoreSpecificRefusal(p, c.target, info.cidrIndex, info.subnetIndex)).toBe(
          selectionBefore(p, c.target, info.cidrIndex, info.subnetIndex),
        );
        expect(awsLocalRouteRefusal(network, route, p)).toEqual(refusalBefore(network, route, p));
      }),
      { seed: 20261207, numRuns: 5000 },
    );
  });

  it('AWS-R3: the one true disagreement, a local target outside every VPC CIDR: the API refuses it, selection keeps it', () => {
    const network: Network = {
      name: 'vpc',
      provider: 'aws',
      cidrs: ['10.0.0.0/16'],
      subnets: [{ name: 'app', cidr: '10.0.1.0/24' }],
      routeTables: [],
      hosts: [],
      gateways: [],
    };
    const p = parseLoosePrefix('192.168.1.0/24')!;
    const info = networkInfo(network);
    expect(awsMoreSpecificRefusal(p, 'local', info.cidrIndex, info.subnetIndex)).toBeUndefined();
    expect(
      awsLocalRouteRefusal(network, { prefix: '192.168.1.0/24', nextHop: { type: 'local' } }, p)?.rule,
    ).toBe('AWS-R3');
  });
});
