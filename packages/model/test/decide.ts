/**
 * One packet's decision by a compiled filter program, for the filter tests of every provider:
 * `firstMatch` over the program's entries, then the deciding object and rule (the program's default
 * when nothing matches).
 */
import { ANY_PROTOCOL, PROTO_ICMP, PROTO_TCP, allows, firstMatch } from '@cloudroute/model';
import type { FilterProgram } from '@cloudroute/model';
import { ip4 } from './oracle.js';

/** Ephemeral source ports, the source range of a TCP or UDP packet unless a test says otherwise. */
const EPHEMERAL = [32768, 61000] as const;
const ALL_PORTS = [0, 65535] as const;

/** A packet as `firstMatch` takes it: protocol number and port ranges (default ephemeral to any). */
export interface Flow {
  readonly proto: number;
  readonly src: string;
  readonly dst: string;
  readonly sp?: readonly [number, number];
  readonly dp?: readonly [number, number];
}

/**
 * A packet as the GCP and Neutron tests write it: protocol (default any), one destination port
 * (default any), and for ICMP the type and code (default echo request 8/0).
 */
export interface Packet {
  readonly protocol?: number;
  readonly src: string;
  readonly dst: string;
  readonly port?: number;
  readonly icmp?: readonly [number, number];
}

/** What a program decided for a packet: the verdict and the object and rule that gave it. */
export interface Decision {
  readonly allow: boolean;
  readonly object: string;
  readonly rule: string;
}

/**
 * The port ranges of a {@link Packet}: ICMP carries its type as the destination port and its code
 * as the source port; a packet of any protocol has every source port; TCP and UDP an ephemeral one.
 */
export function flowOf(p: Packet): Required<Flow> {
  const proto = p.protocol ?? ANY_PROTOCOL;
  const [type, code] = p.icmp ?? [8, 0];
  if (proto === PROTO_ICMP) return { proto, src: p.src, dst: p.dst, sp: [code, code], dp: [type, type] };
  const sp = proto === ANY_PROTOCOL ? ALL_PORTS : EPHEMERAL;
  return { proto, src: p.src, dst: p.dst, sp, dp: p.port !== undefined ? [p.port, p.port] : ALL_PORTS };
}

/** The decision of `program` for a {@link Flow} (it has `proto`) or a {@link Packet}. */
export function decide(program: FilterProgram | undefined, packet: Flow | Packet): Decision {
  if (!program) throw new Error('no program');
  const f = 'proto' in packet ? packet : flowOf(packet);
  const [slo, shi] = f.sp ?? EPHEMERAL;
  const [dlo, dhi] = f.dp ?? ALL_PORTS;
  const i = firstMatch(program, f.proto, ip4(f.src), ip4(f.dst), slo, shi, dlo, dhi);
  const e = i >= 0 ? program.entries[i]! : undefined;
  return {
    allow: allows(program, i),
    object: e?.object ?? program.defaultObject,
    rule: e?.rule ?? program.defaultRule,
  };
}

/** A decision as one line of text, `allow|deny <object> <rule>`, to compare with one literal. */
export function verdict(program: FilterProgram | undefined, packet: Flow | Packet): string {
  const d = decide(program, packet);
  return `${d.allow ? 'allow' : 'deny'} ${d.object} ${d.rule}`;
}

/** A TCP packet to one destination port from an ephemeral source port. */
export function tcp(src: string, dst: string, port: number): Flow {
  return { proto: PROTO_TCP, src, dst, dp: [port, port] };
}
