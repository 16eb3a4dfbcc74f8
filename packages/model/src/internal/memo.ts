/**
 * Memoisation keyed on object identity. The engine keeps states in immer, whose structural
 * sharing leaves unchanged objects identical, so "same object, same dependencies" means "same
 * result": a table rebuilt from identical inputs is returned as the identical object, and
 * downstream compilers can skip it.
 *
 *   WeakMap<key object, { deps: unknown[] (compared with ===), value }>
 */
export class Memo<K extends object, V> {
  private readonly cache = new WeakMap<K, { readonly deps: readonly unknown[]; readonly value: V }>();

  get(key: K, deps: readonly unknown[], build: () => V): V {
    const hit = this.cache.get(key);
    if (hit && sameDeps(hit.deps, deps)) return hit.value;
    const value = build();
    this.cache.set(key, { deps, value });
    return value;
  }
}

/**
 * A {@link Memo} for values rebuilt on coarse dependencies: a rebuilt value equal in content
 * (`text`) to the one it replaces, made from the same `anchor` object, is dropped for the old
 * one, so a value stays the identical object while its content does not change.
 *
 *   WeakMap<key object, { deps, anchor, text, value }>
 */
export class StableMemo<K extends object, V> {
  private readonly cache = new WeakMap<
    K,
    { readonly deps: readonly unknown[]; readonly anchor: object; readonly text: string; readonly value: V }
  >();

  constructor(private readonly text: (value: V) => string) {}

  get(key: K, anchor: object, deps: readonly unknown[], build: () => V): V {
    const hit = this.cache.get(key);
    if (hit && hit.anchor === anchor && sameDeps(hit.deps, deps)) return hit.value;
    const fresh = build();
    const text = this.text(fresh);
    const value = hit && hit.anchor === anchor && hit.text === text ? hit.value : fresh;
    this.cache.set(key, { deps, anchor, text, value });
    return value;
  }
}

function sameDeps(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** A per-object cache without dependencies (derived data of an immutable object). */
export function weakCache<K extends object, V>(build: (key: K) => V): (key: K) => V {
  const cache = new WeakMap<K, V>();
  return (key) => {
    let v = cache.get(key);
    if (v === undefined) {
      v = build(key);
      cache.set(key, v);
    }
    return v;
  };
}

const NO_TABLE = {};

/**
 * One key object per (network object, route table or none): the subnets of a network that use the
 * same route table have the same routes (AWS-R10, AZ-R5), so a memo keyed by it builds them once
 * and hands every such subnet the identical array. A changed network is a new object: new keys.
 */
export const routeTableKey = (() => {
  const keys = new WeakMap<object, WeakMap<object, object>>();
  return (network: object, table: object | undefined): object => {
    let byTable = keys.get(network);
    if (!byTable) keys.set(network, (byTable = new WeakMap()));
    const t = table ?? NO_TABLE;
    let key = byTable.get(t);
    if (!key) byTable.set(t, (key = {}));
    return key;
  };
})();
