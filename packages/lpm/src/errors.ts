/**
 * The error thrown by the throwing parsers (`parsePrefix`, `parseIpv4`, `parseIpv6`).
 *
 * Its message names the text and says what is wrong with it, for example
 * `10.0.0.0/33: prefix length 33 out of range (0-32)`. The non-throwing parsers
 * (`tryParsePrefix`, `tryParseAddress`) return the same message as data instead.
 */
export class PrefixParseError extends Error {
  /** The text that failed to parse. */
  readonly text: string;

  /**
   * @param message - the full message, starting with the offending text
   * @param text - the text that failed to parse
   */
  constructor(message: string, text: string) {
    super(message);
    this.name = 'PrefixParseError';
    this.text = text;
  }
}
