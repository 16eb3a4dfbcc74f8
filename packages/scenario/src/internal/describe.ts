/** Short descriptions of values and lists for messages. */

/** A short description of a value for messages: `a string`, `the number 3`, `a list`. */
export function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'nothing';
  if (Array.isArray(v)) return 'a list';
  switch (typeof v) {
    case 'string':
      return v.length > 40 ? `the text \`${v.slice(0, 37)}...\`` : `the text \`${v}\``;
    case 'number':
      return `the number ${v}`;
    case 'boolean':
      return `\`${v}\``;
    case 'object':
      return 'a mapping';
    case 'bigint':
    case 'function':
    case 'symbol':
    case 'undefined':
      break;
  }
  return `a ${typeof v}`;
}

/** `a nat`, `an igw`: the article of a gateway kind or other lower-case word. */
export function aKind(kind: string): string {
  return `${/^[aeiou]/i.test(kind) ? 'an' : 'a'} ${kind}`;
}

/** `a, b, c` with at most `max` items (then `… (12 more)`), each in backticks unless `plain`. */
export function listNames(names: readonly string[], max = 12, plain = true): string {
  const shown = names.slice(0, max).map((n) => (plain ? n : `\`${n}\``));
  const more = names.length > max ? `, … (${names.length - max} more)` : '';
  return shown.join(', ') + more;
}
