/**
 * The leaf values of a scenario file: names, references, durations, prefixes, addresses and
 * numbers. Each validates, explains a bad value in one line, and normalises (durations to seconds,
 * prefixes and addresses to canonical text).
 */
import * as z from 'zod';
import { DURATION_PATTERN, durationProblem, parseDuration } from '../duration.js';
import type { DurationKind } from '../duration.js';
import { formatAddress, formatPrefix, hostBitsFix, tryParseAddress, tryParsePrefix } from '../internal/ip.js';
import { describeValue } from '../internal/describe.js';
import { coded, doc } from './registry.js';

const NAME_PATTERN = /^[^\s/]+$/;

/** The name of an object that others refer to. */
export const name = doc(
  z
    .string()
    .min(1, { error: coded('bad-name', 'empty name — give the object a name') })
    .max(128, { error: coded('bad-name', 'name longer than 128 characters — shorten it') })
    .regex(NAME_PATTERN, {
      error: (iss) =>
        coded(
          'bad-name',
          `\`${String(iss.input)}\` is not a valid name — names have no spaces and no \`/\` (references are \`network/object\` paths)`,
        ),
    }),
  'A name: no spaces, no `/`. Other objects refer to it by `network/name` paths.',
  'Name',
);

/** A provider id kept from an import (free text). */
export const providerId = doc(
  z.string().min(1).max(2048),
  'The provider id of an imported object (kept for traces).',
);

const PATH_PATTERN = /^[^\s/]+\/[^\s/]+$/;

/** A `network/object` path. */
export function objectPath(what: string): z.ZodString {
  return doc(
    z.string().regex(PATH_PATTERN, {
      error: (iss) =>
        coded(
          'bad-reference',
          `\`${String(iss.input)}\` is not a \`network/${what}\` path — write the network's name, a slash and the ${what}'s name`,
        ),
    }),
    `A \`network/${what}\` path.`,
  );
}

/** A flow source: a `network/subnet` or `network/host` path, or a site name (traffic from on-premises). */
export const flowSource = doc(
  z.string().regex(/^[^\s/]+(\/[^\s/]+)?$/, {
    error: (iss) =>
      coded(
        'bad-reference',
        `\`${String(iss.input)}\` is not a flow source — write a \`network/subnet\` or \`network/host\` path, or a site name`,
      ),
  }),
  'A `network/subnet` path, a `network/host` path, or a site name.',
);

/** A name of the same network, or a `network/name` path (OpenStack ports and router interfaces). */
export function localOrPath(what: string): z.ZodString {
  return doc(
    z.string().regex(/^[^\s/]+(\/[^\s/]+)?$/, {
      error: (iss) =>
        coded(
          'bad-reference',
          `\`${String(iss.input)}\` is not a ${what} name or a \`network/${what}\` path`,
        ),
    }),
    `A ${what} of the same network by name, or of another network as \`network/${what}\`.`,
  );
}

/** A plain reference to an object by name (sites, connections, flow groups, names in a network). */
export function reference(what: string): z.ZodString {
  return doc(
    z.string().regex(NAME_PATTERN, {
      error: (iss) =>
        coded('bad-reference', `\`${String(iss.input)}\` is not a ${what} name — write the ${what}'s name`),
    }),
    `The name of a ${what}.`,
  );
}

/** A duration in seconds, written `90s`, `10m`, `1h30m`, `30d`. */
export function duration(kind: DurationKind, description: string) {
  const problem = (iss: { input?: unknown }): string | undefined =>
    iss.input === undefined ? undefined : coded('bad-duration', durationProblem(iss.input, kind));
  return doc(
    z
      .string({ error: problem })
      .regex(new RegExp(DURATION_PATTERN), { error: problem })
      .transform((text, ctx) => {
        const r = parseDuration(text, kind);
        if (r.ok) return r.seconds;
        ctx.issues.push({ code: 'custom', input: text, message: coded('bad-duration', r.message) });
        return z.NEVER;
      }),
    `${description} A duration: whole numbers with units d, h, m, s in that order (\`90s\`, \`10m\`, \`1h30m\`, \`30d\`); a plain number is refused.`,
  );
}

const LOOSE_PREFIX = /^[0-9A-Fa-f:.]+\/[0-9]+$/;
const LOOSE_ADDRESS = /^[0-9A-Fa-f:.]+$/;
const CIDR_HINT = 'write a CIDR like `10.1.0.0/16`';

/** Parses a prefix; on failure the problem code and a `what — what to do` message (lpm's words). */
function parsePrefixText(
  text: string,
): { ok: true; text: string } | { ok: false; code: string; message: string } {
  if (!text.includes('/')) {
    const a = tryParseAddress(text);
    if (a.ok)
      return {
        ok: false,
        code: 'bad-prefix',
        message: `\`${text}\` is an address, not a prefix — write \`${text}/${a.value.family === 4 ? 32 : 128}\``,
      };
  }
  const fixed = hostBitsFix(text);
  if (fixed !== undefined)
    return {
      ok: false,
      code: 'prefix-host-bits',
      message: `\`${text}\` has host bits set — write \`${fixed}\``,
    };
  const r = tryParsePrefix(text);
  if (r.ok) return { ok: true, text: formatPrefix(r.value) };
  return { ok: false, code: 'bad-prefix', message: `${r.message} — ${CIDR_HINT}` };
}

