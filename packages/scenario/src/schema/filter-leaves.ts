/** The leaves the traffic filters share: ports, protocols, ICMP types and codes, bounded numbers, caseless names. */
import * as z from 'zod';
import type { IpProtocol, PortRange } from '@cloudroute/model';
import { describeValue } from '../internal/describe.js';
import { suggest } from '../internal/suggest.js';
import { providerId, wholeNumber } from './leaves.js';
import { coded, doc } from './registry.js';

export const id = providerId.exactOptional();
export const description = doc(z.string().max(1024), 'Free text (kept for traces).').exactOptional();

/** Every port. */
export const ALL_PORTS: PortRange = { lo: 0, hi: 65535 };

export type Issue = (message: string) => never;

export const fail =
  (ctx: z.core.$RefinementCtx, input: unknown, code: string): Issue =>
  (message) => {
    ctx.issues.push({ code: 'custom', input, message: coded(code, message) });
    return z.NEVER;
  };

/** `80` or `"1000-2000"` (or a number-string `"80"`) as a range; a message when it is not one. */
export function parsePortRange(v: unknown, max = 65535): PortRange | string {
  const bad = `${describeValue(v)} is not a port — write a number from 0 to ${max} or a range \`lo-hi\` such as \`1024-65535\``;
  let lo: number;
  let hi: number;
  if (typeof v === 'number') {
    if (!Number.isInteger(v)) return bad;
    lo = hi = v;
  } else if (typeof v === 'string') {
    const m = /^\s*(\d{1,6})\s*(?:-\s*(\d{1,6})\s*)?$/.exec(v);
    if (m === null) return bad;
    lo = Number(m[1]);
    hi = m[2] === undefined ? lo : Number(m[2]);
  } else return bad;
  if (lo < 0 || hi > max || lo > max)
    return `port ${String(v)} is outside 0–${max} — write ports from 0 to ${max}`;
  if (lo > hi)
    return `the range \`${String(v)}\` runs backwards — write the lower port first (\`${hi}-${lo}\`)`;
  return { lo, hi };
}

export const portInput = z.union([z.int(), z.string()], {
  error: (iss) =>
    iss.input === undefined
      ? undefined
      : coded(
          'bad-port',
          `${describeValue(iss.input)} is not a port — write a number from 0 to 65535 or a range \`lo-hi\``,
        ),
});

/** A port or an inclusive range: `443`, `1024-65535` → `{ lo, hi }`. */
export const portRange = doc(
  portInput.transform((v, ctx): PortRange => {
    const r = parsePortRange(v);
    return typeof r === 'string' ? fail(ctx, v, 'bad-port')(r) : r;
  }),
  'A port (`443`) or an inclusive range `lo-hi` (`1024-65535`).',
  'PortRange',
);

/** IANA numbers of the protocol names a rule may use beside tcp, udp and icmp. */
const PROTOCOL_NUMBERS: Readonly<Record<string, number>> = {
  icmpv6: 58,
  esp: 50,
  ah: 51,
  gre: 47,
  sctp: 132,
  ipip: 4,
};

/** The names that mean every protocol: AWS `-1`, GCP `all`, Azure `*`. */
const ALL_NAMES = new Set(['all', '-1', '*', 'any']);

/**
 * A protocol as AWS, GCP and Neutron write it — a name (`tcp`, case-insensitive), a number (`6`,
 * `"17"`), or every protocol (`all`, `-1`, `"*"`) — as an {@link IpProtocol}: 1, 6, 17 become
 * `icmp`, `tcp`, `udp`; other numbers stay numbers.
 */
export function normaliseProtocol(v: unknown): IpProtocol | undefined {
  let n: number;
  if (typeof v === 'number') {
    if (v === -1) return 'all';
    n = v;
  } else if (typeof v === 'string') {
    const t = v.trim().toLowerCase();
    if (ALL_NAMES.has(t)) return 'all';
    if (t === 'tcp' || t === 'udp' || t === 'icmp') return t;
    const named = PROTOCOL_NUMBERS[t];
    if (named !== undefined) return named;
    if (!/^\d{1,3}$/.test(t)) return undefined;
    n = Number(t);
  } else return undefined;
  if (!Number.isInteger(n) || n < 0 || n > 255) return undefined;
  return n === 6 ? 'tcp' : n === 17 ? 'udp' : n === 1 ? 'icmp' : n;
}

const PROTOCOL_HELP = '`tcp`, `udp`, `icmp`, `all` (or `-1`), or a protocol number from 0 to 255';

