/**
 * Building diagnostics for validation.
 */
import type { Diagnostic } from '../diagnostics.js';

export type Path = readonly (string | number)[];

export class Diagnostics {
  readonly list: Diagnostic[] = [];

  error(code: string, message: string, path: Path): void {
    this.list.push({ severity: 'error', code, message, path });
  }

  warning(code: string, message: string, path: Path): void {
    this.list.push({ severity: 'warning', code, message, path });
  }
}

/** An ASN inside an inclusive range. */
export function inRange(asn: number, lo: number, hi: number): boolean {
  return asn >= lo && asn <= hi;
}
