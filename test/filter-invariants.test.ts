// Over 400 lines: the cases of one subject (filter-invariants), one describe block per rule or concern; a split would scatter one rule book section.
/**
 * Invariants 42–56 (PROVIDERS.md §5, docs/rules/invariants.md): the traffic-filter layer's
 * properties, each checked on the product's verdicts (`trace` at time 0, `runJob`) for generated
 * filtered scenarios (packages/sim/test/reference/gen/filters.ts) under the transformation the
 * invariant states, or on small hand-built states where the statement needs one exact rule set.
 * Seeds are pinned; `CLOUDROUTE_DEEP=1` runs ten times as many cases (4 per invariant by default, 40 deep).
 */
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Network } from '@cloudroute/model';
import { runJob, stateAt, trace, type TraceOptions, type TraceResult } from '@cloudroute/sim';
import { generateFlows, resolveGroup } from '../packages/sim/src/flows.js';
import {
  FILTERED_MIXES,
  scenarioArbitrary,
  type Mix,
  type ScenarioDoc,
} from '../packages/sim/test/reference/arbitraries.js';
import { network as net } from '../packages/model/test/fixtures.js';
import { DEEP } from './deep.js';
import { expectFirewallDrop } from './firewall-drop.js';
import { ruledState } from './hand-state.js';
import { loadOrThrow, simInputOf, simScenarioOf } from './scenario-input.js';

const RUNS = DEEP ? 40 : 4;

type Obj = Record<string, unknown>;
const params = (seed: number): fc.Parameters<unknown> => ({ seed, numRuns: RUNS, endOnFailure: true });

/** A generated filtered document without timeline or expectations, under `firewall: rules` everywhere. */
function ruled(mix: Mix): fc.Arbitrary<ScenarioDoc> {
  return scenarioArbitrary(mix).map((doc) => {
    const d = structuredClone(doc);
    d.firewall = 'rules';
    d.timeline = [];
    delete d.expect;
    for (const n of d.networks) delete n['firewall'];
    return d;
  });
}

const ip = (a: number): string => [a >>> 24, (a >>> 16) & 255, (a >>> 8) & 255, a & 255].join('.');

interface Probe {
  readonly from: string;
  readonly to: string;
  readonly options: TraceOptions;
}

/** The first flows of every group as `trace` takes them (from, to, protocol and ports). */
function probes(doc: ScenarioDoc, perGroup = 4): Probe[] {
  const sc = loadOrThrow(JSON.stringify(doc), 'g.json');
  const out: Probe[] = [];
  for (const f of sc.flows) {
    const group = resolveGroup(sc.topology, f);
    if (group.source.site) continue;
    const n = Math.min(perGroup, f.count);
    const src = new Uint32Array(n);
    const dst = new Uint32Array(n);
    generateFlows(group, sc.seed, 0, n, src, dst);
    for (let i = 0; i < n; i++)
      out.push({
        from: group.source.host ?? ip(src[i]!),
        to: ip(dst[i]!),
        options: {
          ...(f.protocol !== undefined ? { protocol: f.protocol } : {}),
          ...(f.port !== undefined ? { port: f.port.lo + (i % (f.port.hi - f.port.lo + 1)) } : {}),
          ...(f.sourcePorts !== undefined ? { sourcePorts: f.sourcePorts } : {}),
        },
      });
  }
  return out;
}

/** The product's traces of `ps` in `doc` at time 0. */
function traces(doc: ScenarioDoc, ps: readonly Probe[]): TraceResult[] {
  const sc = loadOrThrow(JSON.stringify(doc), 'g.json');
  const state = stateAt(simInputOf(sc), 0);
  return ps.map((p) => trace(state, p.from, p.to, p.options));
}

const verdict = (t: TraceResult): string => `${t.verdict}${t.reason ? ` ${t.reason}` : ''}`;
const delivered = (t: TraceResult): boolean => t.verdict === 'delivered';

