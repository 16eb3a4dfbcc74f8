/**
 * AWS Direct Connect (AWS-R46): a connection with `directConnect:` is a site's virtual interface
 * to a Direct Connect gateway, associated with the AWS gateway the connection ends at — a VGW
 * (private VIF) or a transit gateway (transit VIF) — and carries BGP only.
 */
import { asArray, field } from '../internal/raw.js';
import { refParts } from './topology-index.js';
import type { CheckContext } from './topology-index.js';

export function checkDirectConnect(ctx: CheckContext): void {
  for (const conn of ctx.index.connections.values()) {
    const dx = field(conn.raw, 'directConnect');
    if (dx === undefined) continue;
    const [a, b] = asArray(field(conn.raw, 'between'));
    const end = refParts(a);
    const net = end === undefined ? undefined : ctx.index.networks.get(end.network);
    const gw = end === undefined ? undefined : net?.gateways.get(end.object);
    if (net?.provider !== undefined && net.provider !== 'aws')
      ctx.sink.error(
        [...conn.path, 'directConnect'],
        'wrong-provider-field',
        `connection ${conn.name} has \`directConnect:\` but ends at ${String(a)}, not on AWS — Direct Connect is AWS only: remove \`directConnect:\``,
        true,
      );
    else if (gw?.kind !== undefined && gw.kind !== 'vgw' && gw.kind !== 'tgw')
      ctx.sink.error(
        [...conn.path, 'between', 0],
        'wrong-kind',
        `connection ${conn.name} is Direct Connect but ends at ${String(a)}, a ${gw.kind} — a Direct Connect gateway associates with a vgw (private VIF) or a tgw (transit VIF)`,
      );
    if (typeof b === 'string' && b.includes('/'))
      ctx.sink.error(
        [...conn.path, 'between', 1],
        'wrong-kind',
        `connection ${conn.name} is Direct Connect but its other end ${b} is a gateway — a virtual interface goes to a site: set \`between: [${String(a)}, <site>]\``,
      );
    if (field(conn.raw, 'bgp') !== true)
      ctx.sink.error(
        [...conn.path, 'bgp'],
        field(conn.raw, 'bgp') === undefined ? 'missing-field' : 'bad-value',
        `connection ${conn.name} is Direct Connect, which carries BGP only — set \`bgp: true\``,
      );
  }
}
