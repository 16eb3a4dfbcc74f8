/**
 * `import aws` of transit gateway peering (AWS-R29, AWS-R30): two regions' exports, each listing
 * its side of one peering attachment under the same id, static routes to it on both sides, the
 * peer side associated with a table of its own (with a blackhole), and a peering to a transit
 * gateway that is not in the input.
 */
import { describe, expect, it } from 'vitest';
import { formatWarning, importAws } from '@cloudroute/import';
import { trace } from '@cloudroute/sim';
import { fixtureFiles, scenarioOf, stateOf } from './helpers.js';

const result = importAws(fixtureFiles('aws-tgw-peering'));
const sc = scenarioOf(result.text);
const warnings = result.warnings.map(formatWarning);
const tgw = (net: string) =>
  sc.topology.networks.find((n) => n.name === net)!.gateways.find((g) => g.kind === 'tgw')!;

describe('import aws: transit gateway peering (AWS-R29, AWS-R30)', () => {
  it('AWS-R29: each side keeps its own peering attachment, naming the other transit gateway', () => {
    expect(tgw('east').attachments).toEqual([
      { name: 'east-vpc', network: 'east', routeTable: 'east-rt', propagations: ['east-rt'] },
      { name: 'east-west', peer: 'west/west-tgw', routeTable: 'east-rt' },
    ]);
    expect(tgw('west').attachments).toEqual([
      { name: 'west-vpc', network: 'west', routeTable: 'west-rt', propagations: ['west-rt', 'from-east'] },
      { name: 'east-west', peer: 'east/east-tgw', routeTable: 'from-east' },
    ]);
  });

  it('AWS-R30: static routes to the peering attachment are imported on both sides', () => {
    expect(tgw('east').routeTables?.[0]?.routes).toEqual([
      { prefix: '10.2.0.0/16', attachment: 'east-west' },
    ]);
    expect(tgw('west').routeTables?.find((t) => t.name === 'west-rt')?.routes).toEqual([
      { prefix: '10.1.0.0/16', attachment: 'east-west' },
    ]);
  });

  it('a peering to a transit gateway not in the input is skipped with its routes, with a warning', () => {
    expect(warnings.filter((w) => w.includes('tgw-attach-0far'))).toEqual([
      expect.stringContaining('the peer transit gateway tgw-0elsewhere is not in the input — skipped'),
    ]);
    expect(result.text).not.toContain('10.9.0.0/16');
    expect(warnings.filter((w) => w.includes('tgw-attach-0peer'))).toEqual([]);
  });

  describe('traces after import', () => {
    const state = stateOf(sc, 0);
    const path = (from: string, to: string) => {
      const t = trace(state, from, to);
      return {
        verdict: t.verdict,
        ...(t.reason !== undefined ? { reason: t.reason } : {}),
        hops: t.hops.map((h) => `${h.node} ${h.route?.nextHopType ?? '-'}`),
      };
    };
    it('AWS-R29: east → west crosses the peering and continues in the table of the peer side', () => {
      expect(path('east/east-app', '10.2.1.10')).toEqual({
        verdict: 'delivered',
        hops: ['east/east-app tgw', 'east/east-tgw#east-rt peering', 'west/west-tgw#from-east vpc'],
      });
    });
    it('AWS-R30: a blackhole of the peer side table drops what crossed the peering', () => {
      expect(path('east/east-app', '10.2.9.5')).toMatchObject({ verdict: 'dropped', reason: 'blackhole' });
    });
    it('AWS-R29: west → east uses the west VPC attachment table, then the east side of the peering', () => {
      expect(path('west/west-app', '10.1.1.10')).toEqual({
        verdict: 'delivered',
        hops: ['west/west-app tgw', 'west/west-tgw#west-rt peering', 'east/east-tgw#east-rt vpc'],
      });
    });
  });
});
