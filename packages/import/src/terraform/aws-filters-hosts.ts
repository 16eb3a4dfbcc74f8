/** Terraform AWS hosts' security groups: instances, network interfaces and their SG attachments. */
import { str } from '../internal/json.js';
import { UNKNOWN } from './refs.js';
import { list, type Filters, type Mutable, type Source } from './aws-filters-shared.js';

/** The hosts' groups: `Groups` on the interface records of instances and network interfaces. */
export function hostGroups(f: Filters): void {
  const groupTypes = ['aws_security_group', 'aws_default_security_group'];
  const extra = new Map<string, string[]>();
  for (const i of f.instances('aws_network_interface_sg_attachment')) {
    const src: Source = {
      get: (a) => f.r.value(i, f.side, [a]),
      expr: (a) => f.r.expression(i, a),
    };
    const g = f.linkOne(i, src, 'security_group_id', groupTypes);
    const eni = f.linkOne(i, src, 'network_interface_id', ['aws_network_interface', 'aws_instance']);
    if (g !== undefined && eni !== undefined) extra.set(eni, [...(extra.get(eni) ?? []), g]);
  }
  for (const i of [...f.instances('aws_instance'), ...f.instances('aws_network_interface')]) {
    const rec = f.c.inv.byKey.NetworkInterfaces.get(i.address);
    if (rec === undefined) continue;
    const vpc = str(f.c.inv.byKey.Subnets.get(str(rec.o['SubnetId']) ?? '')?.o['VpcId']);
    const set = (attr: string): boolean =>
      f.r.configured(i, attr) || list(f.r.value(i, f.side, [attr])).length > 0;
    const keys: string[] = [];
    const idsAttr = i.type === 'aws_instance' ? 'vpc_security_group_ids' : 'security_groups';
    if (set(idsAttr))
      keys.push(...f.linkList(i, f.valueAt(i, [idsAttr]), f.r.expression(i, idsAttr), groupTypes, idsAttr));
    // aws_instance.security_groups: group names (the default VPC's way), or references.
    if (i.type === 'aws_instance' && set('security_groups')) {
      const v = f.valueAt(i, ['security_groups']);
      const named = list(v)
        .filter((x): x is string => typeof x === 'string' && x !== '')
        .map((n) => groupByName(f, n, vpc) ?? n);
      const unknown = v === UNKNOWN || list(v).some((x) => x === UNKNOWN || x === null);
      keys.push(
        ...named,
        ...(unknown
          ? f.linkList(i, UNKNOWN, f.r.expression(i, 'security_groups'), groupTypes, 'security_groups')
          : []),
      );
    }
    keys.push(...(extra.get(i.address) ?? []));
    const unique = [...new Set(keys)];
    if (unique.length === 0) continue; // AWS-R36: the VPC's `default` group.
    (rec.o as Mutable)['Groups'] = unique.map((g) => {
      const name = str(f.groups.get(g)?.o['GroupName']);
      return { GroupId: g, ...(name !== undefined ? { GroupName: name } : {}) };
    });
  }
}

function groupByName(f: Filters, name: string, vpc: string | undefined): string | undefined {
  for (const [key, g] of f.groups)
    if (g.o['GroupName'] === name && (vpc === undefined || g.vpc === vpc)) return key;
  return undefined;
}
