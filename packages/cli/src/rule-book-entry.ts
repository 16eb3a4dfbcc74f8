/**
 * The shape of the rule book bundled into the CLI for `cloudroute explain`: its entries are
 * generated from docs/ into `generated/rule-book.ts` by `node scripts/check-rule-ids.mjs --write`;
 * their type lives here, written once, and the generated module imports it.
 */

/** What an entry explains. */
export type RuleBookKind = 'rule' | 'invariant' | 'example' | 'reason' | 'verdict';

/** One entry: a provider rule, an invariant, a worked example, a drop reason or a verdict. */
export interface RuleBookEntry {
  readonly id: string;
  readonly kind: RuleBookKind;
  readonly title: string;
  /** The explanation, one paragraph. */
  readonly text: string;
  /** `Status`, `Default`, `Source`, `Code`, `Tests`, `Typical cause`, `What to change`, ... in page order. */
  readonly fields: readonly (readonly [string, string])[];
  /** The page and anchor in the repository. */
  readonly doc: string;
}
