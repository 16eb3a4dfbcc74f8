/**
 * Timeline actions: the commands of a scenario's `timeline:` (DESIGN.md "Timeline actions"),
 * after validation. `at` is seconds from the scenario start; references are `net/object` paths
 * (or plain names for sites and connections) exactly as written in the file.
 *
 * `line`/`column` are not here: the scenario layer keeps a source map from the action's index to
 * its place in the file.
 */
import type {
  Advertisement,
  FirewallRule,
  Gateway,
  NetworkAclEntry,
  NeutronRule,
  NsgRule,
  Route,
  SecurityGroupRule,
  SiteRoute,
} from '@cloudroute/model';

interface At {
  readonly at: number;
}

/** Where a route lives: a route table (`net/rt`), a site, a GCP network or an OpenStack router. */
export type RouteTarget =
  | { readonly routeTable: string }
  | { readonly site: string }
  | { readonly network: string }
  | { readonly gateway: string };

/**
 * The filter a `filterRule.*` or `filter.update` action changes (FILTERS.md "Timeline"): an AWS
 * security group or network ACL with the rules' direction, an Azure NSG, a GCP network's firewall
 * rules, or an OpenStack security group (its rules carry their own direction). Paths are `net/name`.
 */
export type FilterTarget =
  | { readonly securityGroup: string; readonly direction?: 'inbound' | 'outbound' }
  | { readonly networkAcl: string; readonly direction: 'inbound' | 'outbound' }
  | { readonly networkSecurityGroup: string }
  | { readonly network: string };

/** A filter rule in its provider's vocabulary, normalised as in the topology (filters/types.ts). */
export type FilterRuleValue = SecurityGroupRule | NetworkAclEntry | NsgRule | FirewallRule | NeutronRule;

/** One entry of a scenario's `timeline`: a change (`do`) at a time, with the fields that change needs. */
export type TimelineAction = At &
  (
    | ({ readonly do: 'route.add' | 'route.replace'; readonly route: Route | SiteRoute } & RouteTarget)
    | ({ readonly do: 'route.remove'; readonly prefix?: string; readonly name?: string } & RouteTarget)
    | { readonly do: 'routeTable.associate'; readonly subnet: string; readonly routeTable: string | null }
    | { readonly do: 'propagation.set'; readonly routeTable: string; readonly enabled: boolean }
    | {
        readonly do: 'bgp.advertise' | 'bgp.withdraw';
        readonly site?: string;
        readonly gateway?: string;
        readonly prefixes: readonly string[];
        readonly asPath?: readonly number[];
        readonly med?: number;
      }
    | {
        readonly do: 'bgp.session.down' | 'bgp.session.up';
        readonly connection: string;
        readonly tunnel?: number;
      }
    | { readonly do: 'tunnel.down' | 'tunnel.up'; readonly connection: string; readonly tunnel?: number }
    | { readonly do: 'gateway.create'; readonly network: string; readonly gateway: Gateway }
    | { readonly do: 'gateway.delete'; readonly gateway: string }
    | {
        readonly do: 'gateway.update';
        readonly gateway: string;
        readonly set: Readonly<Record<string, unknown>>;
        readonly recreate?: boolean;
      }
    | { readonly do: 'gateway.failover'; readonly gateway: string; readonly planned?: boolean }
    | {
        readonly do: 'host.update';
        readonly host: string;
        readonly port?: string;
        readonly set: Readonly<Record<string, unknown>>;
        /**
         * Chaos faults only: after this many seconds the engine restores the values the update
         * replaced (a `host.restored` fact), whatever they were at the time of the fault.
         */
        readonly revertAfter?: number;
      }
    | {
        readonly do: 'subnet.update';
        readonly subnet: string;
        readonly set: Readonly<Record<string, unknown>>;
      }
    | {
        readonly do: 'network.update';
        readonly network: string;
        readonly set: Readonly<Record<string, unknown>>;
      }
    | ({
        readonly do: 'filterRule.add' | 'filterRule.replace';
        readonly rule: FilterRuleValue;
      } & FilterTarget)
    | ({
        readonly do: 'filterRule.remove';
        /** By name (SG, NSG, GCP rules), by `ruleNumber` (NACL), or `rule` equal to an unnamed rule. */
        readonly name?: string;
        readonly ruleNumber?: number;
        readonly rule?: FilterRuleValue;
      } & FilterTarget)
    | ({ readonly do: 'filter.update'; readonly set: { readonly stateful?: boolean } } & FilterTarget)
  );

/** The `do` of any timeline action (`route.add`, `gateway.failover`...). */
export type ActionType = TimelineAction['do'];

/** A mean-time-between-failures fault of a `chaos:` block (DESIGN.md). */
export interface ChaosFault {
  readonly kind: 'tunnel.down' | 'bgp.session.down' | 'gateway.failover' | 'host.update';
  readonly connection?: string;
  readonly tunnel?: number;
  readonly gateway?: string;
  readonly host?: string;
  readonly port?: string;
  readonly set?: Readonly<Record<string, unknown>>;
  /** Mean up time between failures, seconds (exponential). */
  readonly mtbf: number;
  /** Repair time, seconds: fixed when min == max, else uniform in [min, max]. Absent for failover. */
  readonly mttr?: { readonly min: number; readonly max: number };
}

/** A scenario's `chaos:` block: how many runs, and the faults drawn in each. */
export interface ChaosSpec {
  /** How many repetitions, each with its own draw of faults. */
  readonly runs: number;
  /** The faults that strike at random in each run. */
  readonly faults: readonly ChaosFault[];
}

export type { Advertisement, SiteRoute };
