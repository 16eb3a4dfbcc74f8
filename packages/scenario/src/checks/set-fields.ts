/**
 * The `set:` of `host.update`, `subnet.update`, `network.update`, `gateway.update` and of
 * `host.update` chaos faults: the fields of the target's own definition (its provider's, its
 * gateway kind's), validated and normalised by the same schemas as the topology.
 */
import type * as z from 'zod';
import type { Provider } from '@cloudroute/model';
import { findingSink } from '../findings.js';
import type { FindingSink, JsonPath } from '../findings.js';
import { reportIssues } from '../issues.js';
import { asObject } from '../internal/raw.js';
import { GATEWAY_BY_KIND } from '../schema/gateways.js';
import {
  HOST_BY_PROVIDER,
  NETWORK_BY_PROVIDER,
  SUBNET_BY_PROVIDER,
  openstackPort,
} from '../schema/networks.js';

export type SetTarget =
  | { readonly kind: 'host'; readonly provider: Provider; readonly port: boolean }
  | { readonly kind: 'subnet' | 'network'; readonly provider: Provider }
  | { readonly kind: 'gateway'; readonly gatewayKind: string };

/** Fields that no update changes, and what to do instead. */
const FIXED: Readonly<Record<string, string>> = {
  name: 'a name is fixed; to rename, create a new object',
  provider: 'the provider of a network is fixed',
  kind: "a gateway's kind is fixed; delete it and `gateway.create` another",
  subnets: 'subnets are not changed by `network.update`',
  routeTables: 'route tables change with `route.add`, `route.replace` and `route.remove`',
  routes: 'routes change with `route.add`, `route.replace` and `route.remove`',
  policyRoutes: 'policy routes are not changed by the timeline',
  hosts: 'hosts change with `host.update`',
  gateways: 'gateways change with `gateway.create`, `gateway.update` and `gateway.delete`',
  attachments: 'transit gateway attachments are fixed in the topology',
  mapPublicIpOnLaunch:
    "it applies when an instance is launched, and running instances keep their address (AWS-R15) — change hosts' `publicIp` with `host.update`",
};

function schemaFor(target: SetTarget): z.ZodObject | undefined {
  switch (target.kind) {
    case 'host':
      return target.port ? openstackPort : HOST_BY_PROVIDER[target.provider];
    case 'subnet':
      return SUBNET_BY_PROVIDER[target.provider];
    case 'network':
      return NETWORK_BY_PROVIDER[target.provider];
    case 'gateway':
      return GATEWAY_BY_KIND.get(target.gatewayKind);
  }
}

const partials = new WeakMap<z.ZodObject, z.ZodObject>();

function partialOf(schema: z.ZodObject): z.ZodObject {
  let p = partials.get(schema);
  if (p === undefined) {
    p = schema.partial();
    partials.set(schema, p);
  }
  return p;
}

/**
 * Validates `set` against the target's fields; reports into `sink` at `path` and returns the
 * normalised fields (durations in seconds, canonical prefixes), or undefined when invalid.
 */
export function parseSet(
  set: unknown,
  target: SetTarget,
  path: JsonPath,
  sink: FindingSink = findingSink(),
): Record<string, unknown> | undefined {
  const fields = asObject(set);
  const schema = schemaFor(target);
  if (fields === undefined || schema === undefined) return undefined;
  let ok = true;
  const rest: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    const why =
      FIXED[key] ??
      (target.kind === 'host' && target.port && key === 'subnet' ? 'a port stays on its subnet' : undefined);
    if (why !== undefined && Object.prototype.hasOwnProperty.call(schema.shape, key)) {
      sink.error([...path, key], 'fixed-field', `\`${key}\` cannot be set — ${why}`, true);
      ok = false;
    } else rest[key] = value;
  }
  const r = partialOf(schema).safeParse(rest);
  if (!r.success) {
    reportIssues(r.error.issues, rest, sink, path);
    return undefined;
  }
  if (!ok) return undefined;
  // Only the fields written: a partial schema may still fill in list defaults.
  const data = r.data;
  return Object.fromEntries(Object.keys(rest).map((k) => [k, data[k]]));
}
