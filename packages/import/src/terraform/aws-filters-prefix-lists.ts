/** Terraform AWS customer-managed prefix lists (AWS-R38) → the inventory's prefix lists. */
import { obj, str } from '../internal/json.js';
import { list, type Filters, type Source } from './aws-filters-shared.js';

/** AWS-R38: customer-managed prefix lists (their entries inline or as resources). */
export function prefixLists(f: Filters): void {
  for (const i of f.instances('aws_ec2_managed_prefix_list')) {
    const cidrs = list(f.r.value(i, f.side, ['entry']))
      .map((e) => str(obj(e)?.['cidr']))
      .filter((x) => x !== undefined);
    f.c.inv.prefixLists.set(i.address, cidrs);
    const name = f.c.stringAttr(i, 'name');
    if (name !== undefined) f.c.inv.prefixListNames.set(i.address, name);
  }
  for (const i of f.instances('aws_ec2_managed_prefix_list_entry')) {
    const src: Source = {
      get: (a) => f.r.value(i, f.side, [a]),
      expr: (a) => f.r.expression(i, a),
    };
    const pl = f.linkOne(i, src, 'prefix_list_id', ['aws_ec2_managed_prefix_list']);
    const cidr = f.c.stringAttr(i, 'cidr');
    const cidrs = pl === undefined ? undefined : f.c.inv.prefixLists.get(pl);
    if (cidrs === undefined || cidr === undefined) {
      f.w.add('missing-reference', `${i.address}: its prefix list or CIDR is not known — left out`, f.r.file);
      continue;
    }
    if (!cidrs.includes(cidr)) cidrs.push(cidr);
  }
}
