/** AWS Direct Connect in the scenario format (AWS-R46): a connection with `directConnect:`. */
import { describe, expect, it } from 'vitest';
import { edit, example, load } from './helpers.js';

const aws = example('aws-vpc');

function withDx(connection: string): string {
  return edit(aws, '  - { name: dc-vpn, between: [prod/vgw1, dc], bgp: true }', `  - ${connection}`);
}

const messages = (text: string): string[] => load(text).lines.map((l) => l.replace(/^f\.yaml:\d+:\d+: /, ''));

describe('Direct Connect connections (AWS-R46)', () => {
  it('AWS-R46: a private VIF to a VGW through a Direct Connect gateway validates and keeps its fields', () => {
    const r = load(
      withDx(
        '{ name: dc-vpn, between: [prod/vgw1, dc], bgp: true, directConnect: { gateway: dxgw1, gatewayId: 5f2e0c1a-0000-4000-8000-000000000001, asn: 64600, allowedPrefixes: [172.20.0.0/16], vif: dxvif-0abc } }',
      ),
    );
    expect(r.lines).toEqual([]);
    expect(r.scenario!.topology.connections[0]!.directConnect).toEqual({
      gateway: 'dxgw1',
      gatewayId: '5f2e0c1a-0000-4000-8000-000000000001',
      asn: 64600,
      allowedPrefixes: ['172.20.0.0/16'],
      vif: 'dxvif-0abc',
    });
  });

  it('AWS-R46: Direct Connect carries BGP only', () => {
    expect(
      messages(withDx('{ name: dc-vpn, between: [prod/vgw1, dc], directConnect: { gateway: dxgw1 } }')),
    ).toEqual(['connection dc-vpn is Direct Connect, which carries BGP only — set `bgp: true`']);
  });

  it('AWS-R46: a virtual interface goes to a site, not to another gateway', () => {
    const text = edit(
      withDx(
        '{ name: dc-vpn, between: [prod/vgw1, shared/vgw2], bgp: true, directConnect: { gateway: dxgw1 } }',
      ),
      '      - { name: tools, cidr: 10.60.1.0/24 }',
      '      - { name: tools, cidr: 10.60.1.0/24 }\n    gateways:\n      - { name: vgw2, kind: vgw }',
    );
    expect(messages(text)).toContain(
      'connection dc-vpn is Direct Connect but its other end shared/vgw2 is a gateway — a virtual interface goes to a site: set `between: [prod/vgw1, <site>]`',
    );
  });

  it('AWS-R46: an unknown field of the block is refused', () => {
    expect(
      messages(
        withDx(
          '{ name: dc-vpn, between: [prod/vgw1, dc], bgp: true, directConnect: { gateway: dxgw1, vlan: 7 } }',
        ),
      ).join('\n'),
    ).toMatch(/vlan/);
  });
});
