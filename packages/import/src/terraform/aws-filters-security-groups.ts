/** Terraform AWS security groups: inline rules and rule resources, merged into describe-security-groups records. */
import { obj, str } from '../internal/json.js';
import type { TfInstance } from './plan.js';
import { UNKNOWN } from './refs.js';
import { list, portOf, type Dir, type Filters, type Mutable, type Source } from './aws-filters-shared.js';

/** One SG rule with one peer (AWS-R35): the unit that is merged and deduplicated. */
interface SgAtom {
  readonly dir: Dir;
  readonly protocol: string;
  readonly from?: number;
  readonly to?: number;
  readonly peer: Readonly<Record<string, string>>;
  readonly description?: string;
}

/** SG protocol as describe-security-groups writes it: `tcp`, `udp`, `icmp`, `-1` or a number. */
function sgProtocol(v: unknown): string | undefined {
  const p = (typeof v === 'number' ? String(v) : (str(v) ?? '')).trim().toLowerCase();
  const names: Record<string, string> = { all: '-1', '-1': '-1', '6': 'tcp', '17': 'udp', '1': 'icmp' };
  if (names[p] !== undefined) return names[p];
  if (['tcp', 'udp', 'icmp', 'icmpv6'].includes(p)) return p;
  return /^\d+$/.test(p) ? p : undefined;
}

function atomKey(a: SgAtom): string {
  return JSON.stringify([a.dir, a.protocol, a.from, a.to, Object.entries(a.peer)]);
}

function permission(a: SgAtom): Mutable {
  const [[field, value] = ['', '']] = Object.entries(a.peer);
  const d = a.description !== undefined && a.description !== '' ? { Description: a.description } : {};
  return {
    IpProtocol: a.protocol,
    ...(a.from !== undefined ? { FromPort: a.from } : {}),
    ...(a.to !== undefined ? { ToPort: a.to } : {}),
    IpRanges: field === 'CidrIp' ? [{ CidrIp: value, ...d }] : [],
    Ipv6Ranges: field === 'CidrIpv6' ? [{ CidrIpv6: value, ...d }] : [],
    PrefixListIds: field === 'PrefixListId' ? [{ PrefixListId: value, ...d }] : [],
    UserIdGroupPairs: field === 'GroupId' ? [{ GroupId: value, ...d }] : [],
  };
}

/** An SG rule's atoms (one per peer) from its attributes. */
function sgAtoms(
  f: Filters,
  i: TfInstance,
  dir: Dir,
  src: Source,
  attrs: {
    protocol: string;
    cidrs?: string;
    v6?: string;
    lists?: string;
    groups?: string;
    group?: string;
    cidr?: string;
    cidr6?: string;
    list?: string;
  },
  self: string,
): SgAtom[] {
  const rawProtocol = src.get(attrs.protocol);
  const protocol = sgProtocol(rawProtocol);
  if (protocol === undefined) {
    f.w.add(
      rawProtocol === UNKNOWN ? 'unresolved' : 'unknown-value',
      `${i.address}: ${dir} rule protocol ${rawProtocol === UNKNOWN ? 'unknown until apply' : JSON.stringify(rawProtocol)} — rule left out`,
      f.r.file,
    );
    return [];
  }
  // AWS-R35: `-1` (Terraform writes ports 0) and protocols other than tcp/udp/icmp have no ports.
  const ported = ['tcp', 'udp', 'icmp', 'icmpv6'].includes(protocol);
  const from = ported ? portOf(src.get('from_port')) : undefined;
  const to = ported ? portOf(src.get('to_port')) : undefined;
  const description = str(src.get('description'));
  const peers: Record<string, string>[] = [];
  if (attrs.cidrs !== undefined) for (const x of f.cidrs(i, src, attrs.cidrs)) peers.push({ CidrIp: x });
  if (attrs.v6 !== undefined) for (const x of f.cidrs(i, src, attrs.v6)) peers.push({ CidrIpv6: x });
  for (const [attr, field] of [
    [attrs.cidr, 'CidrIp'],
    [attrs.cidr6, 'CidrIpv6'],
  ] as const)
    if (attr !== undefined) {
      const v = src.get(attr);
      if (typeof v === 'string' && v !== '') peers.push({ [field]: v });
      else if (v === UNKNOWN)
        peers.push(
          ...f.cidrs(i, { get: () => [UNKNOWN], expr: () => src.expr(attr) }, attr).map((x) => ({
            [field]: x,
          })),
        );
    }
  if (attrs.lists !== undefined)
    for (const x of f.linkList(
      i,
      src.get(attrs.lists),
      src.expr(attrs.lists),
      ['aws_ec2_managed_prefix_list'],
      `${dir} ${attrs.lists}`,
      src.block === true,
    ))
      peers.push({ PrefixListId: x });
  if (attrs.list !== undefined) {
    const x = f.linkOne(i, src, attrs.list, ['aws_ec2_managed_prefix_list']);
    if (x !== undefined) peers.push({ PrefixListId: x });
  }
  const groupTypes = ['aws_security_group', 'aws_default_security_group'];
  if (attrs.groups !== undefined)
    for (const x of f.linkList(
      i,
      src.get(attrs.groups),
      src.expr(attrs.groups),
      groupTypes,
      `${dir} ${attrs.groups}`,
      src.block === true,
    ))
      peers.push({ GroupId: x });
  if (attrs.group !== undefined) {
    const x = f.linkOne(i, src, attrs.group, groupTypes);
    if (x !== undefined) peers.push({ GroupId: x });
  }
  // `self = true`: the group itself is a peer (AWS-R37).
  const selfValue = src.get('self');
  if (selfValue === true || obj(src.expr('self'))?.['constant_value'] === true) peers.push({ GroupId: self });
  if (peers.length === 0)
    f.w.add('unresolved', `${i.address}: a ${dir} rule with no known peer — left out`, f.r.file);
  return peers.map((peer) => ({
    dir,
    protocol,
    ...(from !== undefined ? { from } : {}),
    ...(to !== undefined ? { to } : {}),
    peer,
    ...(description !== undefined ? { description } : {}),
  }));
}

