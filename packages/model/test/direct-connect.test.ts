/**
 * AWS Direct Connect in the model (AWS-R46): what a site hears over a VIF (the association's
 * allowed prefixes, the Direct Connect gateway's ASN), and where Direct Connect routes rank at a
 * VGW (AWS-R25) and in a transit gateway's table (AWS-R31).
 */
import { describe, expect, test } from 'vitest';
import { advertisedTo, forwardingTables } from '@cloudroute/model';
import type { Connection, Topology } from '@cloudroute/model';
import { network, site, stateOf, tgwNetwork, topology } from './fixtures.js';
import { ip4, lookup, tableById } from './oracle.js';

function world(connections: readonly Connection[]): Topology {
  return topology({
    networks: [
      network({
        name: 'a',
        provider: 'aws',
        cidrs: ['10.1.0.0/16'],
        gateways: [{ name: 'vgw', kind: 'vgw', asn: 64512 }],
      }),
      tgwNetwork(
        'b',
        {
          asn: 64513,
          attachments: [
            { name: 'vpc', network: 'b', routeTable: 'rt', propagations: ['rt'] },
            ...connections
              .filter((c) => c.between[0] === 'b/tgw')
              .map((c) => ({
                name: `att-${c.name}`,
                connection: c.name,
                routeTable: 'rt',
                propagations: ['rt'],
              })),
          ],
          routeTables: [{ name: 'rt', routes: [] }],
        },
        { cidrs: ['10.2.0.0/16'] },
      ),
    ],
    sites: [site({ name: 'dc', cidrs: ['192.168.0.0/16'], asn: 65000 })],
    connections,
  });
}

describe('Direct Connect (AWS-R46)', () => {
  test("AWS-R46: the site hears the association's allowed prefixes with the Direct Connect gateway's ASN", () => {
    const s = stateOf(
      world([
        {
          name: 'dx-a',
          between: ['a/vgw', 'dc'],
          bgp: true,
          directConnect: { gateway: 'dxgw', asn: 64600, allowedPrefixes: ['10.1.4.0/22'] },
        },
        {
          name: 'dx-b',
          between: ['b/tgw', 'dc'],
          bgp: true,
          directConnect: { gateway: 'dxgw', asn: 64600, allowedPrefixes: ['10.0.0.0/8'] },
        },
      ]),
    );
    expect(advertisedTo(s, 'a/vgw', 'dx-a')).toEqual([{ prefix: '10.1.4.0/22', asPath: [64600] }]);
    // Not the TGW table's own routes (10.2.0.0/16 from the VPC attachment): the allowed prefix.
    expect(advertisedTo(s, 'b/tgw', 'dx-b')).toEqual([{ prefix: '10.0.0.0/8', asPath: [64600] }]);
  });

  test('AWS-R46: without allowed prefixes a VGW association advertises the VPC CIDRs, a TGW association nothing', () => {
    const s = stateOf(
      world([
        { name: 'dx-a', between: ['a/vgw', 'dc'], bgp: true, directConnect: { gateway: 'dxgw' } },
        { name: 'dx-b', between: ['b/tgw', 'dc'], bgp: true, directConnect: { gateway: 'dxgw' } },
      ]),
    );
    expect(advertisedTo(s, 'a/vgw', 'dx-a')).toEqual([{ prefix: '10.1.0.0/16', asPath: [64512] }]);
    expect(advertisedTo(s, 'b/tgw', 'dx-b')).toEqual([]);
  });

  test('AWS-R25: at equal prefix the VGW prefers the Direct Connect BGP route to a VPN static one', () => {
    // Named so that the last tie-break (connection name) would pick the VPN.
    const s = stateOf(
      world([
        { name: 'a-static-vpn', between: ['a/vgw', 'dc'], bgp: false },
        { name: 'z-dx', between: ['a/vgw', 'dc'], bgp: true, directConnect: { gateway: 'dxgw' } },
      ]),
    );
    const r = lookup(tableById(forwardingTables(s), 'a/vgw'), ip4('192.168.1.1'));
    expect(r).toMatchObject({ prefix: '192.168.0.0/16', name: 'z-dx', selected: true });
  });

  test('AWS-R31: in a TGW table a Direct Connect gateway route beats a VPN-propagated one', () => {
    const s = stateOf(
      world([
        { name: 'a-vpn', between: ['b/tgw', 'dc'], bgp: true },
        { name: 'z-dx', between: ['b/tgw', 'dc'], bgp: true, directConnect: { gateway: 'dxgw' } },
      ]),
    );
    const r = lookup(tableById(forwardingTables(s), 'b/tgw#rt'), ip4('192.168.1.1'));
    expect(r).toMatchObject({ prefix: '192.168.0.0/16', name: 'att-z-dx', nextHopType: 'directConnect' });
  });
});
