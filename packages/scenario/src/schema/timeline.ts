/**
 * Timeline actions (DESIGN.md "Timeline actions") and the `chaos:` block's faults. Every action
 * has `at` (a time from the scenario start) and `do`; references are `network/object` paths or
 * plain names for sites, connections and networks. Which provider a route or gateway belongs to
 * is known only once the reference is resolved, so next hops, gateway kinds and `set:` fields are
 * checked against the target's provider afterwards (checks/timeline.ts).
 */
import * as z from 'zod';
import { anyGateway } from './gateways.js';
import {
  asPath,
  duration,
  intIn,
  localOrPath,
  med,
  name,
  objectPath,
  prefix,
  priority,
  reference,
  tags,
  tunnelIndex,
} from './leaves.js';
import { anyNextHop } from './next-hops.js';
import { coded, doc, strict, union } from './registry.js';
import { DEFAULT_CHAOS_RUNS } from '../defaults.js';
import { DURATION_PATTERN, parseDuration } from '../duration.js';

const at = duration('time', 'When, from the scenario start.');

const target = {
  routeTable: doc(objectPath('route table'), 'An AWS or Azure route table.').exactOptional(),
  site: doc(reference('site'), "A site's own routing table (the route has `via`).").exactOptional(),
  network: doc(reference('network'), "A GCP network's route table.").exactOptional(),
  gateway: doc(objectPath('gateway'), "An OpenStack router's extra routes.").exactOptional(),
};

const timelineRoute = strict(
  { context: 'route', what: 'a timeline route', variant: 'timeline' },
  {
    name: doc(name, 'The route name.').exactOptional(),
    prefix,
    nextHop: doc(
      anyNextHop,
      "The next hop in the target's provider vocabulary (not for a site route).",
    ).exactOptional(),
    via: doc(
      reference('connection'),
      'Site routes: the connection whose tunnels carry the traffic.',
    ).exactOptional(),
    priority: priority.exactOptional(),
    tags: tags.exactOptional(),
  },
);

/** The filter a `filterRule.*` or `filter.update` action changes (FILTERS.md "Timeline"). */
const filterTarget = {
  securityGroup: doc(
    objectPath('security group'),
    'An AWS security group (with `direction`) or an OpenStack security group.',
  ).exactOptional(),
  networkAcl: doc(objectPath('network ACL'), 'An AWS network ACL (with `direction`).').exactOptional(),
  networkSecurityGroup: doc(objectPath('network security group'), 'An Azure NSG.').exactOptional(),
  network: doc(reference('network'), "A GCP network's firewall rules.").exactOptional(),
  direction: doc(
    z.enum(['inbound', 'outbound']),
    'AWS security groups and network ACLs: which rules.',
  ).exactOptional(),
};

const filterRule = doc(
  z.record(z.string(), z.unknown()),
  "A rule in the target's vocabulary (as in the topology); checked against the target's provider and kind.",
);

const set = doc(
  z.record(z.string(), z.unknown()),
  "Fields to change, as in the object's own definition; checked against the object's provider (and kind).",
);

const action = <const D extends string, S extends z.ZodRawShape>(names: readonly [D, ...D[]], shape: S) =>
  strict(
    { context: 'action', what: `a \`${names.join('` or `')}\` action`, variant: names[0] },
    { at, do: z.literal(names), ...shape },
  );

const connectionFields = {
  connection: reference('connection'),
  tunnel: tunnelIndex.exactOptional(),
};