/** Inline rules of a group in one direction (a plan value, its config blocks, or what it was). */
function inlineSg(f: Filters, i: TfInstance, dir: Dir, key: string, separate: boolean): SgAtom[] {
  const attrs = {
    protocol: 'protocol',
    cidrs: 'cidr_blocks',
    v6: 'ipv6_cidr_blocks',
    lists: 'prefix_list_ids',
    groups: 'security_groups',
  };
  const v = f.r.value(i, f.side, [dir]);
  if (v !== UNKNOWN)
    return list(v).flatMap((x, k) => {
      const block = f.blockOf(
        i,
        dir,
        ['protocol', 'from_port', 'to_port'],
        [obj(x)?.['protocol'], obj(x)?.['from_port'], obj(x)?.['to_port']].map(String),
      );
      const src: Source = {
        get: (a) => f.valueAt(i, [dir, k, a]),
        block: true,
        expr: (a) => obj(block?.[a]),
      };
      return sgAtoms(f, i, dir, src, attrs, key);
    });
  const sources = f.unknownInline(i, dir, 'rules');
  if (sources !== undefined) return sources.flatMap((src) => sgAtoms(f, i, dir, src, attrs, key));
  // TF-AWS-SG: a new group has the rules written for it and no others: no allow-all egress.
  if (!separate && dir === 'egress')
    f.w.add(
      'assumed',
      `${i.address}: no egress rule declared — none written (\`outbound: []\`): Terraform removes the allow-all egress rule AWS gives a new group (TF-AWS-SG)`,
      f.r.file,
    );
  return [];
}