function networks(doc: ScenarioDoc, provider: string): Obj[] {
  return doc.networks.filter((n) => n['provider'] === provider && n['external'] !== true);
}

/** Every filter object of a document, as an edit target: provider, network, kind and the object. */
function filterObjects(doc: ScenarioDoc): { provider: string; net: Obj; kind: string; obj: Obj }[] {
  const out: { provider: string; net: Obj; kind: string; obj: Obj }[] = [];
  for (const net of doc.networks) {
    const provider = net['provider'] as string;
    for (const g of (net['securityGroups'] as Obj[] | undefined) ?? [])
      out.push({ provider, net, kind: 'securityGroup', obj: g });
    for (const a of (net['networkAcls'] as Obj[] | undefined) ?? [])
      out.push({ provider, net, kind: 'networkAcl', obj: a });
    for (const g of (net['networkSecurityGroups'] as Obj[] | undefined) ?? [])
      out.push({ provider, net, kind: 'networkSecurityGroup', obj: g });
    if (provider === 'gcp') out.push({ provider, net, kind: 'firewallRules', obj: net });
  }
  return out;
}

/** A free Azure priority of an NSG in a direction. */
function freePriority(nsg: Obj, direction: string, from: number): number {
  const used = new Set(
    ((nsg['securityRules'] as Obj[]) ?? [])
      .filter((r) => r['direction'] === direction)
      .map((r) => r['priority'] as number),
  );
  let p = from;
  while (used.has(p)) p++;
  return p;
}

/** Adds one allow-everything (or deny-everything) rule to the k-th filter object; false when the object takes no such rule. */
function addRule(doc: ScenarioDoc, k: number, action: 'allow' | 'deny', inbound: boolean): boolean {
  const all = filterObjects(doc);
  if (all.length === 0) return false;
  const t = all[k % all.length]!;
  const dir = inbound ? 'inbound' : 'outbound';
  switch (t.kind) {
    case 'securityGroup':
      if (action === 'deny') return false; // AWS-R35, OS-R18: allow only
      if (t.provider === 'aws') {
        const list = (t.obj[dir] as Obj[] | undefined) ?? (inbound ? [] : undefined);
        if (list === undefined) return false; // no `outbound` key: already allows all
        t.obj[dir] = [...list, { name: 'zz-added', protocol: 'all', cidr: '0.0.0.0/0' }];
      } else
        t.obj['rules'] = [
          ...((t.obj['rules'] as Obj[]) ?? []),
          { direction: inbound ? 'ingress' : 'egress' },
        ];
      return true;
    case 'networkAcl': {
      const list = (t.obj[dir] as Obj[] | undefined) ?? [];
      const used = new Set(list.map((e) => e['ruleNumber'] as number));
      let n = 1000;
      while (used.has(n)) n++;
      t.obj[dir] = [...list, { ruleNumber: n, protocol: 'all', cidr: '0.0.0.0/0', action }];
      return true;
    }
    case 'networkSecurityGroup': {
      const direction = inbound ? 'Inbound' : 'Outbound';
      t.obj['securityRules'] = [
        ...((t.obj['securityRules'] as Obj[]) ?? []),
        {
          name: 'zz-added',
          priority: freePriority(t.obj, direction, 4000),
          direction,
          access: action === 'allow' ? 'Allow' : 'Deny',
          protocol: '*',
        },
      ];
      return true;
    }
    case 'firewallRules':
      t.obj['firewallRules'] = [
        ...((t.obj['firewallRules'] as Obj[] | undefined) ?? []),
        {
          name: 'zz-added',
          direction: inbound ? 'INGRESS' : 'EGRESS',
          priority: 2000,
          [action]: [{ protocol: 'all' }],
          ...(inbound ? { sourceRanges: ['0.0.0.0/0'] } : { destinationRanges: ['0.0.0.0/0'] }),
        },
      ];
      return true;
  }
  return false;
}

