/**
 * FILTERS.md "Output" on real AWS snapshots of ../shared/real-configs (read, never copied): traces
 * where a security group or a network ACL decides, after `import aws` (which writes `firewall:
 * rules`). Each expected verdict and deciding check is reasoned from the export's own rules, in the
 * comment beside it. Skipped when the folder is absent.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importAws, importAzure } from '@cloudroute/import';
import { loadScenario } from '@cloudroute/scenario';
import { stateAt, trace, type TraceOptions, type TraceResult } from '@cloudroute/sim';
import { expectFirewallDrop } from './firewall-drop.js';
import { REAL, jsonSources, present } from './real-configs.js';

/** Imports one Batfish AWS snapshot (or Azure config) and returns a tracer at time 0. */
function snapshot(name: string, azure = false): (from: string, to: string, o: TraceOptions) => TraceResult {
  const dir = azure
    ? join(REAL, 'batfish-azure', name, 'azure_configs')
    : join(REAL, 'batfish-aws-e2e', name, 'aws_configs');
  const l = loadScenario((azure ? importAzure : importAws)(jsonSources(dir)).text, 'imported.yaml');
  expect(l.problems).toEqual([]);
  const sc = l.scenario!;
  expect(sc.firewall).toBe('rules');
  const { topology, profile, timeline, horizon, seed } = sc;
  const state = stateAt({ topology, profile, timeline, horizon, seed }, 0);
  return (from, to, o) => trace(state, from, to, o);
}

/** A check as `phase kind direction object rule`. */
const line = (c: NonNullable<TraceResult['filter']>): string =>
  `${c.phase} ${c.kind} ${c.direction} ${c.object} ${c.rule}`;

/** The checks of a trace as `phase kind direction object rule action` lines. */
const checks = (t: TraceResult): string[] => (t.filters ?? []).map((c) => `${line(c)} ${c.action}`);

/** Asserts that a filter dropped `t`, deciding by the check `decided` (as {@link line} writes it) made at `at`. */
function expectDecided(t: TraceResult, decided: string, at: string): void {
  expectFirewallDrop(t, { at });
  expect(line(t.filter!)).toBe(decided);
}

