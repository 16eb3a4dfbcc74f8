/** Terraform VPC peering connections → describe-vpc-peering-connections records. */
import type { AwsConverter } from './converter.js';

/** `aws_vpc_peering_connection` and its accepter: active when auto-accepted or accepted in the plan, else pending. */
export function convertVpcPeerings(c: AwsConverter): void {
  const { r, side, w } = c;
  const accepted = new Set(
    c.instances('aws_vpc_peering_connection_accepter').map((i) => c.link(i, 'vpc_peering_connection_id')),
  );
  for (const i of c.instances('aws_vpc_peering_connection')) {
    const status = c.stringAttr(i, 'accept_status');
    const auto = r.value(i, side, ['auto_accept']) === true || accepted.has(i.address);
    const code = status ?? (auto ? 'active' : 'pending-acceptance');
    if (status === undefined && !auto)
      w.note(
        'assumed',
        `${i.address}: not auto-accepted and no accepter in the plan — taken as pending acceptance`,
      );
    c.inv.put(
      'VpcPeeringConnections',
      c.record(i, {
        VpcPeeringConnectionId: i.address,
        Status: { Code: code },
        RequesterVpcInfo: { VpcId: c.link(i, 'vpc_id') },
        AccepterVpcInfo: { VpcId: c.link(i, 'peer_vpc_id') },
        Tags: c.tags(i),
      }),
      w,
    );
  }
}
