/** The emitter's filters (FILTERS.md): security groups, network ACLs, NSGs, and the timeline's filter targets. */
import type {
  DFilterTarget,
  DNaclEntry,
  DNetworkAcl,
  DNsg,
  DNsgRule,
  DSecurityGroup,
  DSgRule,
} from './draft.js';
import { EmitterRefs, MissingRef, type Doc } from './emit-refs.js';
import { pick } from './internal/pick.js';

/** Writes filter objects and rules, their references as names or `network/object` paths. */
export class FilterEmitter extends EmitterRefs {
  sgRule(r: DSgRule, net: string): Doc | undefined {
    const peer =
      r.cidr !== undefined
        ? { cidr: r.cidr }
        : r.prefixList !== undefined
          ? { prefixList: this.filterRef(r.prefixList, net) }
          : r.securityGroup !== undefined
            ? { securityGroup: this.filterRef(r.securityGroup, net) }
            : undefined;
    if (peer === undefined || Object.values(peer).some((v) => v === undefined)) return undefined;
    return { ...pick(r, ['name', 'protocol', 'port', 'icmpType', 'icmpCode']), ...peer };
  }

  securityGroup(g: DSecurityGroup, net: string, netName: string): Doc {
    const rules = (list: DSgRule[], dir: string): Doc[] =>
      list.flatMap((r) => {
        const d = this.sgRule(r, net);
        if (d === undefined)
          this.warnings.note(
            'missing-reference',
            `${netName}/${this.name(g.key) ?? g.key}: an ${dir} rule left out — the group or prefix list it names was not imported`,
          );
        return d === undefined ? [] : [d];
      });
    return {
      name: this.name(g.key),
      id: g.id,
      inbound: rules(g.inbound, 'inbound'),
      outbound: rules(g.outbound, 'outbound'),
    };
  }

  naclEntry(e: DNaclEntry): Doc {
    return pick(e, ['ruleNumber', 'protocol', 'port', 'icmpType', 'icmpCode', 'cidr', 'action']);
  }

  networkAcl(a: DNetworkAcl): Doc {
    const entries = (list: DNaclEntry[]): Doc[] => list.map((e) => this.naclEntry(e));
    return {
      name: this.name(a.key),
      id: a.id,
      default: a.default === true ? true : undefined,
      inbound: entries(a.inbound),
      outbound: entries(a.outbound),
    };
  }

  nsg(g: DNsg): Doc {
    return {
      name: this.name(g.key),
      id: g.id,
      securityRules: g.securityRules.map((r) => this.nsgRule(r)),
    };
  }

  nsgRule(r: DNsgRule): Doc {
    const d: Doc = pick(r, [
      'name',
      'priority',
      'direction',
      'access',
      'protocol',
      'source',
      'sourcePorts',
      'destination',
      'destinationPorts',
    ]);
    // `sourcePorts` defaults to every port ("*"), which nearly every rule says.
    if (r.sourcePorts === '*') d['sourcePorts'] = undefined;
    return d;
  }

  /** A `filterRule.*` target (FILTERS.md "Timeline"), its network, and a rule in its vocabulary. */
  filterTarget(t: DFilterTarget): { target: Doc; net: string; kind: 'sg' | 'acl' | 'nsg' } | undefined {
    const [key, kind] =
      'securityGroup' in t
        ? [t.securityGroup, 'sg' as const]
        : 'networkAcl' in t
          ? [t.networkAcl, 'acl' as const]
          : [t.networkSecurityGroup, 'nsg' as const];
    const net = this.ix.networkOf.get(key);
    const path = this.path(key);
    if (net === undefined || path === undefined) return undefined;
    const target =
      'securityGroup' in t
        ? { securityGroup: path, direction: t.direction }
        : 'networkAcl' in t
          ? { networkAcl: path, direction: t.direction }
          : { networkSecurityGroup: path };
    return { target, net, kind };
  }

  /** A `host.update` / `subnet.update` set whose filter references are keys: written as names. */
  filterSet(set: Readonly<Record<string, unknown>>, holder: string): Readonly<Record<string, unknown>> {
    const net = this.ix.networkOf.get(holder) ?? '';
    const ref = (k: unknown): string => {
      const r = typeof k === 'string' ? this.filterRef(k, net) : undefined;
      if (r === undefined) throw new MissingRef();
      return r;
    };
    const out: Record<string, unknown> = { ...set };
    if (Array.isArray(set['securityGroups'])) out['securityGroups'] = set['securityGroups'].map(ref);
    for (const f of ['networkAcl', 'networkSecurityGroup'])
      if (typeof set[f] === 'string') out[f] = ref(set[f]);
    return out;
  }
}
