/**
 * Properties of the filter timeline over random filter actions (valid and refused ones) on the
 * filters fixture: no action crashes the reducer, a refusal leaves the state as it was, the NDJSON
 * log replays to the same steps, and adding a rule then removing it restores the filter.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NetworkState, SecurityGroupRule } from '@cloudroute/model';
import { eventLog, fromNdjson, replay, replayLog, toNdjson } from '../src/index.js';
import type { TimelineAction } from '../src/index.js';
import { input } from './fixtures.js';
import { apply, filtered, state } from './filters-fixtures.js';
import type { Act } from './filters-fixtures.js';

const port = fc
  .tuple(fc.integer({ min: 0, max: 70000 }), fc.integer({ min: 0, max: 2000 }))
  .map(([lo, w]) => ({ lo, hi: lo + w }));
const cidr = fc.constantFrom('0.0.0.0/0', '10.0.0.0/16', '192.168.0.0/16', '2001:db8::/32');
const dir = fc.constantFrom('inbound' as const, 'outbound' as const);
const name = fc.option(fc.constantFrom('ssh', 'pg', 'web', 'x'), { nil: undefined });

const sgRule = fc
  .record({ protocol: fc.constantFrom('tcp' as const, 'udp' as const, 'all' as const), port, cidr, name })
  .map(({ name: n, ...r }): SecurityGroupRule => (n === undefined ? r : { ...r, name: n }));
const aclEntry = fc.record({
  ruleNumber: fc.integer({ min: 0, max: 33000 }),
  protocol: fc.constantFrom('tcp' as const, 'all' as const),
  cidr,
  action: fc.constantFrom('allow' as const, 'deny' as const),
});
const nsgRule = fc.record({
  name: fc.constantFrom('allow-https', 'deny-all', 'x'),
  priority: fc.integer({ min: 50, max: 4200 }),
  direction: fc.constantFrom('Inbound' as const, 'Outbound' as const),
  access: fc.constantFrom('Allow' as const, 'Deny' as const),
  protocol: fc.constantFrom('Tcp' as const, '*' as const),
  source: fc.constant(['*']),
  destination: fc.constant(['*']),
  sourcePorts: fc.constant([{ lo: 0, hi: 65535 }]),
  destinationPorts: fc.constant([{ lo: 443, hi: 443 }]),
});
const gcpRule = fc.record({
  name: fc.constantFrom('allow-ssh', 'deny-db', 'x'),
  direction: fc.constantFrom('INGRESS' as const, 'EGRESS' as const),
  priority: fc.integer({ min: 0, max: 70000 }),
  allow: fc.constant([{ protocol: 'tcp' as const }]),
  sourceRanges: fc.constant(['0.0.0.0/0']),
});
const neutronRule = fc.record({
  direction: fc.constantFrom('ingress' as const, 'egress' as const),
  protocol: fc.constantFrom('tcp' as const, 'udp' as const),
  remoteIpPrefix: cidr,
});

const sgTarget = fc.constantFrom('prod/web-sg', 'prod/db-sg', 'prod/app-sg', 'prod/default', 'prod/nope');
const aclTarget = fc.constantFrom('prod/web-acl', 'prod/default', 'prod/nope');
const osTarget = fc.constantFrom('app/web', 'app/batch', 'app/default');

const action: fc.Arbitrary<Act> = fc.oneof(
  fc
    .tuple(fc.constantFrom('filterRule.add' as const, 'filterRule.replace' as const), sgTarget, dir, sgRule)
    .map(([d, securityGroup, direction, rule]): Act => ({ do: d, securityGroup, direction, rule })),
  fc.tuple(sgTarget, dir, sgRule).map(([securityGroup, direction, rule]): Act => ({
    do: 'filterRule.remove',
    securityGroup,
    direction,
    rule,
  })),
  fc
    .tuple(
      fc.constantFrom('filterRule.add' as const, 'filterRule.replace' as const),
      aclTarget,
      dir,
      aclEntry,
    )
    .map(([d, networkAcl, direction, rule]): Act => ({ do: d, networkAcl, direction, rule })),
  fc
    .tuple(aclTarget, dir, fc.integer({ min: 0, max: 300 }))
    .map(([networkAcl, direction, ruleNumber]): Act => ({
      do: 'filterRule.remove',
      networkAcl,
      direction,
      ruleNumber,
    })),
  fc
    .tuple(fc.constantFrom('filterRule.add' as const, 'filterRule.replace' as const), nsgRule)
    .map(([d, rule]): Act => ({ do: d, networkSecurityGroup: 'hub/app-nsg', rule })),
  fc
    .constantFrom('allow-https', 'deny-all')
    .map((n): Act => ({ do: 'filterRule.remove', networkSecurityGroup: 'hub/app-nsg', name: n })),
  fc
    .tuple(fc.constantFrom('filterRule.add' as const, 'filterRule.replace' as const), gcpRule)
    .map(([d, rule]): Act => ({ do: d, network: 'corp', rule })),
  fc
    .tuple(osTarget, neutronRule)
    .map(([securityGroup, rule]): Act => ({ do: 'filterRule.add', securityGroup, rule })),
  fc
    .tuple(osTarget, neutronRule)
    .map(([securityGroup, rule]): Act => ({ do: 'filterRule.remove', securityGroup, rule })),
  fc
    .tuple(osTarget, fc.boolean())
    .map(([securityGroup, stateful]): Act => ({ do: 'filter.update', securityGroup, set: { stateful } })),
  fc
    .tuple(
      fc.constantFrom('prod/web1', 'prod/db1', 'app/srv1', 'app/srv2'),
      fc.subarray(['web-sg', 'db-sg', 'default', 'web', 'batch', 'ghost']),
    )
    .map(([host, securityGroups]): Act => ({ do: 'host.update', host, set: { securityGroups } })),
  fc
    .constantFrom('web-acl', 'default', 'ghost', null)
    .map((networkAcl): Act => ({ do: 'subnet.update', subnet: 'prod/db', set: { networkAcl } })),
);

const timeline = fc
  .array(fc.tuple(fc.integer({ min: 0, max: 3600 }), action), { maxLength: 25 })
  .map((list): TimelineAction[] => list.map(([at, a]) => ({ ...a, at })));

describe('filter timeline properties', () => {
  it('no filter action crashes the reducer; a refusal changes nothing; the log replays the run', () => {
    fc.assert(
      fc.property(timeline, (tl) => {
        const live = replay(input(filtered(), tl, 3600));
        let prev: NetworkState = live.initial;
        for (const step of live.steps) {
          // invalid-event is what the reducer records when a handler throws.
          expect(step.rejections.map((r) => r.rule)).not.toContain('invalid-event');
          if (step.rejections.length > 0) expect(step.state).toBe(prev);
          prev = step.state;
        }
        expect(replayLog(live.initial, fromNdjson(toNdjson(eventLog(live.steps))))).toEqual(live.steps);
      }),
      { seed: 0xf117, numRuns: 80 },
    );
  });

  it('adding a rule to a declared filter, then removing it, restores the filter', () => {
    const declared = fc.oneof(
      fc
        .tuple(fc.constantFrom('prod/web-sg', 'prod/db-sg'), dir, sgRule)
        .map(([securityGroup, direction, rule]): [Act, Act] => [
          { do: 'filterRule.add', securityGroup, direction, rule },
          rule.name === undefined
            ? { do: 'filterRule.remove', securityGroup, direction, rule }
            : { do: 'filterRule.remove', securityGroup, direction, name: rule.name },
        ]),
      fc.tuple(dir, aclEntry).map(([direction, rule]): [Act, Act] => [
        { do: 'filterRule.add', networkAcl: 'prod/web-acl', direction, rule },
        { do: 'filterRule.remove', networkAcl: 'prod/web-acl', direction, ruleNumber: rule.ruleNumber },
      ]),
      nsgRule.map((rule): [Act, Act] => [
        { do: 'filterRule.add', networkSecurityGroup: 'hub/app-nsg', rule },
        { do: 'filterRule.remove', networkSecurityGroup: 'hub/app-nsg', name: rule.name },
      ]),
      gcpRule.map((rule): [Act, Act] => [
        { do: 'filterRule.add', network: 'corp', rule },
        { do: 'filterRule.remove', network: 'corp', name: rule.name },
      ]),
      fc
        .tuple(fc.constantFrom('app/web', 'app/batch'), neutronRule)
        .map(([securityGroup, rule]): [Act, Act] => [
          { do: 'filterRule.add', securityGroup, rule },
          { do: 'filterRule.remove', securityGroup, rule },
        ]),
    );
    fc.assert(
      fc.property(declared, ([add, remove]) => {
        const s = state();
        const a = apply(s, add);
        if (!a.applied) return; // refused: nothing to undo
        const r = apply(a.state, remove, 120);
        expect(r.rejections).toEqual([]);
        expect(r.state.topology).toEqual(s.topology);
      }),
      { seed: 0xadd, numRuns: 200 },
    );
  });
});
