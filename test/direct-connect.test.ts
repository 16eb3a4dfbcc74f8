/**
 * AWS Direct Connect (AWS-R46) end to end: a site's private VIF to a Direct Connect gateway
 * associated with a VGW, and its transit VIF associated with a transit gateway. Traces both ways
 * (site → cloud and cloud → site), `run` expectations, and the reference simulator's verdicts,
 * hops and counts equal to the product's.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { advertisedTo } from '@cloudroute/model';
import { simulateSlice, stateAt, trace } from '@cloudroute/sim';
import { referenceCounts, referenceTrace } from '../packages/sim/test/reference/index.js';
import { loadOrThrow, simInputOf } from './scenario-input.js';
import { cli } from './helpers.js';

const FILE = 'test/fixtures/direct-connect.yaml';
const source = readFileSync(FILE, 'utf8');

interface Case {
  readonly from: string;
  readonly to: string;
  /** `node route-prefix nextHopType` per hop. */
  readonly hops: readonly string[];
  readonly why: string;
}

const CASES: readonly Case[] = [
  {
    from: 'dc',
    to: '10.10.1.10',
    hops: [
      'site:dc 10.10.1.0/24 connection',
      'connection:dc-dx-private - -',
      'vpc-a/vgw1 10.10.0.0/16 local',
    ],
    why: "site → VPC over the private VIF: the association's allowed prefix 10.10.1.0/24 is longer than the VGW's own 10.10.0.0/16 the VPN backup carries",
  },
  {
    from: 'vpc-a/app1',
    to: '192.168.1.1',
    hops: [
      'vpc-a/app 192.168.0.0/16 vgw',
      'vpc-a/vgw1 192.168.0.0/16 connection',
      'connection:dc-dx-private - -',
      'site:dc 192.168.0.0/16 site',
    ],
    why: "VPC → site: the VGW propagates dc's prefix (AWS-R27) and prefers Direct Connect over the VPN backup (AWS-R25), which the tie by name would pick",
  },
  {
    from: 'dc',
    to: '10.20.1.10',
    hops: [
      'site:dc 10.20.0.0/16 connection',
      'connection:dc-dx-transit - -',
      'vpc-b/tgw1#main 10.20.0.0/16 vpc',
    ],
    why: "site → VPC over the transit VIF: the DX gateway attachment's table (AWS-R29)",
  },
  {
    from: 'vpc-b/app1',
    to: '192.168.1.1',
    hops: [
      'vpc-b/app 192.168.0.0/16 tgw',
      'vpc-b/tgw1#main 192.168.0.0/16 directConnect',
      'connection:dc-dx-transit - -',
      'site:dc 192.168.0.0/16 site',
    ],
    why: 'VPC → site: the DX gateway attachment propagates what dc advertises into the TGW table',
  },
];

describe('Direct Connect end to end (AWS-R46)', () => {
  it('traces over Direct Connect in both directions', async () => {
    for (const c of CASES) {
      const r = await cli(['trace', FILE, '--from', c.from, '--to', c.to, '--json']);
      expect(r.code).toBe(0);
      const t = JSON.parse(r.stdout) as {
        verdict: string;
        hops: { node: string; route: { prefix: string; nextHopType: string } | null }[];
      };
      expect({
        ...c,
        verdict: t.verdict,
        hops: t.hops.map((h) => `${h.node} ${h.route?.prefix ?? '-'} ${h.route?.nextHopType ?? '-'}`),
      }).toEqual({
        ...c,
        verdict: 'delivered',
      });
    }
  });

  it('the connection hop names the Direct Connect gateway crossed', async () => {
    const r = await cli(['trace', FILE, '--from', 'vpc-b/app1', '--to', '192.168.1.1', '--json']);
    const t = JSON.parse(r.stdout) as { hops: { node: string; notes?: string[] }[] };
    expect(t.hops.find((h) => h.node === 'connection:dc-dx-transit')?.notes).toEqual([
      'through connection dc-dx-transit',
      'Direct Connect virtual interface through Direct Connect gateway dxgw1 (AWS-R46)',
    ]);
  });

  it("the site hears the associations' allowed prefixes, with the Direct Connect gateway's ASN first", () => {
    const state = stateAt(simInputOf(loadOrThrow(source, FILE)), 0);
    expect(advertisedTo(state, 'vpc-a/vgw1', 'dc-dx-private')).toEqual([
      { prefix: '10.10.1.0/24', asPath: [64600] },
    ]);
    expect(advertisedTo(state, 'vpc-b/tgw1', 'dc-dx-transit')).toEqual([
      { prefix: '10.20.0.0/16', asPath: [64600] },
    ]);
    // The VPN backup to the same VGW still hears the VGW itself (AWS-R25).
    expect(advertisedTo(state, 'vpc-a/vgw1', 'backup-vpn')).toEqual([
      { prefix: '10.10.0.0/16', asPath: [64512] },
    ]);
  });

  it('run: every expectation holds', async () => {
    const r = await cli(['run', FILE]);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/FAIL/);
  });

  it('the reference simulator gives the same verdicts, hops and counts', () => {
    const sc = loadOrThrow(source, FILE);
    const input = simInputOf(sc);
    const state = stateAt(input, 0);
    for (const c of CASES) {
      const p = trace(state, c.from, c.to);
      const ref = referenceTrace(state, c.from, c.to);
      const view = (hops: readonly { node: string; route: { prefix: string } | null }[]): string[] =>
        hops.map((h) => `${h.node} ${h.route?.prefix ?? '-'}`);
      expect({ ...c, verdict: p.reason ?? p.verdict, hops: view(p.hops) }).toEqual({
        ...c,
        verdict: ref.reason ?? ref.verdict,
        hops: view(ref.hops),
      });
      expect(ref.verdict).toBe('delivered');
    }
    const slice = input.flows.map((f) => [0, f.count] as const);
    const ref = referenceCounts(input, slice);
    const got = simulateSlice(input, slice);
    expect(got.times).toEqual(ref.times);
    expect(got.counts).toEqual(ref.counts);
  });
});
