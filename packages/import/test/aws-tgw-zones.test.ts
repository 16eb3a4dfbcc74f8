/**
 * The TGW verdict that differed on the real transit gateway snapshots: a VPC attachment has a
 * subnet in one Availability Zone only, and traffic toward the transit gateway from a subnet of
 * another zone must be dropped (AWS-R32), not delivered. The fixture has the same shape as the
 * Batfish `test-transit-gateway` snapshot (subnet A2 in a zone the attachment does not serve).
 */
import { describe, expect, it } from 'vitest';
import { formatWarning, importAws } from '@cloudroute/import';
import { trace } from '@cloudroute/sim';
import { fixtureFiles, scenarioOf, stateOf } from './helpers.js';

const result = importAws(fixtureFiles('aws-tgw-zones'));
const sc = scenarioOf(result.text);
const net = (name: string) => sc.topology.networks.find((n) => n.name === name)!;

describe('import aws: a TGW attachment that serves some zones only (AWS-R32)', () => {
  it('AWS-R32: writes the attachment zones and the zones of its VPC subnets, and no warning for it', () => {
    const tgw = sc.topology.networks.flatMap((n) => n.gateways).find((g) => g.kind === 'tgw')!;
    expect(tgw.attachments?.map((a) => [a.name, a.zones])).toEqual([
      ['att-a', ['us-east-2c']],
      ['att-b', undefined],
    ]);
    expect(net('vpc-a').subnets.map((s) => [s.name, s.zone])).toEqual([
      ['a-attached', 'us-east-2c'],
      ['a-other-zone', 'us-east-2a'],
    ]);
    // Zones are written only where an attachment leaves a zone out.
    expect(net('vpc-b').subnets.map((s) => s.zone)).toEqual([undefined]);
    expect(result.warnings.map(formatWarning).filter((w) => w.includes('tgw-attach'))).toEqual([]);
  });

  describe('traces after import', () => {
    const state = stateOf(sc, 0);
    it('AWS-R32: from the attached zone the flow crosses the TGW', () => {
      expect(trace(state, 'vpc-a/a1-vm', '192.168.1.106').verdict).toBe('delivered');
    });
    it('AWS-R32: from another zone the flow is dropped on its way into the TGW', () => {
      const t = trace(state, 'vpc-a/a2-vm', '192.168.1.106');
      expect(t).toMatchObject({ verdict: 'dropped', reason: 'blackhole' });
      expect(JSON.stringify(t.hops)).toContain('AWS-R32');
    });
    it('AWS-R32 names the direction toward the TGW only: the reverse flow is delivered', () => {
      expect(trace(state, 'vpc-b/b-vm', '10.10.20.154').verdict).toBe('delivered');
    });
  });
});