/** `text` as a canonical prefix; when it is none, an issue in lpm's words (and `z.NEVER`). */
function canonicalPrefix(text: string, ctx: z.core.$RefinementCtx): string {
  const r = parsePrefixText(text);
  if (r.ok) return r.text;
  ctx.issues.push({ code: 'custom', input: text, message: coded(r.code, r.message) });
  return z.NEVER;
}

/** `text` as a canonical address; when it is none, a `bad-address` issue (and `z.NEVER`). */
function canonicalAddress(text: string, ctx: z.core.$RefinementCtx): string {
  const r = tryParseAddress(text);
  if (r.ok) return formatAddress(r.value);
  ctx.issues.push({
    code: 'custom',
    input: text,
    message: coded('bad-address', `${r.message} — write e.g. \`10.1.2.4\``),
  });
  return z.NEVER;
}

/** An IPv4 or IPv6 prefix `address/length` without host bits, normalised to canonical text. */
export const prefix = doc(
  z
    .string()
    .regex(LOOSE_PREFIX, {
      error: (iss) => {
        const r = parsePrefixText(String(iss.input));
        return r.ok ? undefined : coded(r.code, r.message);
      },
    })
    .transform(canonicalPrefix),
  'An IPv4 or IPv6 prefix in CIDR notation without host bits: `10.1.0.0/16`, `2001:db8::/32`.',
  'Prefix',
);

/** An IPv4 or IPv6 address, normalised to canonical text. */
export const address = doc(
  z
    .string()
    .regex(LOOSE_ADDRESS, {
      error: (iss) => {
        const text = String(iss.input);
        return coded(
          'bad-address',
          text.includes('/')
            ? `\`${text}\` is a prefix — write a single address such as \`${text.split('/')[0] ?? ''}\``
            : `\`${text}\` is not an IP address — write e.g. \`10.1.2.4\``,
        );
      },
    })
    .transform(canonicalAddress),
  'An IPv4 or IPv6 address: `10.1.2.4`.',
  'Address',
);

/** An address or a prefix (OpenStack allowed address pairs). */
export const addressOrPrefix = doc(
  z
    .string()
    .regex(/^[0-9A-Fa-f:.]+(\/[0-9]+)?$/, {
      error: (iss) =>
        coded('bad-address', `\`${String(iss.input)}\` is neither an IP address nor a CIDR prefix`),
    })
    .transform((text, ctx) =>
      text.includes('/') ? canonicalPrefix(text, ctx) : canonicalAddress(text, ctx),
    ),
  'An IP address or a CIDR prefix.',
);

/** A whole number, with the `wrong-type` message for what is none (its bounds are the caller's to check). */
export function wholeNumber(min: number, max: number, what: string): z.ZodInt {
  return z.int({
    error: (iss) =>
      iss.input === undefined
        ? undefined
        : coded(
            'wrong-type',
            `expected ${what} (a whole number from ${min} to ${max}), not ${describeValue(iss.input)} — write a plain number`,
          ),
  });
}

function intIn(min: number, max: number, what: string): z.ZodInt {
  return wholeNumber(min, max, what)
    .min(min, {
      error: (iss) =>
        coded('out-of-range', `${String(iss.input)} is below the minimum ${min} for ${what} — raise it`),
    })
    .max(max, {
      error: (iss) =>
        coded('out-of-range', `${String(iss.input)} is above the maximum ${max} for ${what} — lower it`),
    });
}

export const asn = doc(intIn(1, 4_294_967_295, 'an AS number'), 'A BGP AS number (1 to 4294967295).', 'Asn');
export const med = doc(
  intIn(0, 4_294_967_295, 'a MED'),
  'The BGP multi-exit discriminator (lower is preferred).',
);
export const asPath = doc(z.array(asn), 'An AS path, nearest AS first.');
export const priority = doc(
  intIn(0, 65_535, 'a GCP priority'),
  'GCP route priority, 0 to 65535, lower wins (default 1000, GCP-R3).',
);
export const tunnelIndex = doc(
  intIn(0, 15, 'a tunnel index'),
  'A tunnel of the connection, from 0 (default: all of its tunnels).',
);
export const tunnels = doc(
  intIn(1, 16, 'a tunnel count'),
  'Number of tunnels (default per provider: AWS 2, GCP HA VPN 2, Azure 1 or 2 when active-active).',
);

export { intIn };

/** A list of GCP network tags. */
export const tags = doc(z.array(name), 'GCP network tags.');

/** A flow destination: a prefix, a site name or `internet`; prefixes are normalised. */
export const flowDestination = doc(
  z.string().transform((text, ctx) => {
    if (text === 'internet') return text;
    const fail = (code: string, what: string): never => {
      ctx.issues.push({ code: 'custom', input: text, message: coded(code, what) });
      return z.NEVER;
    };
    if (/[.:]/.test(text) && /^[0-9A-Fa-f:./]+$/.test(text)) {
      const r = parsePrefixText(text);
      return r.ok ? r.text : fail(r.code, r.message);
    }
    if (!NAME_PATTERN.test(text))
      return fail(
        'bad-reference',
        `\`${text}\` is not a destination — \`to\` is a prefix, a site name or \`internet\``,
      );
    return text;
  }),
  'Where the flows go: a prefix (`10.2.0.0/16`), a site name, or `internet` (public unicast IPv4 addresses).',
);