/** The rules of rule resources, by the group they name (`groups`: the plan's groups on this side). */
function separateSg(
  f: Filters,
  groups: readonly TfInstance[],
  keep: (i: TfInstance) => boolean = () => true,
): Map<string, { atoms: SgAtom[]; origins: string[] }> {
  // Separate rule resources, by the group they name.
  const separate = new Map<string, { atoms: SgAtom[]; origins: string[] }>();
  const add = (key: string, origin: string, atoms: SgAtom[]): void => {
    const s = separate.get(key) ?? { atoms: [], origins: [] };
    s.atoms.push(...atoms);
    s.origins.push(origin);
    separate.set(key, s);
  };
  const groupTypes = ['aws_security_group', 'aws_default_security_group'];
  const target = (i: TfInstance): string | undefined => {
    const src: Source = {
      get: (a) => f.r.value(i, f.side, [a]),
      expr: (a) => f.r.expression(i, a),
    };
    const g = f.linkOne(i, src, 'security_group_id', groupTypes);
    if (g === undefined) return undefined;
    if (!groups.some((x) => x.address === g)) {
      f.w.add(
        'missing-reference',
        `${i.address}: security group ${g} is not in the plan — rule left out`,
        f.r.file,
      );
      return undefined;
    }
    return g;
  };
  const top = (i: TfInstance): Source => ({
    get: (a) => f.valueAt(i, [a]),
    expr: (a) => f.r.expression(i, a),
  });
  for (const i of f.instances('aws_security_group_rule').filter(keep)) {
    const g = target(i);
    const type = f.c.stringAttr(i, 'type');
    if (g === undefined) continue;
    if (type !== 'ingress' && type !== 'egress') {
      f.w.add('unknown-value', `${i.address}: type ${String(type)} — rule left out`, f.r.file);
      continue;
    }
    add(
      g,
      i.address,
      sgAtoms(
        f,
        i,
        type,
        top(i),
        {
          protocol: 'protocol',
          cidrs: 'cidr_blocks',
          v6: 'ipv6_cidr_blocks',
          lists: 'prefix_list_ids',
          group: 'source_security_group_id',
        },
        g,
      ),
    );
  }
  for (const [type, dir] of [
    ['aws_vpc_security_group_ingress_rule', 'ingress'],
    ['aws_vpc_security_group_egress_rule', 'egress'],
  ] as const)
    for (const i of f.instances(type).filter(keep)) {
      const g = target(i);
      if (g === undefined) continue;
      add(
        g,
        i.address,
        sgAtoms(
          f,
          i,
          dir,
          top(i),
          {
            protocol: 'ip_protocol',
            cidr: 'cidr_ipv4',
            cidr6: 'cidr_ipv6',
            list: 'prefix_list_id',
            group: 'referenced_security_group_id',
          },
          g,
        ),
      );
    }
  return separate;
}

/** The security groups of a plan side (AWS-R35..R37) → inventory records. */
export function securityGroups(f: Filters): void {
  const groups = [...f.instances('aws_security_group'), ...f.instances('aws_default_security_group')];
  const separate = separateSg(f, groups);
  // A rule resource the plan deletes is still listed inline by its group's prior state: dropped.
  const gone =
    f.side === 'after'
      ? separateSg(
          f.before(),
          groups.filter((g) => f.r.exists(g, 'before')),
          (i) => !f.r.exists(i, 'after'),
        )
      : new Map<string, { atoms: SgAtom[]; origins: string[] }>();
  for (const i of groups) {
    const isDefault = i.type === 'aws_default_security_group';
    const vpc = f.vpcOf(i);
    if (vpc === undefined) continue;
    const sep = separate.get(i.address);
    const sepDir = (d: Dir): boolean => sep?.atoms.some((a) => a.dir === d) ?? false;
    const dropped = new Set((gone.get(i.address)?.atoms ?? []).map(atomKey));
    const inline = [
      ...inlineSg(f, i, 'ingress', i.address, sepDir('ingress')),
      ...inlineSg(f, i, 'egress', i.address, sepDir('egress')),
    ].filter((a) => !dropped.has(atomKey(a)));
    const seen = new Set<string>();
    const merged: SgAtom[] = [];
    for (const a of [...inline, ...(sep?.atoms ?? [])])
      if (!seen.has(atomKey(a))) {
        seen.add(atomKey(a));
        merged.push(a);
      }
    if (sep !== undefined) {
      const covered = new Set(sep.atoms.map(atomKey));
      if (inline.some((a) => !covered.has(atomKey(a))))
        f.w.add(
          'assumed',
          `${i.address}: inline ingress/egress rules and rule resources (${[...new Set(sep.origins)].join(', ')}) on one group — merged; the provider documents that the two overwrite each other at the next apply`,
          f.r.file,
        );
    }
    const o: Mutable = {
      GroupId: i.address,
      GroupName: isDefault ? 'default' : f.c.stringAttr(i, 'name'),
      VpcId: vpc,
      Description: f.c.stringAttr(i, 'description'),
      IpPermissions: merged.filter((a) => a.dir === 'ingress').map(permission),
      IpPermissionsEgress: merged.filter((a) => a.dir === 'egress').map(permission),
      Tags: f.c.tags(i),
    };
    f.groups.set(i.address, { o, vpc, i });
    f.c.inv.put('SecurityGroups', f.c.record(i, o), f.w);
  }
}
