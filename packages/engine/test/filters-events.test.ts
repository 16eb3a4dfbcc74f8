import { describe, expect, it } from 'vitest';
import {
  actionOfEvent,
  eventLog,
  eventOfAction,
  eventTypes,
  forkInput,
  fromNdjson,
  isCommand,
  replay,
  replayLog,
  toNdjson,
} from '../src/index.js';
import type { TimelineAction } from '../src/index.js';
import { input } from './fixtures.js';
import { filtered, net, nsgRule } from './filters-fixtures.js';

const actions: TimelineAction[] = [
  {
    at: 60,
    do: 'filterRule.add',
    securityGroup: 'prod/web-sg',
    direction: 'inbound',
    rule: { protocol: 'tcp', port: { lo: 8080, hi: 8090 }, cidr: '10.0.0.0/16' },
  },
  {
    at: 120,
    do: 'filterRule.replace',
    securityGroup: 'prod/web-sg',
    direction: 'inbound',
    rule: { name: 'ssh', protocol: 'tcp', port: { lo: 22, hi: 22 }, prefixList: 'corp' },
  },
  {
    at: 180,
    do: 'filterRule.add',
    networkAcl: 'prod/web-acl',
    direction: 'outbound',
    rule: { ruleNumber: 90, protocol: 'udp', port: { lo: 53, hi: 53 }, cidr: '10.0.0.2/32', action: 'deny' },
  },
  { at: 240, do: 'filterRule.remove', networkAcl: 'prod/web-acl', direction: 'inbound', ruleNumber: 200 },
  {
    at: 300,
    do: 'filterRule.add',
    networkSecurityGroup: 'hub/app-nsg',
    rule: nsgRule({ priority: 4000 }),
  },
  {
    at: 360,
    do: 'filterRule.replace',
    network: 'corp',
    rule: {
      name: 'allow-ssh',
      direction: 'INGRESS',
      priority: 900,
      deny: [{ protocol: 'tcp', ports: [{ lo: 22, hi: 22 }] }],
      sourceRanges: ['0.0.0.0/0'],
    },
  },
  {
    at: 420,
    do: 'filterRule.add',
    securityGroup: 'app/web',
    rule: { direction: 'egress', protocol: 6, remoteGroup: 'batch' },
  },
  {
    at: 480,
    do: 'filterRule.remove',
    securityGroup: 'prod/web-sg',
    direction: 'inbound',
    rule: { protocol: 'tcp', port: { lo: 443, hi: 443 }, cidr: '0.0.0.0/0' },
  },
  { at: 540, do: 'filterRule.remove', network: 'corp', name: 'allow-ssh' },
  { at: 600, do: 'filter.update', securityGroup: 'app/batch', set: { stateful: false } },
  { at: 660, do: 'host.update', host: 'prod/db1', set: { securityGroups: ['db-sg'] } },
  { at: 720, do: 'subnet.update', subnet: 'prod/db', set: { networkAcl: 'web-acl' } },
];

