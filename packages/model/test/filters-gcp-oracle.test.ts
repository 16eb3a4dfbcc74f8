/**
 * Invariants 52 and 53 (GCP-R26, GCP-R27, GCP-R29) as fast-check properties with pinned seeds:
 * the compiled program's decision equals a naive oracle written from PROVIDERS.md §3.9 — among
 * the enabled rules of the direction that apply to the VM and match the packet, the lowest
 * priority value decides, a deny wins a tie, else the implied rule — and it does not depend on the
 * order the rules are declared in.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ANY_PROTOCOL, PROTO_ICMP, PROTO_TCP, PROTO_UDP, compileFilters } from '@cloudroute/model';
import type {
  FilterProgram,
  FirewallProtocolPorts,
  FirewallRule,
  Host,
  Network,
  Subnet,
} from '@cloudroute/model';
import { network, stateOf, topology } from './fixtures.js';
import { contains, ip4 } from './oracle.js';
import { decide, flowOf } from './decide.js';
import type { Flow } from './decide.js';

const TAGS = ['a', 'b', 'c'];
const ACCOUNTS = ['default', 'sa1', 'sa2'];
const RANGES = ['0.0.0.0/0', '10.0.0.0/8', '10.1.0.0/24', '10.2.0.0/24', '192.0.2.0/24', '10.1.0.7/32'];
const SUBNETS: Subnet[] = [
  { name: 's1', cidr: '10.1.0.0/24', region: 'r' },
  { name: 's2', cidr: '10.2.0.0/24', region: 'r', defaultHost: { tags: ['b'], serviceAccount: 'sa2' } },
];
const VM_IPS = ['10.1.0.5', '10.1.0.6', '10.1.0.7', '10.2.0.5'];
/** Sources and destinations: the VMs, implicit instances of both subnets, an external address. */
const ADDRESSES = [...VM_IPS, '10.1.0.99', '10.2.0.99', '192.0.2.1', '203.0.113.5'];

const subset = <T>(xs: readonly T[]) => fc.subarray([...xs]);

const item: fc.Arbitrary<FirewallProtocolPorts> = fc.oneof(
  fc.constant<FirewallProtocolPorts>({ protocol: 'all' }),
  fc.constant<FirewallProtocolPorts>({ protocol: 'icmp' }),
  fc
    .record({
      protocol: fc.constantFrom<'tcp' | 'udp'>('tcp', 'udp'),
      ports: fc.option(
        fc.array(
          fc
            .tuple(fc.integer({ min: 20, max: 30 }), fc.integer({ min: 0, max: 5 }))
            .map(([lo, w]) => ({ lo, hi: lo + w })),
          { minLength: 1, maxLength: 2 },
        ),
        { nil: undefined },
      ),
    })
    .map((r) => (r.ports ? { protocol: r.protocol, ports: r.ports } : { protocol: r.protocol })),
);

const ruleArb = (name: string): fc.Arbitrary<FirewallRule> =>
  fc
    .record({
      direction: fc.constantFrom<'INGRESS' | 'EGRESS'>('INGRESS', 'EGRESS'),
      priority: fc.constantFrom(100, 1000, 1000, 65534),
      deny: fc.boolean(),
      items: fc.array(item, { minLength: 1, maxLength: 2 }),
      sourceRanges: subset(RANGES.slice(0, 5)),
      sourceTags: subset(TAGS),
      sourceServiceAccounts: subset(ACCOUNTS),
      destinationRanges: subset(RANGES),
      targetTags: subset(TAGS),
      targetServiceAccounts: subset(ACCOUNTS),
      disabled: fc.boolean(),
    })
    .map((r) => {
      const out: FirewallRule = {
        name,
        direction: r.direction,
        priority: r.priority,
        ...(r.deny ? { deny: r.items } : { allow: r.items }),
        ...(r.sourceRanges.length ? { sourceRanges: r.sourceRanges } : {}),
        ...(r.sourceTags.length ? { sourceTags: r.sourceTags } : {}),
        ...(r.sourceServiceAccounts.length ? { sourceServiceAccounts: r.sourceServiceAccounts } : {}),
        ...(r.destinationRanges.length ? { destinationRanges: r.destinationRanges } : {}),
        ...(r.targetTags.length ? { targetTags: r.targetTags } : {}),
        ...(r.targetServiceAccounts.length ? { targetServiceAccounts: r.targetServiceAccounts } : {}),
        ...(r.disabled ? { disabled: true } : {}),
      };
      return out;
    });

const rulesArb = fc
  .integer({ min: 0, max: 8 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => ruleArb(`r${i}`))));

