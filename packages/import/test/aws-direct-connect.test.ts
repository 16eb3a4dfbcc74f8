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
import { directConnectTraces, dxConnection, fixtureFiles, scenarioOf, stateOf } from './helpers.js';

const result = importAws(fixtureFiles('aws-direct-connect'));
const sc = scenarioOf(result.text);
const warnings = result.warnings.map(formatWarning);

describe('import aws: Direct Connect (AWS-R46)', () => {
  it('AWS-R46: a private VIF to a VGW and a transit VIF to a TGW, through one Direct Connect gateway', () => {
    expect(sc.topology.connections).toEqual([
      dxConnection('dc-private', 'dxvif-0priv', 'app-a/a-vgw', ['10.10.1.0/24']),
      dxConnection('dc-transit', 'dxvif-0transit', 'app-b/hub', ['10.20.0.0/16']),
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
    directConnectTraces(
      state,
      [
        ['app-a/a-vm', 'dc-private'],
        ['app-b/b-vm', 'dc-transit'],
      ],
      (t, over) =>
        expect(t.hops.find((h) => h.node === `connection:${over}`)?.notes).toContain(
          `Direct Connect virtual interface ${over === 'dc-private' ? 'dxvif-0priv' : 'dxvif-0transit'} through Direct Connect gateway corp-dx (5f2e0c1a-0000-4000-8000-00000000d0c0) (AWS-R46)`,
        ),
    );
  });
});