describe('filter events', () => {
  it('every filter action has a past-tense command event with a human label, and back', () => {
    const events = actions.map((a, i) => eventOfAction(a, 'timeline', i));
    expect(events.map((e) => [e.type, e.label])).toEqual([
      ['filterRule.added', 'prod/web-sg inbound: added tcp 8080-8090 10.0.0.0/16'],
      ['filterRule.replaced', 'prod/web-sg inbound: replaced ssh (tcp 22 pl corp)'],
      ['filterRule.added', 'prod/web-acl outbound: added #90 deny udp 53 10.0.0.2/32'],
      ['filterRule.removed', 'prod/web-acl inbound: removed #200'],
      ['filterRule.added', 'hub/app-nsg: added deny-internet (Outbound 4000 Deny)'],
      ['filterRule.replaced', 'corp firewall: replaced allow-ssh (INGRESS 900 deny)'],
      ['filterRule.added', 'app/web: added egress proto 6 to group batch'],
      ['filterRule.removed', 'prod/web-sg inbound: removed tcp 443 0.0.0.0/0'],
      ['filterRule.removed', 'corp firewall: removed allow-ssh'],
      ['filter.updated', 'app/batch updated: stateful=false'],
      ['host.updated', 'prod/db1 updated: securityGroups=["db-sg"]'],
      ['subnet.updated', 'prod/db updated: networkAcl=web-acl'],
    ]);
    expect(events.every(isCommand)).toBe(true);
    expect(events.map((e) => actionOfEvent[e.type])).toEqual(actions.map((a) => a.do));
    // The target holds the target fields only.
    expect(events[0]).toMatchObject({ target: { securityGroup: 'prod/web-sg', direction: 'inbound' } });
    expect(events[6]?.['target']).toEqual({ securityGroup: 'app/web' });
    expect(events[3]).toMatchObject({ ruleNumber: 200 });
    expect(events[3]).not.toHaveProperty('name');
    for (const t of ['filterRule.added', 'filterRule.replaced', 'filterRule.removed', 'filter.updated']) {
      expect(eventTypes).toContain(t);
    }
  });

  it('a timeline of filter changes applies every action, and its NDJSON log replays to the same steps', () => {
    const live = replay(input(filtered(), actions, 3600));
    expect(live.steps.flatMap((s) => s.rejections)).toEqual([]);
    expect(live.steps).toHaveLength(actions.length);
    const last = live.steps[live.steps.length - 1]?.state;
    if (!last) throw new Error('no steps');
    expect(net(last, 'prod').securityGroups?.[0]?.inbound?.map((r) => r.name ?? r.cidr)).toEqual([
      'ssh',
      '10.0.0.0/16',
    ]);
    expect(net(last, 'prod').networkAcls?.[0]?.outbound.map((e) => e.ruleNumber)).toEqual([90, 100]);
    expect(net(last, 'corp').firewallRules).toEqual([]);
    expect(net(last, 'app').securityGroups?.find((g) => g.name === 'batch')?.stateful).toBe(false);

    const text = toNdjson(eventLog(live.steps));
    expect(text.trimEnd().split('\n')).toHaveLength(actions.length);
    const parsed = fromNdjson(text);
    expect(parsed).toEqual(eventLog(live.steps));
    expect(replayLog(live.initial, parsed)).toEqual(live.steps);
  });

  it('a rejected filter change is in the log with its rejection, and replays the same', () => {
    const bad: TimelineAction[] = [
      { at: 60, do: 'host.update', host: 'prod/web1', set: { securityGroups: [] } },
      { at: 90, do: 'filter.update', securityGroup: 'app/web', set: { stateful: false } },
    ];
    const live = replay(input(filtered(), bad, 3600));
    expect(live.steps.flatMap((s) => s.rejections.map((r) => [r.action, r.rule, r.index]))).toEqual([
      ['host.update', 'AWS-R36', 0],
      ['filter.update', 'OS-R21', 1],
    ]);
    expect(replayLog(live.initial, fromNdjson(toNdjson(eventLog(live.steps))))).toEqual(live.steps);
  });

  it('what-if fork: removing the rule change by index gives the state without it', () => {
    const inp = input(filtered(), actions.slice(0, 4), 3600);
    const a = replay(inp);
    const b = replay(forkInput(inp, [{ op: 'remove', index: 3 }]));
    const lastA = a.steps[a.steps.length - 1]?.state;
    const lastB = b.steps[b.steps.length - 1]?.state;
    if (!lastA || !lastB) throw new Error('no steps');
    expect(net(lastA, 'prod').networkAcls?.[0]?.inbound.map((e) => e.ruleNumber)).toEqual([100]);
    expect(net(lastB, 'prod').networkAcls?.[0]?.inbound.map((e) => e.ruleNumber)).toEqual([100, 200]);
    const c = replay(
      forkInput(inp, [
        {
          op: 'replace',
          index: 2,
          action: {
            at: 180,
            do: 'filterRule.add',
            networkAcl: 'prod/web-acl',
            direction: 'outbound',
            rule: { ruleNumber: 100, protocol: 'all', cidr: '0.0.0.0/0', action: 'deny' },
          },
        },
      ]),
    );
    expect(c.steps.flatMap((s) => s.rejections.map((r) => [r.rule, r.index]))).toEqual([['AWS-R40', 2]]);
  });
});