const hostsArb: fc.Arbitrary<Host[]> = fc.tuple(
  ...VM_IPS.map((ip, i) =>
    fc
      .record({ tags: subset(TAGS), sa: fc.option(fc.constantFrom(...ACCOUNTS), { nil: undefined }) })
      .map(({ tags, sa }): Host => ({
        name: `vm${i}`,
        subnet: ip.startsWith('10.1.') ? 's1' : 's2',
        ip,
        tags,
        ...(sa !== undefined ? { serviceAccount: sa } : {}),
      })),
  ),
);

/** A packet of the pool: its protocol, addresses and port ranges. */
type Pkt = Required<Flow>;

/** A packet with one destination port (none for a packet of any protocol). */
const pkt = (protocol: number, src: string, dst: string, port: number): Pkt =>
  flowOf({ protocol, src, dst, ...(protocol === ANY_PROTOCOL ? {} : { port }) });

const pktArb: fc.Arbitrary<Pkt> = fc
  .record({
    protocol: fc.constantFrom(PROTO_TCP, PROTO_UDP, PROTO_ICMP, ANY_PROTOCOL),
    src: fc.constantFrom(...ADDRESSES),
    dst: fc.constantFrom(...ADDRESSES),
    port: fc.integer({ min: 18, max: 37 }),
  })
  .map(({ protocol, src, dst, port }) => pkt(protocol, src, dst, port));

const ALL_PACKETS: readonly Pkt[] = ADDRESSES.flatMap((src) =>
  ADDRESSES.flatMap((dst) =>
    [PROTO_TCP, PROTO_UDP, PROTO_ICMP, ANY_PROTOCOL].flatMap((protocol) =>
      [22, 29].map((port) => pkt(protocol, src, dst, port)),
    ),
  ),
);

// ---------------------------------------------------------------------------------------------
// The oracle: PROVIDERS.md §3.9 read literally, no shared code with the compiler.
// ---------------------------------------------------------------------------------------------

interface Identity {
  readonly tags: readonly string[];
  readonly sa: string;
}

/** Who owns an address: a VM of the network, else the implicit instances of its subnet, else nobody. */
function identityOf(hosts: readonly Host[], addr: string): Identity | undefined {
  const h = hosts.find((x) => x.ip === addr);
  if (h) return { tags: h.tags ?? [], sa: h.serviceAccount ?? 'default' };
  const s = SUBNETS.find((x) => contains(x.cidr, ip4(addr)));
  return s ? { tags: s.defaultHost?.tags ?? [], sa: s.defaultHost?.serviceAccount ?? 'default' } : undefined;
}

function itemMatches(i: FirewallProtocolPorts, p: Pkt): boolean {
  if (i.protocol === 'all') return true;
  if (p.proto === ANY_PROTOCOL) return false; // a flow without protocol: only all-protocol rules
  const num =
    i.protocol === 'tcp'
      ? PROTO_TCP
      : i.protocol === 'udp'
        ? PROTO_UDP
        : i.protocol === 'icmp'
          ? PROTO_ICMP
          : i.protocol;
  if (num !== p.proto) return false;
  if (num === PROTO_ICMP || !i.ports) return true;
  return i.ports.some((r) => p.dp[0] >= r.lo && p.dp[1] <= r.hi);
}

function oracle(
  rules: readonly FirewallRule[],
  hosts: readonly Host[],
  target: Identity,
  dir: 'INGRESS' | 'EGRESS',
  p: Pkt,
) {
  const srcId = identityOf(hosts, p.src);
  const candidates = rules.filter((r) => {
    if (r.disabled || r.direction !== dir) return false;
    const tt = r.targetTags ?? [];
    const ts = r.targetServiceAccounts ?? [];
    if ((tt.length || ts.length) && !tt.some((t) => target.tags.includes(t)) && !ts.includes(target.sa))
      return false;
    if (!(r.allow ?? r.deny ?? []).some((i) => itemMatches(i, p))) return false;
    const sr = r.sourceRanges ?? [];
    const st = r.sourceTags ?? [];
    const ss = r.sourceServiceAccounts ?? [];
    if (sr.length || st.length || ss.length) {
      const byRange = sr.some((c) => contains(c, ip4(p.src)));
      const byId = srcId !== undefined && (st.some((t) => srcId.tags.includes(t)) || ss.includes(srcId.sa));
      if (!byRange && !byId) return false;
    }
    const dr = r.destinationRanges ?? [];
    return dr.length === 0 || dr.some((c) => contains(c, ip4(p.dst)));
  });
  if (candidates.length === 0)
    return {
      allow: dir === 'EGRESS',
      rules: [dir === 'EGRESS' ? 'implied-allow-egress' : 'implied-deny-ingress'],
    };
  const best = Math.min(...candidates.map((r) => r.priority));
  const top = candidates.filter((r) => r.priority === best);
  const deny = top.some((r) => r.deny !== undefined);
  return { allow: !deny, rules: top.filter((r) => (r.deny !== undefined) === deny).map((r) => r.name) };
}

