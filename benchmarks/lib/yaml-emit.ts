/**
 * A small YAML writer for generated scenario files: block mappings and sequences at the top, one
 * flow mapping per list item when it fits on a line (as people write scenarios), plain scalars
 * where YAML's core schema reads them back as the same string, double quotes otherwise. Fast
 * enough for a 500,000-route site table (a generic writer spends seconds on it).
 */

type Value = string | number | boolean | null | readonly Value[] | { readonly [k: string]: Value };

/** Plain when the core schema reads the text back as this string (not a number, bool or null). */
const PLAIN = /^[A-Za-z0-9_][A-Za-z0-9_./:-]*$/;
const NOT_STRING =
  /^(?:true|false|null|~|[-+]?(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?|0x[0-9a-fA-F]+|0o[0-7]+|\.inf|\.nan)$/i;

function scalar(v: string | number | boolean | null): string {
  if (typeof v !== 'string') return String(v);
  return PLAIN.test(v) && !NOT_STRING.test(v) ? v : JSON.stringify(v);
}

/** One value in flow style: `{ a: 1, b: [x, y] }`. */
export function flow(v: Value): string {
  if (v === null || typeof v !== 'object') return scalar(v);
  if (Array.isArray(v)) return `[${(v as readonly Value[]).map(flow).join(', ')}]`;
  const parts = Object.entries(v as { readonly [k: string]: Value }).map(
    ([k, x]) => `${scalar(k)}: ${flow(x)}`,
  );
  return parts.length ? `{ ${parts.join(', ')} }` : '{}';
}

const FLOW_WIDTH = 120;

function block(v: Value, indent: string, out: string[]): void {
  if (v === null || typeof v !== 'object') throw new Error('block() takes a mapping or a sequence');
  if (Array.isArray(v)) {
    for (const item of v as readonly Value[]) {
      const f = flow(item);
      if (item === null || typeof item !== 'object' || f.length + indent.length <= FLOW_WIDTH) {
        out.push(`${indent}- ${f}`);
        continue;
      }
      if (Array.isArray(item)) {
        out.push(`${indent}-`);
        block(item, `${indent}  `, out);
        continue;
      }
      // A block mapping whose first key sits on the dash's line.
      const sub: string[] = [];
      block(item, `${indent}  `, sub);
      sub[0] = `${indent}- ${sub[0]!.slice(indent.length + 2)}`;
      for (const line of sub) out.push(line);
    }
    return;
  }
  for (const [k, x] of Object.entries(v as { readonly [k: string]: Value })) {
    if (x === null || typeof x !== 'object') out.push(`${indent}${scalar(k)}: ${scalar(x)}`);
    else if (Array.isArray(x) && x.length === 0) out.push(`${indent}${scalar(k)}: []`);
    else if (
      (!Array.isArray(x) || x.every((i: Value) => i === null || typeof i !== 'object')) &&
      flow(x).length + indent.length + k.length <= FLOW_WIDTH
    )
      out.push(`${indent}${scalar(k)}: ${flow(x)}`);
    else {
      out.push(`${indent}${scalar(k)}:`);
      block(x, Array.isArray(x) ? indent : `${indent}  `, out);
    }
  }
}

/** A document (a mapping) as YAML text. */
export function toYaml(doc: { readonly [k: string]: unknown }): string {
  const out: string[] = [];
  block(doc as Value, '', out);
  return `${out.join('\n')}\n`;
}
