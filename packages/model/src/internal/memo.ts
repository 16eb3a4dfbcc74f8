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
 * ({@link sameData}) to the one it replaces, made from the same `anchor` object, is dropped for
 * the old one, so a value stays the identical object while its content does not change.
 *
 *   WeakMap<key object, { deps, anchor, value }>
 */
export class StableMemo<K extends object, V> {
  private readonly cache = new WeakMap<
    K,
    { readonly deps: readonly unknown[]; readonly anchor: object; readonly value: V }
  >();

  get(key: K, anchor: object, deps: readonly unknown[], build: () => V): V {
    const hit = this.cache.get(key);
    if (hit && hit.anchor === anchor && sameDeps(hit.deps, deps)) return hit.value;
    const fresh = build();
    const value = hit && hit.anchor === anchor && sameData(hit.value, fresh) ? hit.value : fresh;
    this.cache.set(key, { deps, anchor, value });
    return value;
  }
}

/**
 * Whether two values of plain data (objects, arrays, strings, numbers, booleans, null) are equal
 * in content: the same keys with equal values, the same items in the same order. A key present
 * with the value undefined differs from an absent one (the safe side: the value is not reused).
 */
export function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameData(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  // for…in, not Object.keys: no array per object (plain data has no inherited enumerable keys).
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let n = 0;
  for (const k in x) {
    n++;
    if (!Object.hasOwn(y, k) || !sameData(x[k], y[k])) return false;
  }
  for (const k in y) if (Object.hasOwn(y, k)) n--;
  return n === 0;
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
