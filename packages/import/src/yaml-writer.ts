/**
 * A small YAML writer for scenario documents, in the house style of `scenarios/*.yaml`: block
 * mappings and sequences for structure, one flow mapping per line for leaf objects (subnets,
 * routes, hosts, gateways). It records the lines of every sequence item, so that a problem the
 * validator reports at `file:line:column` leads back to the object at fault.
 *
 * Scalars are written plain when the core schema reads them back as the same string, else as
 * JSON strings (a JSON string is a valid YAML double-quoted scalar).
 */
import type { JsonPath } from './internal/json.js';

/** The lines of one sequence item: 1-based, inclusive, relative to the written body. */
export interface ItemLines {
  readonly start: number;
  readonly end: number;
  readonly path: JsonPath;
}

const PLAIN = /^[A-Za-z0-9_/()=][A-Za-z0-9_./()+=~-]*$/;
const AMBIGUOUS =
  /^(?:true|false|null|yes|no|on|off|y|n|~|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?\.(?:inf|nan))$/i;
const FLOW_WIDTH = 220;

export function scalar(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'string') return PLAIN.test(v) && !AMBIGUOUS.test(v) ? v : JSON.stringify(v);
  throw new TypeError(`not a scalar: ${typeof v}`);
}

const isScalar = (v: unknown): boolean => v === null || typeof v !== 'object';
const entries = (o: object): [string, unknown][] => Object.entries(o).filter(([, v]) => v !== undefined);

/** The value on one line in flow style, or undefined when it does not fit. */
function flow(v: unknown): string | undefined {
  if (isScalar(v)) return scalar(v);
  if (Array.isArray(v)) {
    const parts = v.map(flow);
    if (parts.some((p) => p === undefined)) return undefined;
    return `[${parts.join(', ')}]`;
  }
  const parts = entries(v as object).map(([k, x]) => {
    const f = flow(x);
    return f === undefined ? undefined : `${k}: ${f}`;
  });
  if (parts.some((p) => p === undefined)) return undefined;
  return parts.length === 0 ? '{}' : `{ ${parts.join(', ')} }`;
}

/** Objects worth a line of their own: no list of objects inside. */
function leafy(v: unknown, depth = 0): boolean {
  if (isScalar(v)) return true;
  if (depth > 3) return false;
  if (Array.isArray(v)) return v.every(isScalar);
  return entries(v as object).every(([, x]) => leafy(x, depth + 1));
}

export class YamlWriter {
  readonly lines: string[] = [];
  readonly items: ItemLines[] = [];

  comment(text: string, indent = 0): void {
    for (const line of text.split('\n')) this.lines.push(`${' '.repeat(indent)}# ${line}`.trimEnd());
  }

  mapping(o: object, indent: number, path: JsonPath): void {
    const pad = ' '.repeat(indent);
    for (const [k, v] of entries(o)) {
      if (isScalar(v)) {
        this.lines.push(`${pad}${k}: ${scalar(v)}`);
        continue;
      }
      if (Array.isArray(v)) {
        const f = v.every(isScalar) ? flow(v) : v.length === 0 ? '[]' : undefined;
        if (f !== undefined) {
          this.lines.push(`${pad}${k}: ${f}`);
          continue;
        }
        this.lines.push(`${pad}${k}:`);
        v.forEach((item, i) => this.item(item, indent + 2, [...path, k, i]));
        continue;
      }
      const f = leafy(v) ? flow(v) : undefined;
      if (f !== undefined && pad.length + k.length + f.length < FLOW_WIDTH) {
        this.lines.push(`${pad}${k}: ${f}`);
        continue;
      }
      this.lines.push(`${pad}${k}:`);
      this.mapping(v as object, indent + 2, [...path, k]);
    }
  }

  private item(v: unknown, indent: number, path: JsonPath): void {
    const pad = ' '.repeat(indent);
    const start = this.lines.length + 1;
    const f = isScalar(v) || leafy(v) ? flow(v) : undefined;
    if (f !== undefined && pad.length + f.length < FLOW_WIDTH) this.lines.push(`${pad}- ${f}`);
    else if (Array.isArray(v)) {
      this.lines.push(`${pad}-`);
      v.forEach((x, i) => this.item(x, indent + 2, [...path, i]));
    } else {
      const at = this.lines.length;
      this.mapping(v as object, indent + 2, path);
      const first = this.lines[at];
      if (first === undefined) this.lines.push(`${pad}- {}`);
      else this.lines[at] = `${pad}- ${first.slice(indent + 2)}`;
    }
    this.items.push({ start, end: this.lines.length, path });
  }

  text(): string {
    return `${this.lines.join('\n')}\n`;
  }
}
