/**
 * Secrets in the input: VPN pre-shared keys (AWS `CustomerGatewayConfiguration` XML and
 * `TunnelOptions[].PreSharedKey`, Azure `sharedKey`, Terraform `shared_key` and
 * `tunnel*_preshared_key`). The importers never copy these fields; as a second line of defence
 * every text the import produces (scenario and warnings) is scrubbed of every secret value seen in
 * the input.
 */

const SECRET_KEY = /(pre_?shared_?key|shared_?key|^psk$|password|secret)/i;
const XML_KEY = /<pre_shared_key>([^<]+)<\/pre_shared_key>/g;

export class Secrets {
  private readonly values = new Set<string>();

  /** Walks a parsed input and remembers every secret value in it. */
  collect(value: unknown): void {
    const walk = (v: unknown, key: string | undefined, depth: number): void => {
      if (depth > 200) return;
      if (typeof v === 'string') {
        if (key !== undefined && SECRET_KEY.test(key)) this.remember(v);
        if (v.includes('<pre_shared_key>')) for (const m of v.matchAll(XML_KEY)) this.remember(m[1] ?? '');
        return;
      }
      if (Array.isArray(v)) {
        for (const x of v) walk(x, key, depth + 1);
        return;
      }
      if (v !== null && typeof v === 'object')
        for (const [k, x] of Object.entries(v as Record<string, unknown>)) walk(x, k, depth + 1);
    };
    walk(value, undefined, 0);
  }

  private remember(s: string): void {
    const t = s.trim();
    // Short values (`true`, `0`) would scrub innocent text; real keys are 8+ characters.
    if (t.length >= 8) this.values.add(t);
  }

  get size(): number {
    return this.values.size;
  }

  /** The text with every known secret replaced by `redacted` (valid in any YAML context). */
  scrub(text: string): string {
    let out = text;
    for (const s of this.values) if (out.includes(s)) out = out.split(s).join('redacted');
    return out;
  }

  /** Scrubs every string of a document in place (before it is written and validated). */
  scrubDocument(doc: unknown): void {
    if (this.values.size === 0) return;
    const walk = (v: unknown): unknown => {
      if (typeof v === 'string') return this.scrub(v);
      if (Array.isArray(v)) {
        for (let i = 0; i < v.length; i++) v[i] = walk(v[i]);
        return v;
      }
      if (v !== null && typeof v === 'object') {
        const o = v as Record<string, unknown>;
        for (const k of Object.keys(o)) o[k] = walk(o[k]);
      }
      return v;
    };
    walk(doc);
  }
}
