/**
 * AWS transit gateway peering (PROVIDERS.md AWS-R29, AWS-R30): a peering attachment carries only
 * static routes; a static route to it continues in the peer transit gateway, in the table the
 * peer's attachment back is associated with.
 */
import { describe, expect, test } from 'vitest';
import type { Topology } from '@cloudroute/model';
import { tableOf, tgwNetwork, topology } from './fixtures.js';
import { ip4, lookup } from './oracle.js';

/** Two regions: east (10.1/16) and west (10.2/16), each with a TGW; the TGWs peer. */
function peered(westBack = true): Topology {
  return topology({
    networks: [
      tgwNetwork(
        'east',
        {
          attachments: [
            { name: 'vpc', network: 'east', routeTable: 'rt', propagations: ['rt'] },
            // AWS-R29: a peering attachment propagates nothing, even when told to.
            { name: 'to-west', peer: 'west/tgw', routeTable: 'rt', propagations: ['rt'] },
          ],
          routeTables: [{ name: 'rt', routes: [{ prefix: '10.2.0.0/16', attachment: 'to-west' }] }],
        },
        { cidrs: ['10.1.0.0/16'] },
      ),
      tgwNetwork(
        'west',
        {
          attachments: [
            { name: 'vpc', network: 'west', routeTable: 'rt', propagations: ['rt', 'from-east'] },
            ...(westBack ? [{ name: 'to-east', peer: 'east/tgw', routeTable: 'from-east' }] : []),
          ],
          routeTables: [
            { name: 'rt', routes: [{ prefix: '10.1.0.0/16', attachment: 'to-east' }] },
            { name: 'from-east', routes: [] },
          ],
        },
        { cidrs: ['10.2.0.0/16'] },
      ),
    ],
  });
}

describe('AWS transit gateway peering (AWS-R29, AWS-R30)', () => {
  test('AWS-R30: a static route to a peering attachment goes to the peer TGW, naming the attachment back', () => {
    const east = tableOf(peered(), 'east/tgw#rt');
    const r = lookup(east, ip4('10.2.3.4'));
    expect(r).toMatchObject({ source: 'static', state: 'active', nextHopType: 'peering', name: 'to-west' });
    expect(r?.action).toEqual({ kind: 'gateway', gateway: 'west/tgw', attachment: 'to-east' });
  });

  test('AWS-R29: a peering attachment propagates no route', () => {
    const east = tableOf(peered(), 'east/tgw#rt');
    expect(east.routes.filter((r) => r.name === 'to-west').map((r) => r.source)).toEqual(['static']);
  });

  test('AWS-R30: without the peer side of the attachment, the static route is a blackhole', () => {
    const east = tableOf(peered(false), 'east/tgw#rt');
    const r = lookup(east, ip4('10.2.3.4'));
    expect(r?.state).toBe('blackhole');
    expect(r?.action).toEqual({ kind: 'drop', reason: 'blackhole' });
  });
});
