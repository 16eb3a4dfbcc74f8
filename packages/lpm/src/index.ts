export { PrefixParseError } from './errors.js';
export { tryParseAddress, parseIpv4, formatIpv4, parseIpv6, formatIpv6 } from './address.js';
export {
  tryParsePrefix,
  parsePrefix,
  formatPrefix,
  makePrefix4,
  makePrefix6,
  scanCanonicalPrefix4,
  scanCanonicalIpv4,
} from './prefix.js';
export {
  prefix4Contains,
  prefixContainsPrefix,
  prefixesOverlap,
  prefixEquals,
  prefix4Size,
  prefix4Last,
  comparePrefixes,
} from './prefix-ops.js';
export {
  formatAddress,
  canonicalAddress,
  canonicalPrefix,
  hostPrefix,
  prefixContainsAddress,
  addressAt,
} from './address-ops.js';
export { Trie4 } from './trie4.js';
export { Trie6 } from './trie6.js';
export { Lpm4, compile4 } from './lpm4.js';
export { Lpm6, compile6 } from './lpm6.js';
export { Lpm4Builder } from './lpm4-builder.js';
export { Lpm6Builder } from './lpm6-builder.js';

export type { AddressParseResult, Ipv6Words } from './address.js';
export type { Address } from './address-ops.js';
export type { Prefix, Prefix4, Prefix6, PrefixParseResult, PrefixParseOptions } from './prefix.js';
export type { Entry4 } from './trie4.js';
export type { Entry6 } from './trie6.js';
export type { Route4 } from './lpm4.js';
export type { Route6 } from './lpm6.js';