const netOf = (rules: readonly FirewallRule[], hosts: Host[]): Network =>
  network({ name: 'corp', provider: 'gcp', subnets: SUBNETS, hosts, firewallRules: rules });

const programOf = (
  net: Network,
  at: { host?: string; subnet?: string },
  dir: 'in' | 'out',
): FilterProgram => {
  const c = compileFilters(stateOf(topology({ firewall: 'rules', networks: [net] })));
  return (at.host !== undefined ? c.host('corp', at.host, 0, dir) : c.defaultHost('corp', at.subnet!, dir))!;
};

describe('GCP priority against an oracle (invariants 52, 53)', () => {
  test("invariant 52 (GCP-R26, GCP-R27, GCP-R29): the compiled decision is the oracle's, for VMs and implicit instances", () => {
    fc.assert(
      fc.property(
        rulesArb,
        hostsArb,
        fc.nat({ max: VM_IPS.length }),
        fc.boolean(),
        pktArb,
        (rules, hosts, who, ingress, p) => {
          const net = netOf(rules, hosts);
          const dir = ingress ? 'in' : 'out';
          const at = who < hosts.length ? { host: hosts[who]!.name } : { subnet: 's2' };
          const target =
            who < hosts.length ? identityOf(hosts, hosts[who]!.ip!)! : identityOf(hosts, '10.2.0.99')!;
          const want = oracle(rules, hosts, target, ingress ? 'INGRESS' : 'EGRESS', p);
          const got = decide(programOf(net, at, dir), p);
          expect(got.allow).toBe(want.allow);
          expect(want.rules).toContain(got.rule);
        },
      ),
      { seed: 5252, numRuns: 400 },
    );
  });

  test('invariant 52: the verdict and the rule named do not depend on declaration order', () => {
    fc.assert(
      fc.property(
        rulesArb.chain((rules) =>
          fc.tuple(
            fc.constant(rules),
            fc.shuffledSubarray(rules, { minLength: rules.length, maxLength: rules.length }),
          ),
        ),
        hostsArb,
        fc.nat({ max: VM_IPS.length - 1 }),
        fc.boolean(),
        ([rules, shuffled], hosts, who, ingress) => {
          const dir = ingress ? 'in' : 'out';
          const at = { host: hosts[who]!.name };
          const pa = programOf(netOf(rules, hosts), at, dir);
          const pb = programOf(netOf(shuffled, hosts), at, dir);
          // Every packet of the address pool, each protocol, two ports.
          const differ = ALL_PACKETS.filter((p) => {
            const a = decide(pa, p);
            const b = decide(pb, p);
            return a.allow !== b.allow || a.rule !== b.rule;
          });
          expect(differ).toEqual([]);
        },
      ),
      { seed: 5253, numRuns: 200 },
    );
  });

  test('invariant 53 (GCP-R26, GCP-R29): removing every tag of a VM gives it the verdicts of an untagged VM', () => {
    fc.assert(
      fc.property(
        rulesArb,
        hostsArb,
        fc.nat({ max: VM_IPS.length - 1 }),
        fc.boolean(),
        pktArb,
        (rules, hosts, who, ingress, p) => {
          const dir = ingress ? 'in' : 'out';
          const h = hosts[who]!;
          const stripped = hosts.map((x) => (x === h ? { ...x, tags: [] } : x));
          // An untagged twin with the same account, declared beside the others.
          const twin: Host = { ...h, name: 'twin', tags: [] };
          const a = decide(programOf(netOf(rules, stripped), { host: h.name }, dir), p);
          const b = decide(programOf(netOf(rules, [...stripped, twin]), { host: 'twin' }, dir), p);
          expect(a.allow).toBe(b.allow);
          // A rule targeting only tags never decides for it.
          const tagOnly = new Set(
            rules
              .filter((r) => (r.targetTags ?? []).length > 0 && !(r.targetServiceAccounts ?? []).length)
              .map((r) => r.name),
          );
          expect(tagOnly.has(a.rule)).toBe(false);
        },
      ),
      { seed: 5254, numRuns: 300 },
    );
  });
});
