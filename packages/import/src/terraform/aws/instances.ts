/** Terraform instances and network interfaces → describe-network-interfaces records (the hosts). */
import { str } from '../../internal/json.js';
import { knownList, type AwsConverter } from './converter.js';

/** `aws_instance` and `aws_network_interface` → network interfaces; one whose IP is unknown until apply is not a host. */
export function convertInstances(c: AwsConverter): void {
  const { r, side, w } = c;
  /** One network interface record; `extra` holds what only an instance says (its public address). */
  const put = (i: Parameters<typeof c.tags>[0], ip: string, extra: Record<string, unknown>): void =>
    c.inv.put(
      'NetworkInterfaces',
      c.record(i, {
        NetworkInterfaceId: i.address,
        SubnetId: c.link(i, 'subnet_id'),
        PrivateIpAddress: ip,
        SourceDestCheck: r.value(i, side, ['source_dest_check']) !== false,
        ...extra,
        TagSet: c.tags(i),
      }),
      w,
    );
  for (const i of c.instances('aws_instance')) {
    const ip = c.stringAttr(i, 'private_ip');
    if (ip === undefined) {
      w.add('unresolved', `${i.address}: private_ip unknown until apply — not a host`, r.file);
      continue;
    }
    const associate = r.value(i, side, ['associate_public_ip_address']);
    const publicIp = c.stringAttr(i, 'public_ip') !== undefined || associate === true;
    put(i, ip, {
      ...(publicIp ? { Association: { PublicIp: 'yes' } } : {}),
      // Not set in the configuration (known only after apply): the subnet's MapPublicIpOnLaunch decides.
      ...(!publicIp && associate !== false ? { $publicIp: 'inherit' } : {}),
    });
  }
  for (const i of c.instances('aws_network_interface')) {
    const ip = c.stringAttr(i, 'private_ip') ?? str(knownList(r.value(i, side, ['private_ips']))[0]);
    if (ip === undefined) {
      w.add('unresolved', `${i.address}: private IP unknown until apply — not a host`, r.file);
      continue;
    }
    put(i, ip, {});
  }
}
