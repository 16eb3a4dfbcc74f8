/**
 * `import aws` of Direct Connect (AWS-R46): describe-virtual-interfaces,
 * describe-direct-connect-gateways and describe-direct-connect-gateway-associations (the API's
 * camelCase answers, as the CLI prints them) become a site per Direct Connect connection and a
 * connection with `directConnect:` per VIF and associated gateway; a transit VIF is the
 * connection of the transit gateway's Direct Connect gateway attachment. Before, the three results
 * were noted as "Direct Connect is not modelled" and the attachment was skipped.
 */
import { describe, expect, it } from 'vitest';
import { formatWarning, importAws } from '@cloudroute/import';
import { trace } from '@cloudroute/sim';
import { fixtureFiles, scenarioOf, stateOf } from './helpers.js';

const result = importAws(fixtureFiles('aws-direct-connect'));
const sc = scenarioOf(result.text);
const warnings = result.warnings.map(formatWarning);

describe('import aws: Direct Connect (AWS-R46)', () => {
  it('AWS-R46: a private VIF to a VGW and a transit VIF to a TGW, through one Direct Connect gateway', () => {
    expect(sc.topology.connections).toEqual([
      {
        name: 'dc-private',
        id: 'dxvif-0priv',
        between: ['app-a/a-vgw', 'dxcon-0dc'],
        bgp: true,
        directConnect: {
          gateway: 'corp-dx',
          gatewayId: '5f2e0c1a-0000-4000-8000-00000000d0c0',
          asn: 64600,
          allowedPrefixes: ['10.10.1.0/24'],
          vif: 'dxvif-0priv',
        },
      },
      {
        name: 'dc-transit',
        id: 'dxvif-0transit',
        between: ['app-b/hub', 'dxcon-0dc'],
        bgp: true,
        directConnect: {
          gateway: 'corp-dx',
          gatewayId: '5f2e0c1a-0000-4000-8000-00000000d0c0',
          asn: 64600,
          allowedPrefixes: ['10.20.0.0/16'],
          vif: 'dxvif-0transit',
        },
      },
    ]);
  });

  it("AWS-R46: the site is the Direct Connect connection's router, with the VIF's ASN and the prefixes the VGW propagated", () => {
    expect(sc.topology.sites).toEqual([
      expect.objectContaining({ name: 'dxcon-0dc', id: 'dxcon-0dc', cidrs: ['192.168.0.0/16'], asn: 65000 }),
    ]);
  });

  it("AWS-R46: the transit gateway's Direct Connect gateway attachment names the transit VIF's connection", () => {
    const tgw = sc.topology.networks.find((n) => n.name === 'app-b')!.gateways.find((g) => g.kind === 'tgw')!;
    expect(tgw.attachments?.find((a) => a.name === 'dx-attachment')).toEqual({
      name: 'dx-attachment',
      connection: 'dc-transit',
      routeTable: 'tgw-rtb-0b',
      propagations: ['tgw-rtb-0b'],
    });
  });

  it('AWS-R46: only a public VIF is warned about; Direct Connect is no longer "not modelled"', () => {
    expect(warnings.join('\n')).not.toMatch(
      /Direct Connect is not modelled|direct-connect-gateway is not modelled/,
    );
    expect(warnings.filter((w) => w.includes('dxvif-'))).toEqual([
      expect.stringContaining('virtual interface dxvif-0public is public'),
    ]);
  });

  describe('traces after import, both ways', () => {
    const state = stateOf(sc, 0);
    it('AWS-R46: VPC → site over the private VIF and the transit VIF', () => {
      for (const [from, over] of [
        ['app-a/a-vm', 'dc-private'],
        ['app-b/b-vm', 'dc-transit'],
      ] as const) {
        const t = trace(state, from, '192.168.1.1');
        expect({ from, verdict: t.verdict, nodes: t.hops.map((h) => h.node) }).toMatchObject({
          from,
          verdict: 'delivered',
          nodes: expect.arrayContaining([`connection:${over}`, 'site:dxcon-0dc']) as unknown,
        });
        expect(t.hops.find((h) => h.node === `connection:${over}`)?.notes).toContain(
          `Direct Connect virtual interface ${over === 'dc-private' ? 'dxvif-0priv' : 'dxvif-0transit'} through Direct Connect gateway corp-dx (5f2e0c1a-0000-4000-8000-00000000d0c0) (AWS-R46)`,
        );
      }
    });
    it("AWS-R46: site → VPC over the associations' allowed prefixes", () => {
      for (const [to, over] of [
        ['10.10.1.10', 'dc-private'],
        ['10.20.1.10', 'dc-transit'],
      ] as const) {
        const t = trace(state, 'dxcon-0dc', to);
        expect({ to, verdict: t.verdict, nodes: t.hops.map((h) => h.node) }).toMatchObject({
          to,
          verdict: 'delivered',
          nodes: expect.arrayContaining(['site:dxcon-0dc', `connection:${over}`]) as unknown,
        });
      }
    });
  });
});
