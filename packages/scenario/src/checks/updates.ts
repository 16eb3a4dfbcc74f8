/**
 * Checks shared by timeline actions and chaos faults: a connection's tunnel, and a host update
 * (the host, the OpenStack port it picks, and the `set:` fields for the host's provider).
 */
import type { JsonPath } from '../findings.js';
import { asArray, asObject, field, objects, stringField } from '../internal/raw.js';
import type { RawObject } from '../internal/raw.js';
import { PROVIDER_NAMES } from '../schema/registry.js';
import { resolveName, resolvePath, unknownMessage } from './resolve.js';
import { checkFilterSet } from './filter-actions.js';
import { parseSet } from './set-fields.js';
import { refParts } from './topology-index.js';
import type { CheckContext } from './topology-index.js';

/**
 * How many tunnels a connection has: `tunnels:`, else the provider's default — AWS 2 (AWS-R23),
 * Azure 2 when active-active else 1 (AZ-R20), GCP HA VPN 2, Classic VPN 1.
 */
function tunnelCount(ctx: CheckContext, connection: RawObject): number | undefined {
  const written = field(connection, 'tunnels');
  if (typeof written === 'number') return written;
  const end = refParts(asArray(field(connection, 'between'))[0]);
  const gw = end === undefined ? undefined : ctx.index.networks.get(end.network)?.gateways.get(end.object);
  switch (gw?.kind ?? '') {
    case 'vgw':
    case 'tgw':
    case 'haVpn':
      return 2;
    case 'vpn':
      return field(gw?.raw, 'activeActive') === true ? 2 : 1;
    case 'classicVpn':
      return 1;
    default:
      return undefined;
  }
}

/** `connection:` exists, has BGP when `needsBgp`, and `tunnel:` is one of its tunnels. */
export function checkConnectionTunnel(
  ctx: CheckContext,
  action: RawObject,
  path: JsonPath,
  needsBgp: boolean,
): void {
  const conn = resolveName(ctx, ctx.index.connections, field(action, 'connection'), 'connection', [
    ...path,
    'connection',
  ]);
  if (conn === undefined) return;
  if (needsBgp && field(conn.raw, 'bgp') !== true)
    ctx.sink.error(
      [...path, 'connection'],
      'wrong-kind',
      `connection \`${conn.name}\` has no BGP session (\`bgp: false\`) — use \`tunnel.down\`/\`tunnel.up\`, or set \`bgp: true\``,
    );
  const tunnel = field(action, 'tunnel');
  const count = tunnelCount(ctx, conn.raw);
  if (typeof tunnel === 'number' && typeof count === 'number' && tunnel >= count)
    ctx.sink.error(
      [...path, 'tunnel'],
      'out-of-range',
      `connection \`${conn.name}\` has ${count} tunnel${count === 1 ? '' : 's'} (0 to ${count - 1}) — pick one of them`,
    );
}

/** `host:` exists; `port:` (OpenStack) is one of its ports; `set:` fields belong to the host's provider. */
export function checkHostUpdate(ctx: CheckContext, action: RawObject, path: JsonPath): void {
  const r = resolvePath(ctx, field(action, 'host'), 'hosts', 'host', [...path, 'host']);
  if (r === undefined) return;
  const provider = r.network.provider;
  const port = stringField(action, 'port');
  if (port !== undefined) {
    if (provider !== undefined && provider !== 'openstack') {
      ctx.sink.error(
        [...path, 'port'],
        'wrong-provider-field',
        `\`port\` is an OpenStack field — ${PROVIDER_NAMES[provider]} hosts have one interface; remove it`,
        true,
      );
      return;
    }
    // A port is named by its subnet: `subnet` (the host's network) or `network/subnet`.
    const own = (s: string | undefined): string | undefined =>
      s === undefined ? undefined : s.includes('/') ? s : `${r.network.name}/${s}`;
    const ports = [
      ...objects(r.entry.raw, 'ports').map(({ item }) => own(stringField(item, 'subnet'))),
      own(stringField(r.entry.raw, 'subnet')),
    ].filter((s): s is string => s !== undefined);
    if (!ports.includes(own(port) ?? ''))
      ctx.sink.error(
        [...path, 'port'],
        'unknown-reference',
        unknownMessage('port', port, ports, ` of host ${r.network.name}/${r.entry.name}`),
      );
  }
  if (provider !== undefined)
    parseSet(
      field(action, 'set'),
      { kind: 'host', provider, port: port !== undefined },
      [...path, 'set'],
      ctx.sink,
    );
  checkFilterSet(ctx, r.network, asObject(field(action, 'set')), [...path, 'set'], 'host');
}