const tcp = (port: number): TraceOptions => ({ protocol: 'tcp', port });

/** A trace's verdict and every check it made: what an edit that changes nothing must keep. */
const verdictAndChecks = (t: TraceResult): unknown => [verdict(t), t.filters ?? []];

/**
 * Asserts, for the documents of `docs` (seed `seed`), that `edit` on a copy of each leaves `view`
 * of the trace of every probe as it was.
 */
function assertEditKeeps(
  docs: fc.Arbitrary<ScenarioDoc>,
  seed: number,
  edit: (doc: ScenarioDoc) => void,
  view: (t: TraceResult) => unknown = verdict,
): void {
  fc.assert(
    fc.property(docs, (doc) => {
      const ps = probes(doc);
      const before = traces(doc, ps);
      const b = structuredClone(doc);
      edit(b);
      expect(traces(b, ps).map(view)).toEqual(before.map(view));
    }),
    params(seed),
  );
}

describe('filter invariants (PROVIDERS.md §5, 42–56)', () => {
  it('invariant 42 — stateful replies (AWS-R39, AZ-R29, GCP-R28, OS-R21): no stateful filter checks a reply; stateless groups made stateful leave the request checks as they were', () => {
    fc.assert(
      fc.property(ruled(FILTERED_MIXES.all), (doc) => {
        const ps = probes(doc);
        const before = traces(doc, ps);
        const openstack = new Set(networks(doc, 'openstack').map((n) => n['name'] as string));
        for (const t of before)
          for (const c of t.filters ?? [])
            if (c.phase === 'reply')
              expect(
                c.kind === 'networkAcl' || (c.kind === 'securityGroup' && openstack.has(c.at.split('/')[0]!)),
                JSON.stringify(c),
              ).toBe(true);
        const b = structuredClone(doc);
        for (const n of networks(b, 'openstack'))
          for (const g of (n['securityGroups'] as Obj[] | undefined) ?? []) delete g['stateful'];
        const after = traces(b, ps);
        after.forEach((t, i) => {
          const req = (x: TraceResult): unknown => (x.filters ?? []).filter((c) => c.phase === 'request');
          expect(req(t)).toEqual(req(before[i]!));
          expect((t.filters ?? []).some((c) => c.phase === 'reply' && c.kind === 'securityGroup')).toBe(
            false,
          );
        });
      }),
      params(420),
    );
  }, 300_000);

  it('invariant 43 — allow monotonicity (AWS-R40, AZ-R26, GCP-R26): an added allow rule never drops a delivered flow; an added deny never delivers a dropped one', () => {
    fc.assert(
      fc.property(ruled(FILTERED_MIXES.all), fc.nat(50), fc.boolean(), (doc, k, inbound) => {
        const ps = probes(doc, 3);
        const before = traces(doc, ps);
        const allow = structuredClone(doc);
        if (addRule(allow, k, 'allow', inbound))
          traces(allow, ps).forEach((t, i) => {
            if (delivered(before[i]!))
              expect({ ...ps[i], v: verdict(t) }).toEqual({ ...ps[i], v: 'delivered' });
          });
        const deny = structuredClone(doc);
        if (addRule(deny, k, 'deny', inbound))
          traces(deny, ps).forEach((t, i) => {
            // Still not delivered (its reason may now be the new deny, met before the old drop).
            if (!delivered(before[i]!))
              expect({ ...ps[i], delivered: delivered(t) }).toEqual({ ...ps[i], delivered: false });
          });
      }),
      params(430),
    );
  }, 300_000);

  it('invariant 44 — security group order independence (AWS-R35, OS-R18): reversing rules and groups changes no verdict', () => {
    assertEditKeeps(fc.oneof(ruled(FILTERED_MIXES.aws), ruled(FILTERED_MIXES.openstack)), 440, (b) => {
      for (const n of b.networks) {
        for (const g of (n['securityGroups'] as Obj[] | undefined) ?? [])
          for (const key of ['inbound', 'outbound', 'rules'])
            if (Array.isArray(g[key])) g[key] = [...(g[key] as Obj[])].reverse();
        for (const h of (n['hosts'] as Obj[] | undefined) ?? []) {
          if (Array.isArray(h['securityGroups']))
            h['securityGroups'] = [...(h['securityGroups'] as string[])].reverse();
          for (const port of (h['ports'] as Obj[] | undefined) ?? [])
            if (Array.isArray(port['securityGroups']))
              port['securityGroups'] = [...(port['securityGroups'] as string[])].reverse();
        }
      }
    });
  }, 300_000);

  it('invariant 45 — NACL order dependence (AWS-R40): renumbering in order keeps every verdict; swapping an allow and a deny that both match flips it', () => {
    assertEditKeeps(ruled(FILTERED_MIXES.aws), 450, (b) => {
      for (const n of b.networks)
        for (const a of (n['networkAcls'] as Obj[] | undefined) ?? [])
          for (const dir of ['inbound', 'outbound'])
            for (const e of (a[dir] as Obj[] | undefined) ?? [])
              e['ruleNumber'] = (e['ruleNumber'] as number) * 3 + 7;
    });
    const acl = (allowFirst: boolean): Network =>
      net({
        name: 'vpc',
        provider: 'aws',
        cidrs: ['10.0.0.0/16'],
        subnets: [
          { name: 'a', cidr: '10.0.1.0/24' },
          { name: 'b', cidr: '10.0.2.0/24', networkAcl: 'b-acl' },
        ],
        hosts: [
          { name: 'a1', subnet: 'a', ip: '10.0.1.10', securityGroups: ['open'] },
          { name: 'b1', subnet: 'b', ip: '10.0.2.10', securityGroups: ['open'] },
        ],
        securityGroups: [
          {
            name: 'open',
            inbound: [{ protocol: 'all', cidr: '0.0.0.0/0' }],
            outbound: [{ protocol: 'all', cidr: '0.0.0.0/0' }],
          },
        ],
        networkAcls: [
          {
            name: 'b-acl',
            inbound: [
              {
                ruleNumber: allowFirst ? 100 : 200,
                protocol: 'tcp',
                port: { lo: 443, hi: 443 },
                cidr: '10.0.0.0/16',
                action: 'allow',
              },
              { ruleNumber: allowFirst ? 200 : 100, protocol: 'all', cidr: '10.0.1.0/24', action: 'deny' },
            ],
            outbound: [{ ruleNumber: 100, protocol: 'all', cidr: '0.0.0.0/0', action: 'allow' }],
          },
        ],
      });
    expect(trace(ruledState([acl(true)]), 'vpc/a1', '10.0.2.10', tcp(443)).verdict).toBe('delivered');
    const flipped = trace(ruledState([acl(false)]), 'vpc/a1', '10.0.2.10', tcp(443));
    expectFirewallDrop(flipped, { object: 'vpc/b-acl', rule: '100', kind: 'networkAcl' });
  }, 300_000);

  it('invariant 46 — same-subnet NACL bypass (AWS-R41, AWS-R9): deny-all NACLs change no verdict inside a subnet', () => {
    fc.assert(
      fc.property(ruled(FILTERED_MIXES.aws), (doc) => {
        const ps: Probe[] = [];
        for (const n of networks(doc, 'aws'))
          for (const h of n['hosts'] as Obj[])
            ps.push(
              {
                from: `${n['name'] as string}/${h['subnet'] as string}`,
                to: h['ip'] as string,
                options: tcp(443),
              },
              { from: `${n['name'] as string}/${h['subnet'] as string}`, to: h['ip'] as string, options: {} },
            );
        const before = traces(doc, ps);
        for (const t of before) expect((t.filters ?? []).filter((c) => c.kind === 'networkAcl')).toEqual([]);
        const b = structuredClone(doc);
        for (const n of networks(b, 'aws')) {
          const acls: Obj[] = ((n['networkAcls'] as Obj[] | undefined) ?? []).map((a) => ({
            ...a,
            inbound: [],
            outbound: [],
          }));
          if (!acls.some((a) => a['default'] === true))
            acls.push({ name: 'zz-deny', default: true, inbound: [], outbound: [] });
          n['networkAcls'] = acls;
        }
        expect(traces(b, ps).map(verdict)).toEqual(before.map(verdict));
      }),
      params(460),
    );
  }, 300_000);

  it('invariant 47 — NACL crossings (AWS-R41, AWS-R42): between two subnets of one VPC, no appliance: four NACL checks', () => {
    fc.assert(
      fc.property(ruled(FILTERED_MIXES.aws), (doc) => {
        const ps: Probe[] = [];
        for (const n of networks(doc, 'aws')) {
          const name = n['name'] as string;
          for (const h of n['hosts'] as Obj[])
            for (const s of n['subnets'] as Obj[])
              if (s['name'] !== h['subnet'])
                ps.push({ from: `${name}/${s['name'] as string}`, to: h['ip'] as string, options: {} });
        }
        for (const t of traces(doc, ps)) {
          if (!delivered(t) || t.hops.length !== 1 || t.hops[0]!.route?.nextHopType !== 'local') continue;
          const acl = (t.filters ?? []).filter((c) => c.kind === 'networkAcl');
          expect(acl.map((c) => `${c.phase} ${c.direction}`)).toEqual([
            'request outbound',
            'request inbound',
            'reply outbound',
            'reply inbound',
          ]);
        }
      }),
      params(470),
    );
  }, 300_000);

  it('invariant 48 — ephemeral containment (AWS-R42): a reply passes a NACL entry only if it holds the whole source-port range; widening allow ranges to 1024–65535 drops no reply', () => {
    fc.assert(
      fc.property(ruled(FILTERED_MIXES.aws), (doc) => {
        const ps = probes(doc);
        const before = traces(doc, ps);
        const sc = loadOrThrow(JSON.stringify(doc), 'g.json');
        before.forEach((t, i) => {
          if (t.hops.some((h) => h.node.endsWith('/nat1'))) return; // beyond a NAT gateway the ports are 1024–65535
          const sp = ps[i]!.options.sourcePorts ?? sc.profile.flows.sourcePorts;
          for (const c of t.filters ?? []) {
            if (c.phase !== 'reply' || c.kind !== 'networkAcl' || c.action !== 'allow' || c.rule === '*')
              continue;
            const [netName, aclName] = c.object.split('/');
            const n = sc.topology.networks.find((x) => x.name === netName);
            const a = n?.networkAcls?.find((x) => x.name === aclName);
            const e = a?.[c.direction as 'inbound' | 'outbound'].find((x) => String(x.ruleNumber) === c.rule);
            if (e?.port && (e.protocol === 'tcp' || e.protocol === 'udp'))
              expect(e.port.lo <= sp.lo && e.port.hi >= sp.hi, `${c.object}#${c.rule}`).toBe(true);
          }
        });
        const b = structuredClone(doc);
        for (const n of networks(b, 'aws'))
          for (const a of (n['networkAcls'] as Obj[] | undefined) ?? [])
            for (const dir of ['inbound', 'outbound'])
              for (const e of (a[dir] as Obj[] | undefined) ?? []) {
                const port =
                  typeof e['port'] === 'string'
                    ? Number(String(e['port']).split('-')[0])
                    : (e['port'] as number | undefined);
                if (e['action'] === 'allow' && port !== undefined && port >= 1024) e['port'] = '1024-65535';
              }
        traces(b, ps).forEach((t, i) => {
          if (delivered(before[i]!))
            expect({ ...ps[i], v: verdict(t) }).toEqual({ ...ps[i], v: 'delivered' });
        });
      }),
      params(480),
    );
  }, 300_000);

  it('invariant 49 — Azure NSG conjunction (AZ-R25..R28): dropped by the firewall exactly when an NSG on the way denies; no NSG, no check', () => {
    fc.assert(
      fc.property(ruled(FILTERED_MIXES.azure), (doc) => {
        const ps = probes(doc);
        for (const t of traces(doc, ps)) {
          const denies = (t.filters ?? []).filter((c) => c.action === 'deny');
          expect(t.reason === 'firewall').toBe(denies.length > 0);
          if (denies.length > 0) expect(t.filters!.at(-1)).toEqual({ ...t.filter, action: 'deny' });
        }
        const b = structuredClone(doc);
        for (const n of networks(b, 'azure')) {
          for (const s of n['subnets'] as Obj[]) {
            delete s['networkSecurityGroup'];
            delete s['defaultHost'];
          }
          for (const h of n['hosts'] as Obj[]) delete h['networkSecurityGroup'];
        }
        for (const t of traces(b, ps)) {
          expect(t.filters ?? []).toEqual([]);
          expect(t.reason).not.toBe('firewall');
        }
      }),
      params(490),
    );
  }, 300_000);

  it('invariant 50 — Azure NSG defaults (AZ-R27): with no custom rule, traffic inside a VNet and out to Internet passes', () => {
    fc.assert(
      fc.property(ruled(FILTERED_MIXES.azure), (doc) => {
        const b = structuredClone(doc);
        const ps: Probe[] = [];
        for (const n of networks(b, 'azure')) {
          for (const g of (n['networkSecurityGroups'] as Obj[] | undefined) ?? []) g['securityRules'] = [];
          const name = n['name'] as string;
          for (const h of n['hosts'] as Obj[]) {
            for (const o of n['hosts'] as Obj[])
              if (o !== h)
                ps.push({ from: `${name}/${h['name'] as string}`, to: o['ip'] as string, options: tcp(22) });
            ps.push({ from: `${name}/${h['name'] as string}`, to: '8.8.8.8', options: tcp(443) });
          }
        }
        for (const t of traces(b, ps)) {
          // A forwarding NIC sees an Internet destination inbound: outside the invariant (AZ-R28, AZ-R30).
          if (t.hops.some((h) => h.route?.nextHopType === 'VirtualAppliance')) continue;
          expect(t.reason).not.toBe('firewall');
          for (const c of t.filters ?? [])
            expect(['AllowVnetInBound', 'AllowVnetOutBound', 'AllowInternetOutBound']).toContain(c.rule);
        }
      }),
      params(500),
    );
  }, 300_000);

  it('invariant 51 — Internet contains the services (AZ-R30, AZ-R31): deny Internet drops the tags; an allow of one tag above it delivers exactly its addresses', () => {
    const rule = (name: string, priority: number, access: 'Allow' | 'Deny', destination: string) => ({
      name,
      priority,
      direction: 'Outbound' as const,
      access,
      protocol: '*' as const,
      source: ['*'],
      destination: [destination],
      sourcePorts: [{ lo: 0, hi: 65535 }],
      destinationPorts: [{ lo: 0, hi: 65535 }],
    });
    const vnet = (rules: ReturnType<typeof rule>[]): Network =>
      net({
        name: 'vnet',
        provider: 'azure',
        cidrs: ['10.1.0.0/16'],
        subnets: [{ name: 'web', cidr: '10.1.1.0/24', networkSecurityGroup: 'out' }],
        hosts: [{ name: 'web1', subnet: 'web', ip: '10.1.1.10', publicIp: true }],
        networkSecurityGroups: [{ name: 'out', securityRules: rules }],
      });
    const serviceTags = { Storage: ['20.60.0.0/16'], Sql: ['20.40.0.0/16'] };
    const denied = ruledState([vnet([rule('no-internet', 200, 'Deny', 'Internet')])], { serviceTags });
    const allowed = ruledState(
      [vnet([rule('no-internet', 200, 'Deny', 'Internet'), rule('storage', 150, 'Allow', 'Storage')])],
      { serviceTags },
    );
    fc.assert(
      fc.property(
        fc.constantFrom('20.60', '20.40', '8.8', '52.1'),
        fc.nat(255),
        fc.nat(255),
        (head, c, d) => {
          const to = `${head}.${c}.${d}`;
          expect(trace(denied, 'vnet/web1', to, tcp(443)).filter).toMatchObject({ rule: 'no-internet' });
          const inStorage = head === '20.60';
          expect(trace(allowed, 'vnet/web1', to, tcp(443)).verdict === 'delivered').toBe(inStorage);
        },
      ),
      params(510),
    );
  });

  it('invariant 52 — GCP firewall priority (GCP-R26, GCP-R27): declaration order changes no verdict and no deciding rule', () => {
    assertEditKeeps(
      ruled(FILTERED_MIXES.gcp),
      520,
      (b) => {
        for (const n of networks(b, 'gcp'))
          if (Array.isArray(n['firewallRules']))
            n['firewallRules'] = [...(n['firewallRules'] as Obj[])].reverse();
      },
      verdictAndChecks,
    );
  }, 300_000);

  it('invariant 53 — GCP target scoping (GCP-R26, GCP-R29): rules targeting a tag or account no VM has change nothing', () => {
    const nobody = [
      {
        name: 'zz-tag',
        priority: 0,
        deny: [{ protocol: 'all' }],
        sourceRanges: ['0.0.0.0/0'],
        targetTags: ['nobody'],
      },
      {
        name: 'zz-sa',
        direction: 'EGRESS',
        priority: 0,
        deny: [{ protocol: 'all' }],
        destinationRanges: ['0.0.0.0/0'],
        targetServiceAccounts: ['nobody-sa'],
      },
    ];
    assertEditKeeps(
      ruled(FILTERED_MIXES.gcp),
      530,
      (b) => {
        for (const n of networks(b, 'gcp'))
          n['firewallRules'] = [...((n['firewallRules'] as Obj[] | undefined) ?? []), ...nobody];
      },
      verdictAndChecks,
    );
  }, 300_000);

  it('invariant 54 — unfiltered ports (OS-R9, OS-R10, OS-R22): a port with port security off contributes no group check', () => {
    fc.assert(
      fc.property(ruled(FILTERED_MIXES.openstack), (doc) => {
        const off = new Set<string>();
        for (const n of networks(doc, 'openstack')) {
          const name = n['name'] as string;
          const netOn = n['portSecurity'] !== false;
          for (const h of n['hosts'] as Obj[]) {
            const ports = (h['ports'] as Obj[] | undefined) ?? [h];
            ports.forEach((p, i) => {
              const on =
                (p['portSecurity'] as boolean | undefined) ??
                (h['portSecurity'] as boolean | undefined) ??
                netOn;
              if (!on) off.add(`${name}/${h['name'] as string}:${i}`);
            });
          }
        }
        const ps = probes(doc);
        for (const n of networks(doc, 'openstack'))
          for (const h of n['hosts'] as Obj[])
            if (typeof h['ip'] === 'string')
              ps.push({ from: `${n['name'] as string}/app-sub`, to: h['ip'], options: tcp(80) });
        for (const t of traces(doc, ps))
          for (const c of t.filters ?? []) expect(off.has(c.at), c.at).toBe(false);
      }),
      params(540),
    );
  }, 300_000);

  it('invariant 55 — filters off change nothing: under `firewall: none` the run is byte-identical without any filter object, association or flow protocol field', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArbitrary(FILTERED_MIXES.all), async (doc) => {
        const a = structuredClone(doc);
        a.firewall = 'none';
        for (const n of a.networks) delete n['firewall'];
        // Filter actions would refer to removed objects: both sides go without them.
        const filterAction = (t: Obj): boolean =>
          String(t['do']).startsWith('filter') ||
          (['host.update', 'subnet.update'].includes(t['do'] as string) &&
            ['securityGroups', 'networkSecurityGroup', 'networkAcl', 'defaultHost', 'serviceAccount'].some(
              (k) => k in ((t['set'] as Obj | undefined) ?? {}),
            ));
        a.timeline = a.timeline.filter((t) => !filterAction(t));
        const b = structuredClone(a);
        delete b.serviceTags;
        for (const n of b.networks) {
          for (const k of [
            'prefixLists',
            'securityGroups',
            'networkAcls',
            'networkSecurityGroups',
            'firewallRules',
          ])
            delete n[k];
          for (const s of (n['subnets'] as Obj[] | undefined) ?? [])
            for (const k of ['networkAcl', 'networkSecurityGroup', 'defaultHost']) delete s[k];
          for (const h of (n['hosts'] as Obj[] | undefined) ?? []) {
            for (const k of ['networkSecurityGroup', 'serviceAccount']) delete h[k];
            delete h['securityGroups'];
            for (const port of (h['ports'] as Obj[] | undefined) ?? []) delete port['securityGroups'];
          }
        }
        for (const f of b.flows) for (const k of ['protocol', 'port', 'sourcePorts']) delete f[k];
        const run = async (d: ScenarioDoc): Promise<string> => {
          const r = await runJob(simScenarioOf(loadOrThrow(JSON.stringify(d), 'g.json')), { workers: 1 });
          return JSON.stringify(r);
        };
        expect(await run(b)).toBe(await run(a));
      }),
      { seed: 550, numRuns: DEEP ? 20 : 2, endOnFailure: true },
    );
  }, 300_000);

  it('invariant 56 — protocol containment (FILTERS.md "Flows"): under allow-only filters a protocol and port never drop a delivered flow of any protocol', () => {
    fc.assert(
      fc.property(
        fc.oneof(ruled(FILTERED_MIXES.aws), ruled(FILTERED_MIXES.openstack)),
        fc.constantFrom<TraceOptions>(
          tcp(443),
          tcp(5432),
          { protocol: 'udp', port: 53 },
          { protocol: 'icmp' },
        ),
        (doc, options) => {
          const b = structuredClone(doc);
          for (const n of b.networks) {
            delete n['networkAcls']; // NACLs deny: only groups stay
            for (const s of (n['subnets'] as Obj[] | undefined) ?? []) delete s['networkAcl'];
          }
          const any = probes(b).map((p) => ({ ...p, options: {} }));
          const given = any.map((p) => ({ ...p, options }));
          const before = traces(b, any);
          traces(b, given).forEach((t, i) => {
            if (delivered(before[i]!))
              expect({ ...given[i], v: verdict(t) }).toEqual({ ...given[i], v: 'delivered' });
          });
          // A flow of any protocol is let through only by all-protocol, all-port rules.
          for (const t of before)
            for (const c of t.filters ?? [])
              if (
                c.action === 'allow' &&
                c.kind === 'securityGroup' &&
                /^(inbound|outbound)\[/.test(c.rule) === false
              ) {
                const [netName, gName] = c.object.split('/');
                const n = b.networks.find((x) => x['name'] === netName);
                const g = ((n?.['securityGroups'] as Obj[] | undefined) ?? []).find(
                  (x) => x['name'] === gName,
                );
                const r = [...((g?.['inbound'] as Obj[]) ?? []), ...((g?.['outbound'] as Obj[]) ?? [])].find(
                  (x) => x['name'] === c.rule,
                );
                if (r) expect(r['protocol'], `${c.object}#${c.rule}`).toBe('all');
              }
        },
      ),
      params(560),
    );
  }, 300_000);
});