describe.skipIf(!present)('trace with the imported filters of the real AWS snapshots', () => {
  describe('test-nat-gateway (vpc_a)', () => {
    // Export: hosts test1 10.1.1.98 (subnet-06f469bcee42e408e), test20 10.1.20.173
    // (subnet-02ff259e663e9613e) and eni-068fb5a0a9a57f23c 10.1.250.116 (subnet-0428892a357fa1f94),
    // all in sg-0253af84ae6485905 "terraform-20200303012059260200000002": inbound tcp 22 from
    // 0.0.0.0/0 (inbound[0]) and icmp type 8 code 0 from 0.0.0.0/0 (inbound[1]); outbound all.
    // Subnets 06f… and 02ff… use the default NACL acl-0380e24eb934b075e (rule 100 allows all both
    // ways); subnet 0428… uses acl-0792adae678b88f85 (Name "main"): inbound 100 icmp from
    // 10.1.1.0/24 allow, 200 all from 0.0.0.0/0 allow; outbound 100 all allow. Inside the VPC
    // every route is `local`.
    const t = present ? snapshot('test-nat-gateway') : undefined;
    const SG = 'vpc_a/terraform-20200303012059260200000002';

    it('tcp 22 test20 → test1: delivered; the destination SG allows it by inbound[0] (tcp 22 from anywhere)', () => {
      const r = t!('vpc_a/test20', '10.1.1.98', { protocol: 'tcp', port: 22 });
      expect(r.verdict).toBe('delivered');
      expect(checks(r)).toContain(`request securityGroup inbound ${SG} inbound[0] allow`);
      // The default NACL passes it out of one subnet and into the other, and the reply back (stateless).
      expect(checks(r)).toContain('request networkAcl inbound vpc_a/acl-0380e24eb934b075e 100 allow');
      expect(checks(r)).toContain('reply networkAcl outbound vpc_a/acl-0380e24eb934b075e 100 allow');
    });

    it('tcp 80 test20 → test1: dropped by the destination SG (no rule allows tcp 80: implicit deny)', () => {
      const r = t!('vpc_a/test20', '10.1.1.98', { protocol: 'tcp', port: 80 });
      // The NACLs allow everything (rule 100); the SG of test1 has no tcp 80 rule.
      expectDecided(r, 'request securityGroup inbound vpc_a/test1 implicit-deny', 'vpc_a/test1');
    });

    it('icmp echo test20 → test1: delivered by inbound[1] (icmp type 8 code 0)', () => {
      const r = t!('vpc_a/test20', '10.1.1.98', { protocol: 'icmp' });
      expect(r.verdict).toBe('delivered');
      expect(checks(r)).toContain(`request securityGroup inbound ${SG} inbound[1] allow`);
    });

    it('the "main" NACL decides by rule 100 for icmp from 10.1.1.0/24, by rule 200 otherwise', () => {
      // test1 is in 10.1.1.0/24: entry 100 (icmp from 10.1.1.0/24) matches first.
      const icmp = t!('vpc_a/test1', '10.1.250.116', { protocol: 'icmp' });
      expect(icmp.verdict).toBe('delivered');
      expect(checks(icmp)).toContain('request networkAcl inbound vpc_a/main 100 allow');
      // tcp 22 from the same host is not icmp: entry 200 (all from anywhere).
      const ssh = t!('vpc_a/test1', '10.1.250.116', { protocol: 'tcp', port: 22 });
      expect(ssh.verdict).toBe('delivered');
      expect(checks(ssh)).toContain('request networkAcl inbound vpc_a/main 200 allow');
      // icmp from test20 (10.1.20.0/24) is outside entry 100's range: entry 200.
      const other = t!('vpc_a/test20', '10.1.250.116', { protocol: 'icmp' });
      expect(checks(other)).toContain('request networkAcl inbound vpc_a/main 200 allow');
      // The reply leaves the subnet through the NACL's outbound entry 100.
      expect(checks(other)).toContain('reply networkAcl outbound vpc_a/main 100 allow');
    });

    it("to the internet through the NAT gateway: its subnet's NACL in and out, and the reply by rule 200", () => {
      // subnet-06f… routes 0.0.0.0/0 to nat-07ab4846da51f4612 in subnet-0428… ("main" NACL): the
      // request enters by entry 100 (icmp from 10.1.1.0/24) and leaves by outbound 100; the reply
      // comes back from 8.8.8.8, outside 10.1.1.0/24: entry 200.
      const r = t!('vpc_a/test1', '8.8.8.8', { protocol: 'icmp' });
      expect(r.verdict).toBe('delivered');
      expect(checks(r)).toEqual([
        `request securityGroup outbound ${SG} outbound[0] allow`,
        'request networkAcl outbound vpc_a/acl-0380e24eb934b075e 100 allow',
        'request networkAcl inbound vpc_a/main 100 allow',
        'request networkAcl outbound vpc_a/main 100 allow',
        'reply networkAcl inbound vpc_a/main 200 allow',
        'reply networkAcl outbound vpc_a/main 100 allow',
        'reply networkAcl inbound vpc_a/acl-0380e24eb934b075e 100 allow',
      ]);
    });

    it("an address that is no host's stands for an instance in the VPC's default SG (inbound: members only)", () => {
      // sg-0010bf850022667c2 "default": inbound all from members of default (inbound[0]).
      // From the subnet (its implicit instances are in default too): allowed by inbound[0].
      const fromSubnet = t!('vpc_a/subnet-02ff259e663e9613e', '10.1.1.50', { protocol: 'tcp', port: 443 });
      expect(fromSubnet.verdict).toBe('delivered');
      expect(checks(fromSubnet)).toContain('request securityGroup inbound vpc_a/default inbound[0] allow');
      // From test20, a member of terraform-…0002 only: no rule of default matches: implicit deny.
      const fromHost = t!('vpc_a/test20', '10.1.1.50', { protocol: 'tcp', port: 443 });
      // The implicit instance is the subnet's: the check is made there, on it.
      const subnet = 'vpc_a/subnet-06f469bcee42e408e';
      expectDecided(fromHost, `request securityGroup inbound ${subnet} implicit-deny`, subnet);
    });
  });

  describe('test-vpc-peering', () => {
    // Export: vpc-0404e08ceddf7f650 (10.10.0.0/16) peers A-B with vpc-00a31ce9d0c06675c
    // (192.168.1.0/24 routed over it); host eni-0024c0af5aa1387e5 192.168.1.106 is in
    // sg-065c26b39e45ae384 "launch-wizard-1": inbound tcp 22 from 0.0.0.0/0 only. Both VPCs'
    // default NACLs allow all (rule 100). The subnet's implicit instances are in their VPC's
    // default SG, whose outbound allows all.
    const t = present ? snapshot('test-vpc-peering') : undefined;
    const from = 'vpc-0404e08ceddf7f650/subnet-006a19c846f047bd7';

    it('tcp 22 over the peering: delivered by launch-wizard-1 inbound[0]', () => {
      const r = t!(from, '192.168.1.106', { protocol: 'tcp', port: 22 });
      expect(r.verdict).toBe('delivered');
      expect(checks(r)).toContain(
        'request securityGroup inbound vpc-00a31ce9d0c06675c/launch-wizard-1 inbound[0] allow',
      );
    });

    it('tcp 443 over the peering: dropped at the host by its SG (implicit deny)', () => {
      const r = t!(from, '192.168.1.106', { protocol: 'tcp', port: 443 });
      const host = 'vpc-00a31ce9d0c06675c/eni-0024c0af5aa1387e5';
      expectDecided(r, `request securityGroup inbound ${host} implicit-deny`, host);
    });
  });

  describe('batfish-azure networks-cloud-azure (VM-vnet)', () => {
    // Export: VM1 10.0.0.4 in subnet `default` (no subnet NSG), its NIC in VM1-nsg: inbound 300
    // SSH Tcp ports 22, 8080 allow; 310 Udp allow; 320 * deny. VM2 10.0.1.4 in subnet `private`
    // (subnet-nsg), its NIC in VM2-nsg (no custom rule: the defaults, AllowVnetInBound/OutBound).
    // subnet-nsg: inbound 100 AllowCidrBlockSSHInbound Tcp from 10.0.0.0/24 ports 22-23, 80, 8080;
    // 110 DenyCidrBlockCustomAnyInbound * deny; outbound 120 AllowAnyCustom8080Outbound Tcp to
    // 10.0.0.0/24 port 8080; 130 Udp allow; 140 DenyAnyCustomAnyOutbound * deny.
    const t = present ? snapshot('networks-cloud-azure', true) : undefined;

    it('VM1 → VM2 tcp 80: delivered; subnet-nsg allows it inbound by AllowCidrBlockSSHInbound', () => {
      const r = t!('VM-vnet/VM1', '10.0.1.4', { protocol: 'tcp', port: 80 });
      expect(r.verdict).toBe('delivered');
      expect(checks(r)).toContain(
        'request networkSecurityGroup Inbound VM-vnet/subnet-nsg AllowCidrBlockSSHInbound allow',
      );
      expect(checks(r)).toContain(
        'request networkSecurityGroup Inbound VM-vnet/VM2-nsg AllowVnetInBound allow',
      );
    });

    it('VM1 → VM2 tcp 443: dropped by subnet-nsg DenyCidrBlockCustomAnyInbound (110)', () => {
      const r = t!('VM-vnet/VM1', '10.0.1.4', { protocol: 'tcp', port: 443 });
      expectDecided(
        r,
        'request networkSecurityGroup Inbound VM-vnet/subnet-nsg DenyCidrBlockCustomAnyInbound',
        'VM-vnet/private',
      );
    });

    it('VM2 → VM1: tcp 8080 leaves by AllowAnyCustom8080Outbound and enters by VM1-nsg SSH; tcp 22 is dropped leaving', () => {
      const ok = t!('VM-vnet/VM2', '10.0.0.4', { protocol: 'tcp', port: 8080 });
      expect(ok.verdict).toBe('delivered');
      expect(checks(ok)).toContain(
        'request networkSecurityGroup Outbound VM-vnet/subnet-nsg AllowAnyCustom8080Outbound allow',
      );
      expect(checks(ok)).toContain('request networkSecurityGroup Inbound VM-vnet/VM1-nsg SSH allow');
      // tcp 22 outbound: 120 is port 8080 only, 130 is Udp: 140 denies.
      const ssh = t!('VM-vnet/VM2', '10.0.0.4', { protocol: 'tcp', port: 22 });
      expectDecided(
        ssh,
        'request networkSecurityGroup Outbound VM-vnet/subnet-nsg DenyAnyCustomAnyOutbound',
        'VM-vnet/private',
      );
    });
  });
});