export const timelineAction = doc(
  union({ context: 'action', what: 'a timeline action' }, 'do', [
    action(['route.add', 'route.replace'], { ...target, route: timelineRoute }),
    action(['route.remove'], {
      ...target,
      prefix: doc(prefix, 'The prefix of the route to remove.').exactOptional(),
      name: doc(name, 'The name of the route to remove.').exactOptional(),
    }),
    action(['routeTable.associate'], {
      subnet: objectPath('subnet'),
      routeTable: doc(
        objectPath('route table').nullable(),
        'The table, or null for the main (AWS) or system (Azure) table.',
      ),
    }),
    action(['propagation.set'], { routeTable: objectPath('route table'), enabled: z.boolean() }),
    action(['bgp.advertise', 'bgp.withdraw'], {
      site: doc(reference('site'), 'The advertising site (or `gateway`).').exactOptional(),
      gateway: doc(objectPath('gateway'), 'The advertising gateway (or `site`).').exactOptional(),
      prefixes: doc(
        z.array(prefix).min(1, { error: coded('bad-value', 'no prefixes — list at least one prefix') }),
        'Prefixes.',
      ),
      asPath: asPath.exactOptional(),
      med: med.exactOptional(),
    }),
    action(['bgp.session.down', 'bgp.session.up'], connectionFields),
    action(['tunnel.down', 'tunnel.up'], connectionFields),
    action(['gateway.create'], { network: reference('network'), gateway: anyGateway }),
    action(['gateway.delete'], { gateway: objectPath('gateway') }),
    action(['gateway.update'], {
      gateway: objectPath('gateway'),
      set,
      recreate: doc(
        z.boolean(),
        'Allow a delete and create for a change the provider cannot make in place (AZ-R17).',
      ).exactOptional(),
    }),
    action(['gateway.failover'], {
      gateway: objectPath('gateway'),
      planned: doc(z.boolean(), 'Planned maintenance (fast) or unplanned (AZ-R19).').exactOptional(),
    }),
    action(['host.update'], {
      host: objectPath('host'),
      port: doc(
        localOrPath('subnet'),
        'OpenStack: the port (by its subnet) whose fields `set` changes.',
      ).exactOptional(),
      set,
    }),
    action(['subnet.update'], { subnet: objectPath('subnet'), set }),
    action(['network.update'], { network: reference('network'), set }),
    action(['filterRule.add', 'filterRule.replace'], { ...filterTarget, rule: filterRule }),
    action(['filterRule.remove'], {
      ...filterTarget,
      name: doc(name, 'The name of the rule to remove (security group, NSG and GCP rules).').exactOptional(),
      ruleNumber: doc(
        intIn(1, 32766, 'a rule number'),
        'The number of the network ACL entry to remove.',
      ).exactOptional(),
      rule: doc(filterRule, 'A rule equal to the unnamed rule to remove.').exactOptional(),
    }),
    action(['filter.update'], {
      ...filterTarget,
      set: strict(
        { context: 'other', what: 'a `filter.update` set', variant: 'filter.update' },
        { stateful: doc(z.boolean(), 'OpenStack: the group is stateful (OS-R21).').exactOptional() },
      ),
    }),
  ]),
  'A change at a moment of the timeline; `do` names it.',
);

// mttr: a duration or a uniform `min..max` range.
const MTTR_PATTERN = `^${DURATION_PATTERN.slice(1, -1)}(\\.\\.${DURATION_PATTERN.slice(1, -1)})?$`;
const mttr = doc(
  z
    .string()
    .regex(new RegExp(MTTR_PATTERN), {
      error: (iss) =>
        iss.input === undefined
          ? undefined
          : coded(
              'bad-duration',
              `\`${String(iss.input)}\` is not a repair time — write a duration (\`30m\`) or a range \`5m..2h\``,
            ),
    })
    .transform((text, ctx) => {
      const [a = '', b = a] = text.split('..');
      const min = parseDuration(a);
      const max = parseDuration(b);
      if (!min.ok || !max.ok) {
        ctx.issues.push({
          code: 'custom',
          input: text,
          message: coded('bad-duration', min.ok ? (max.ok ? '' : max.message) : min.message),
        });
        return z.NEVER;
      }
      if (min.seconds > max.seconds) {
        ctx.issues.push({
          code: 'custom',
          input: text,
          message: coded('bad-duration', `\`${text}\` runs backwards — write the shorter time first`),
        });
        return z.NEVER;
      }
      return { min: min.seconds, max: max.seconds };
    }),
  'Repair time: a duration (`30m`) or a uniform range `min..max` (`5m..2h`).',
);

const mtbf = duration('span', 'Mean up time between failures (exponentially distributed).').refine(
  (s) => s > 0,
  {
    error: coded(
      'bad-duration',
      'a mean time between failures of 0s — write a positive duration such as `30d`',
    ),
  },
);

const fault = <const K extends string, S extends z.ZodRawShape>(kind: K, shape: S) =>
  strict(
    { context: 'fault', what: `a \`${kind}\` fault`, variant: kind },
    { kind: z.literal(kind), ...shape, mtbf },
  );

export const chaos = strict(
  { context: 'chaos', what: 'the chaos block' },
  {
    runs: doc(
      intIn(1, 100_000, 'a number of runs'),
      'Seeded repetitions of the horizon (default 100).',
    ).default(DEFAULT_CHAOS_RUNS),
    faults: z.array(
      union({ context: 'fault', what: 'a chaos fault' }, 'kind', [
        fault('tunnel.down', { ...connectionFields, mttr }),
        fault('bgp.session.down', { ...connectionFields, mttr }),
        fault('gateway.failover', { gateway: objectPath('gateway') }),
        fault('host.update', {
          host: objectPath('host'),
          port: localOrPath('subnet').exactOptional(),
          set,
          mttr,
        }),
      ]),
    ),
  },
);
