/** Transit gateway peering attachments in the scenario format (AWS-R29): `peer: network/tgw`, both sides. */
import { describe, expect, it } from 'vitest';
import { awsWithGateways, edit, load, messages } from './helpers.js';

function withTgws(one: string, two: string): string {
  return awsWithGateways(
    `      - name: tgw1
        kind: tgw
        attachments:
          - { name: vpc, network: prod, routeTable: rt }
          - ${one}
        routeTables:
          - { name: rt, routes: [ { prefix: 10.99.0.0/16, attachment: peer } ] }
      - name: tgw2
        kind: tgw
        attachments:
          - ${two}
        routeTables:
          - { name: rt, routes: [] }`,
  );
}

describe('transit gateway peering attachments (AWS-R29)', () => {
  it('two transit gateways that peer each other validate, and the attachment keeps its peer', () => {
    const r = load(
      withTgws(
        '{ name: peer, peer: prod/tgw2, routeTable: rt }',
        '{ name: back, peer: prod/tgw1, routeTable: rt }',
      ),
    );
    expect(r.lines).toEqual([]);
    const tgw1 = r.scenario!.topology.networks[0]!.gateways.find((g) => g.name === 'tgw1')!;
    expect(tgw1.attachments?.[1]).toEqual({ name: 'peer', peer: 'prod/tgw2', routeTable: 'rt' });
  });

  it('AWS-R29: a peering needs the attachment back on the peer', () => {
    expect(
      messages(withTgws('{ name: peer, peer: prod/tgw2, routeTable: rt }', '{ name: other, network: prod }')),
    ).toEqual([
      'prod/tgw2 has no peering attachment back to prod/tgw1 — add one with `peer: prod/tgw1` (a peering is accepted on both sides) [AWS-R29]',
    ]);
  });

  it('AWS-R29: a peering attachment propagates nothing', () => {
    expect(
      messages(
        withTgws(
          '{ name: peer, peer: prod/tgw2, routeTable: rt, propagations: [rt] }',
          '{ name: back, peer: prod/tgw1 }',
        ),
      ),
    ).toEqual([
      'a peering attachment propagates no routes (static routes only) — remove `propagations` and add static routes to the attachment [AWS-R29]',
    ]);
  });

  it('the peer is a transit gateway, and an attachment attaches exactly one thing', () => {
    expect(messages(withTgws('{ name: peer, peer: prod/vgw1 }', '{ name: other, network: prod }'))).toEqual([
      'gateway `prod/vgw1` is a vgw — a peering attachment names a tgw gateway',
    ]);
    expect(
      messages(withTgws('{ name: peer, network: prod, peer: prod/tgw2 }', '{ name: back, peer: prod/tgw1 }')),
    ).toEqual([
      'an attachment attaches a `network` (VPC), a `connection` (VPN) or a `peer` transit gateway (peering) — give exactly one',
    ]);
  });
});

describe('transit gateway attachment zones (AWS-R32)', () => {
  it('`zones` belong to a VPC attachment, and an AWS subnet takes a `zone`', () => {
    const text = edit(
      withTgws('{ name: peer, peer: prod/tgw2, zones: [us-east-2a] }', '{ name: back, peer: prod/tgw1 }'),
      '{ name: vpc, network: prod, routeTable: rt }',
      '{ name: vpc, network: prod, routeTable: rt, zones: [us-east-2a] }',
    );
    expect(messages(text)).toEqual([
      '`zones` are the Availability Zones of a VPC attachment — remove them or attach a `network` [AWS-R32]',
    ]);
  });
});
