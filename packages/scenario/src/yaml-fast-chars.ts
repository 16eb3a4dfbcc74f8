/** Character codes the fast readers (the YAML reader's scanner, scalars and parser, and the JSON reader) compare against. */
export const NL = 10;
export const CR = 13;
export const SP = 32;
export const HASH = 35;
export const COLON = 58;
export const DASH = 45;
export const COMMA = 44;
export const DOT = 46;
export const OPEN_BRACKET = 91;
export const CLOSE_BRACKET = 93;
export const OPEN_BRACE = 123;
export const CLOSE_BRACE = 125;
export const DOUBLE_QUOTE = 34;
export const SINGLE_QUOTE = 39;
export const PIPE = 124;
export const GT = 62;
export const BACKSLASH = 92;

/** A line feed, a carriage return (always before a line feed here) or the text's end. */
export function lineEnd(c: number): boolean {
  return c === NL || c === CR || Number.isNaN(c);
}
