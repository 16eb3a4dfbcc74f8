/**
 * `trace --protocol --port --source-port` (FILTERS.md "Output"): the packet's protocol and ports,
 * checked as the scenario format checks a flow's (FILTERS.md "Flows"). A bad value is the user's
 * mistake: a message naming the option and what to give, exit 2.
 */

/** The packet a trace sends, beyond its addresses; absent fields mean what a flow without them means. */
export interface PacketFlags {
  readonly protocol?: 'tcp' | 'udp' | 'icmp' | 'any';
  readonly port?: number;
  readonly sourcePorts?: { readonly lo: number; readonly hi: number };
}

const PROTOCOLS = ['tcp', 'udp', 'icmp', 'any'] as const;

function portNumber(flag: string, text: string): number {
  if (!/^\d{1,5}$/.test(text) || Number(text) > 65535)
    throw new RangeError(`${flag} ${JSON.stringify(text)}: not a port — give a whole number from 0 to 65535`);
  return Number(text);
}

/** Parses the three options; throws a RangeError whose message is the user-facing one. */
export function packetFlags(o: { protocol?: string; port?: string; sourcePort?: string }): PacketFlags {
  let protocol: PacketFlags['protocol'];
  if (o.protocol !== undefined) {
    const p = o.protocol.toLowerCase();
    if (!(PROTOCOLS as readonly string[]).includes(p))
      throw new RangeError(`--protocol ${JSON.stringify(o.protocol)}: give one of tcp, udp, icmp or any`);
    protocol = p as PacketFlags['protocol'];
  }
  let port: number | undefined;
  if (o.port !== undefined) {
    if (protocol !== 'tcp' && protocol !== 'udp')
      throw new RangeError(
        `--port ${o.port}: a destination port needs --protocol tcp or --protocol udp (ICMP and any-protocol packets have no port)`,
      );
    port = portNumber('--port', o.port);
  }
  let sourcePorts: PacketFlags['sourcePorts'];
  if (o.sourcePort !== undefined) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(o.sourcePort.trim());
    if (!m)
      throw new RangeError(
        `--source-port ${JSON.stringify(o.sourcePort)}: give a port or a range lo-hi, e.g. 32768-61000`,
      );
    const lo = portNumber('--source-port', m[1]!);
    const hi = m[2] === undefined ? lo : portNumber('--source-port', m[2]);
    if (hi < lo)
      throw new RangeError(
        `--source-port ${o.sourcePort}: the range is backwards — write the lower port first`,
      );
    sourcePorts = { lo, hi };
  }
  return {
    ...(protocol === undefined ? {} : { protocol }),
    ...(port === undefined ? {} : { port }),
    ...(sourcePorts === undefined ? {} : { sourcePorts }),
  };
}
