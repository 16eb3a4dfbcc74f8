/**
 * Secrets in the input, and keeping them out of every output (the written scenario, its header,
 * the warnings on stderr, the what-if timeline).
 *
 * What is a secret:
 * - any value under a credential-like key of the AWS, Azure and Terraform schemas, at any depth
 *   (everything beneath such a key): pre-shared keys (AWS `TunnelOptions[].PreSharedKey` and the
 *   `CustomerGatewayConfiguration` XML, Azure `sharedKey`, Terraform `shared_key`,
 *   `tunnel1_preshared_key`), authorization keys (`authorizationKey`, `authorization_key`), BGP
 *   and MD5 keys (`AuthKey`, `bgp_auth_key`, `md5_authentication_key`), passwords and admin
 *   credentials, RADIUS and client secrets, connection strings, SAS tokens and URLs, access and
 *   private keys, tokens, custom and user data;
 * - whatever Terraform marks sensitive: the leaves `after_sensitive` / `before_sensitive` mark in a
 *   change (resources and `output_changes`), those `sensitive_values` mark in planned values and
 *   states, outputs with `sensitive: true`, and the values of variables declared `sensitive`.
 *
 * Keys are matched case- and separator-insensitively (`authorizationKey` = `authorization_key`).
 * The importers never copy these fields, and the Terraform reader drops the attributes Terraform
 * marks sensitive before any importer sees them ({@link withoutSensitive}); as a second line of
 * defence every text the import produces is scrubbed of every secret value seen in the input, of
 * any length: a value of 8 characters or more wherever it occurs, a shorter one wherever it stands
 * as a whole token (so that a 4-character key is caught without mangling every word that happens
 * to contain its letters).
 */

/** Credential-like key names, lowercased and without separators; a key matches when it contains one. */
const SECRET_WORDS = [
  'presharedkey',
  'sharedkey',
  'psk',
  'password',
  'passwd',
  'passphrase',
  'secret',
  'authorizationkey',
  'authkey',
  'authenticationkey',
  'md5',
  'credential',
  'connectionstring',
  'sastoken',
  'sasurl',
  'sasuri',
  'saskey',
  'sharedaccess',
  'accesskey',
  'privatekey',
  'apikey',
  'token',
  'primarykey',
  'secondarykey',
  'customergatewayconfiguration',
  'customdata',
  'userdata',
] as const;

/** Keys that are exactly a credential word too short to search for inside other keys. */
const SECRET_EXACT = new Set(['sas', 'pwd', 'pass']);

/** Flags about a credential (`password_enabled`, `disable_password_authentication`), not credentials. */
const FLAG =
  /^(enable|disable|is|has|use|require)|(enabled|disabled|required|type|types|method|policy|length|expiry|expiration|version)$/;

/** Is `key` a credential-like field name of the AWS, Azure or Terraform schemas? */
export function isSecretKey(key: string): boolean {
  const k = key.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (SECRET_EXACT.has(k)) return true;
  if (FLAG.test(k)) return false;
  return SECRET_WORDS.some((w) => k.includes(w));
}

const XML_KEY = /<pre_shared_key>([^<]+)<\/pre_shared_key>/g;
/** Strings that are a switch's value, never a secret's (scrubbing them would break the output). */
const TRIVIAL = new Set(['', 'true', 'false', 'null', 'none', 'redacted']);
/** At and above this length a secret is scrubbed wherever it occurs, below only as a whole token. */
const SUBSTRING_MIN = 8;
const WORD = /[A-Za-z0-9]/;
/** Characters of IPv4/IPv6 addresses and prefixes. */
const ADDRESS_CHAR = /[0-9A-Fa-f.:/]/;
const ADDRESS = /^[0-9A-Fa-f.:]*[.:][0-9A-Fa-f.:]*(\/\d{1,3})?$/;

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * A copy of a Terraform value without what its sensitivity mirror (`after_sensitive`,
 * `before_sensitive`, `sensitive_values`: `true` at each sensitive leaf or subtree) marks: marked
 * attributes are removed, marked list items become `null`. A mirror of `true` removes everything.
 */
