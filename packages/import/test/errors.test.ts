/**
 * Bad input stops an import with a message naming the file and the JSON path (the CLI turns it into
 * exit 2): not JSON, another provider's export, a wrong shape. No message, warning or output ever
 * quotes a secret of the input.
 */
import { describe, expect, it } from 'vitest';
import { formatWarning, importAws, importAzure, ImportInputError } from '@cloudroute/import';

const f = (path: string, text: string) => [{ path, text }];

describe('bad input', () => {
  it('not JSON: the file, the position, no snippet of the text', () => {
    const text =
      '{"VpnConnections":[{"CustomerGatewayConfiguration":"<pre_shared_key>NeverPrintThisKey42</pre_shared_key>",, }]}';
    let message = '';
    try {
      importAws(f('vpn.json', text));
    } catch (e) {
      expect(e).toBeInstanceOf(ImportInputError);
      message = (e as Error).message;
    }
    expect(message).toMatch(
      /^vpn\.json: \$\.VpnConnections\[0\]: not JSON at line 1, column \d+ — fix the JSON or export it again$/,
    );
    expect(message).not.toContain('NeverPrintThisKey42');
  });

  it('progress text before the JSON and empty files', () => {
    expect(() => importAws(f('out.json', '{- Finished ..\n{"Vpcs": []}'))).toThrow('out.json: $: not JSON');
    expect(() => importAws(f('x.json', 'Finished\n{}'))).toThrow('remove any text printed before it');
    expect(() => importAws(f('empty.json', '  \n'))).toThrow('empty.json: $: the file is empty');
  });

  it("another provider's file, with the command to use", () => {
    const arm = JSON.stringify({
      id: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v',
      type: 'Microsoft.Network/virtualNetworks',
      properties: {},
    });
    expect(() => importAws(f('vnet.json', arm))).toThrow(
      'vnet.json: $.type: this is an Azure resource (ARM or az CLI JSON) — use `cloudroute import azure`',
    );
    expect(() => importAzure(f('vpcs.json', '{"Vpcs":[]}'))).toThrow(
      'vpcs.json: $.Vpcs: this is AWS CLI JSON (aws ec2 describe-*) — use `cloudroute import aws`',
    );
    expect(() => importAzure(f('plan.json', '{"format_version":"1.2"}'))).toThrow(
      'plan.json: $.format_version: this is Terraform JSON',
    );
    expect(() =>
      importAws(
        f(
          'list.json',
          JSON.stringify([
            {
              id: 'resourceGroups/x/providers/Microsoft.Network/networkInterfaces/n',
              type: 'Microsoft.Network/networkInterfaces',
            },
          ]),
        ),
      ),
    ).toThrow('list.json: $[0].type:');
  });

  it('a result key that is not a list', () => {
    expect(() => importAws(f('vpcs.json', '{"Vpcs": {"VpcId": "vpc-1"}}'))).toThrow(
      'vpcs.json: $.Vpcs: expected a list',
    );
  });

  it('no export of the provider at all', () => {
    expect(() => importAws(f('a.json', '{"hostname": "r1"}'))).toThrow(
      'a.json: $: no AWS describe-* result in the input',
    );
    expect(() => importAzure(f('a.json', '{"hostname": "r1"}'))).toThrow(
      'a.json: $: no Azure resource in the input',
    );
  });

  it('files it cannot use among good ones are warnings, not failures', () => {
    const r = importAws([
      ...f('Vpcs.json', '{"Vpcs":[{"VpcId":"vpc-1","CidrBlock":"10.0.0.0/16"}]}'),
      ...f('hosts.json', '{"hostInterfaces":{}}'),
      ...f('route.json', '{"DestinationCidrBlock":"0.0.0.0/0","GatewayId":"igw-1"}'),
    ]);
    expect(r.warnings.map(formatWarning)).toEqual([
      'hosts.json: not an AWS describe-* result cloudroute reads (keys: hostInterfaces) — skipped',
      'route.json: not an AWS describe-* result cloudroute reads (keys: DestinationCidrBlock, GatewayId) — skipped',
    ]);
  });

  it('malformed records are warned at their JSON path and skipped', () => {
    const r = importAws(f('Vpcs.json', '{"Vpcs":[{"CidrBlock":"10.0.0.0/16"}, 7, {"VpcId":"vpc-2"}]}'));
    expect(r.warnings.map(formatWarning)).toEqual([
      'Vpcs.json: $.Vpcs[0]: no VpcId — record skipped',
      'Vpcs.json: $.Vpcs[1]: not an object — skipped',
      'Vpcs.json: $.Vpcs[2]: VPC vpc-2 has no associated CIDR block — skipped',
    ]);
  });
});

describe('secrets', () => {
  it('are scrubbed from every text even if a field carrying one were ever copied', () => {
    // A Name tag that happens to equal a pre-shared key is still never written.
    const key = 'SameAsTheTagValue-123456';
    const files = [
      ...f(
        'Vpcs.json',
        JSON.stringify({
          Vpcs: [{ VpcId: 'vpc-1', CidrBlock: '10.0.0.0/16', Tags: [{ Key: 'Name', Value: key }] }],
        }),
      ),
      ...f(
        'VpnConnections.json',
        JSON.stringify({
          VpnConnections: [
            {
              VpnConnectionId: 'vpn-1',
              State: 'deleted',
              Options: { TunnelOptions: [{ PreSharedKey: key }] },
            },
          ],
        }),
      ),
    ];
    const r = importAws(files);
    expect(r.text).not.toContain(key);
    expect(r.warnings.map(formatWarning).join('\n')).not.toContain(key);
    expect(r.text).toContain('name: redacted');
  });
});