/** An IP protocol (AWS, GCP, Neutron rules) normalised to `all | tcp | udp | icmp | number`. */
export const ipProtocol = doc(
  z
    .union([z.string(), z.int()], {
      error: (iss) =>
        iss.input === undefined
          ? undefined
          : coded('bad-protocol', `${describeValue(iss.input)} is not a protocol — write ${PROTOCOL_HELP}`),
    })
    .transform((v, ctx): IpProtocol => {
      const p = normaliseProtocol(v);
      if (p !== undefined) return p;
      const close =
        typeof v === 'string'
          ? suggest(v, ['tcp', 'udp', 'icmp', 'all', ...Object.keys(PROTOCOL_NUMBERS)])
          : undefined;
      return fail(
        ctx,
        v,
        'bad-protocol',
      )(
        `\`${String(v)}\` is not a protocol${close === undefined ? '' : `; did you mean \`${close}\`?`} — write ${PROTOCOL_HELP}`,
      );
    }),
  `The IP protocol: ${PROTOCOL_HELP} (esp, ah, gre, sctp, ipip, icmpv6 by name too).`,
  'IpProtocol',
);

export const icmpValue = (what: string) =>
  doc(
    z
      .int({
        error: (iss) =>
          iss.input === undefined
            ? undefined
            : coded(
                'bad-value',
                `${describeValue(iss.input)} is not an ICMP ${what} — write 0 to 255, or -1 for all`,
              ),
      })
      .min(-1, { error: coded('out-of-range', `an ICMP ${what} is 0 to 255, or -1 for all — change it`) })
      .max(255, { error: coded('out-of-range', `an ICMP ${what} is 0 to 255, or -1 for all — change it`) }),
    `ICMP ${what} (0–255; -1 or absent: all).`,
  ).exactOptional();

/** `-1` (all) becomes absent, as the model reads it. */
export function withoutAllIcmp<T extends { icmpType?: number; icmpCode?: number }>(r: T): T {
  const { icmpType, icmpCode, ...rest } = r;
  return {
    ...rest,
    ...(icmpType === undefined || icmpType === -1 ? {} : { icmpType }),
    ...(icmpCode === undefined || icmpCode === -1 ? {} : { icmpCode }),
  } as T;
}

/** Ports are for TCP and UDP; ICMP types and codes are for ICMP (AWS-R35). */
export function checkPortsFor(
  r: { protocol: IpProtocol; port?: PortRange; icmpType?: number; icmpCode?: number },
  ctx: z.core.$RefinementCtx,
  rule: string,
): void {
  if (r.port !== undefined && r.protocol !== 'tcp' && r.protocol !== 'udp')
    ctx.addIssue({
      code: 'custom',
      path: ['port'],
      input: r.port,
      message: coded(
        rule,
        `\`port\` is for tcp and udp — protocol ${String(r.protocol)} has no ports${r.protocol === 'icmp' ? ' (use `icmpType` and `icmpCode`)' : ''}; remove it`,
      ),
    });
  for (const key of ['icmpType', 'icmpCode'] as const)
    if (r[key] !== undefined && r.protocol !== 'icmp')
      ctx.addIssue({
        code: 'custom',
        path: [key],
        input: r[key],
        message: coded(
          rule,
          `\`${key}\` is for ICMP rules — protocol ${String(r.protocol)} has none; remove it`,
        ),
      });
}

export const numberIn = (min: number, max: number, what: string, rule: string) => {
  const outside = (iss: { readonly input?: unknown }): string =>
    coded(rule, `${what} ${String(iss.input)} is outside ${min}–${max} — use a number from ${min} to ${max}`);
  return wholeNumber(min, max, what).min(min, { error: outside }).max(max, { error: outside });
};

export const caseless = <const T extends string>(
  values: readonly [T, ...T[]],
  what: string,
  extra: Readonly<Record<string, T>> = {},
) =>
  z
    .string({
      error: (iss) =>
        iss.input === undefined
          ? undefined
          : coded(
              'bad-value',
              `${describeValue(iss.input)} is not ${what} — use one of ${values.join(', ')}`,
            ),
    })
    .transform((v, ctx): T => {
      const t = v.trim().toLowerCase();
      const found = values.find((x) => x.toLowerCase() === t) ?? extra[t];
      if (found !== undefined) return found;
      const close = suggest(v, values);
      return fail(
        ctx,
        v,
        'bad-value',
      )(
        `\`${v}\` is not ${what}${close === undefined ? '' : `; did you mean \`${close}\`?`} — use one of ${values.join(', ')}`,
      );
    });