export function withoutSensitive(value: unknown, mirror: unknown): unknown {
  if (mirror === true) return undefined;
  if (Array.isArray(value) && Array.isArray(mirror))
    return value.map((v, i) => {
      const m: unknown = mirror[i];
      return m === true ? null : withoutSensitive(v, m);
    });
  if (isObject(value) && isObject(mirror)) {
    const out: Json = {};
    for (const [k, v] of Object.entries(value)) {
      const m = mirror[k];
      if (m === true) continue;
      out[k] = withoutSensitive(v, m);
    }
    return out;
  }
  return value;
}

export class Secrets {
  private readonly values = new Set<string>();
  /** The values, longest first (a secret that contains another is replaced whole). */
  private sorted: string[] | undefined;

  /** Walks a parsed input and remembers every secret value in it (keys and Terraform's markers). */
  collect(value: unknown): void {
    this.collectByKey(value);
    this.collectTerraform(value);
  }

  private collectByKey(value: unknown): void {
    const walk = (v: unknown, secret: boolean, depth: number): void => {
      if (depth > 200) return;
      if (typeof v === 'string') {
        if (secret) this.remember(v);
        else if (v.includes('<pre_shared_key>'))
          for (const m of v.matchAll(XML_KEY)) this.remember(m[1] ?? '');
        return;
      }
      if (typeof v === 'number') {
        if (secret) this.remember(String(v));
        return;
      }
      if (Array.isArray(v)) {
        for (const x of v) walk(x, secret, depth + 1);
        return;
      }
      if (isObject(v)) for (const [k, x] of Object.entries(v)) walk(x, secret || isSecretKey(k), depth + 1);
    };
    walk(value, false, 0);
  }

  /** Every leaf (string or number) of a value. */
  private rememberAll(v: unknown, depth = 0): void {
    if (depth > 200) return;
    if (typeof v === 'string' || typeof v === 'number') this.remember(String(v));
    else if (Array.isArray(v)) for (const x of v) this.rememberAll(x, depth + 1);
    else if (isObject(v)) for (const x of Object.values(v)) this.rememberAll(x, depth + 1);
  }

  /** The leaves of `value` that a sensitivity mirror marks. */
  private rememberMarked(value: unknown, mirror: unknown, depth = 0): void {
    if (depth > 200 || mirror === undefined || mirror === null || mirror === false) return;
    if (mirror === true) return this.rememberAll(value);
    if (Array.isArray(mirror) && Array.isArray(value))
      mirror.forEach((m, i) => this.rememberMarked(value[i], m, depth + 1));
    else if (isObject(mirror) && isObject(value))
      for (const [k, m] of Object.entries(mirror)) this.rememberMarked(value[k], m, depth + 1);
  }

  /**
   * Terraform's own markers, wherever they stand in a `terraform show -json` document: a change's
   * `before_sensitive` / `after_sensitive`, a resource's `sensitive_values`, an output's
   * `sensitive: true`, and the values of the root and module variables declared sensitive.
   */
  private collectTerraform(doc: unknown): void {
    const walk = (v: unknown, depth: number): void => {
      if (depth > 200) return;
      if (Array.isArray(v)) {
        for (const x of v) walk(x, depth + 1);
        return;
      }
      if (!isObject(v)) return;
      if ('after_sensitive' in v) this.rememberMarked(v['after'], v['after_sensitive']);
      if ('before_sensitive' in v) this.rememberMarked(v['before'], v['before_sensitive']);
      if ('sensitive_values' in v) this.rememberMarked(v['values'], v['sensitive_values']);
      if (v['sensitive'] === true && 'value' in v) this.rememberAll(v['value']);
      // A module call's inputs: the expressions of the module's sensitive variables.
      const called = isObject(v['module']) ? v['module'] : undefined;
      if (called !== undefined && isObject(v['expressions']))
        for (const name of sensitiveVariables(called)) this.rememberAll(v['expressions'][name]);
      for (const x of Object.values(v)) walk(x, depth + 1);
    };
    walk(doc, 0);
    if (!isObject(doc)) return;
    const root = isObject(doc['configuration']) ? doc['configuration']['root_module'] : undefined;
    const vars = isObject(doc['variables']) ? doc['variables'] : {};
    for (const name of isObject(root) ? sensitiveVariables(root) : []) this.rememberAll(vars[name]);
  }

  private remember(s: string): void {
    const t = s.trim();
    if (TRIVIAL.has(t.toLowerCase())) return;
    this.values.add(t);
    this.sorted = undefined;
  }

  get size(): number {
    return this.values.size;
  }

  /** Is this exact value one of the input's secrets? */
  has(value: string): boolean {
    return this.values.has(value.trim());
  }

  /** The text with every known secret replaced by `redacted` (valid in any YAML context). */
  scrub(text: string): string {
    let out = text;
    this.sorted ??= [...this.values].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
    for (const s of this.sorted) {
      if (!out.includes(s)) continue;
      out = s.length >= SUBSTRING_MIN ? out.split(s).join('redacted') : replaceTokens(out, s);
    }
    return out;
  }

  /** {@link scrub} for long secrets only: safe on a whole YAML text, whose keys a short one could hit. */
  scrubLong(text: string): string {
    let out = text;
    for (const s of this.values)
      if (s.length >= SUBSTRING_MIN && out.includes(s)) out = out.split(s).join('redacted');
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
      if (isObject(v)) for (const k of Object.keys(v)) v[k] = walk(v[k]);
      return v;
    };
    walk(doc);
  }
}

/** The names of a Terraform module configuration's variables declared `sensitive`. */
function sensitiveVariables(module: Json): string[] {
  const vars = module['variables'];
  if (!isObject(vars)) return [];
  return Object.entries(vars)
    .filter(([, d]) => isObject(d) && d['sensitive'] === true)
    .map(([k]) => k);
}

/**
 * `text` with each occurrence of `s` that is not part of a longer word, nor of an address or a
 * prefix (a 1-character key `1` must not turn `10.0.1.0/24` into garbage), replaced by `redacted`.
 */
function replaceTokens(text: string, s: string): string {
  let out = '';
  let from = 0;
  for (let i = text.indexOf(s); i >= 0; i = text.indexOf(s, i + 1)) {
    if (i < from) continue;
    const end = i + s.length;
    const before = i === 0 ? '' : (text[i - 1] ?? '');
    const after = text[end] ?? '';
    const glued =
      (WORD.test(s[0] ?? '') && WORD.test(before)) || (WORD.test(s[s.length - 1] ?? '') && WORD.test(after));
    if (glued || inAddress(text, i, end, s)) continue;
    out += `${text.slice(from, i)}redacted`;
    from = end;
  }
  return out + text.slice(from);
}

/** Is text[i, end) a part (not the whole) of an address or prefix? */
function inAddress(text: string, i: number, end: number, s: string): boolean {
  let a = i;
  let b = end;
  while (a > 0 && ADDRESS_CHAR.test(text[a - 1] ?? '')) a--;
  while (b < text.length && ADDRESS_CHAR.test(text[b] ?? '')) b++;
  const token = text.slice(a, b);
  return token !== s && ADDRESS.test(token);
}

/** C0 and C1 controls, DEL, and the Unicode line and paragraph separators. */
// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/**
 * A text from the input (a file path, a name) made safe to print on one line: control characters,
 * line and paragraph separators shown as `\uXXXX` escapes, so that they cannot start a new line
 * in a header comment or on stderr.
 */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
