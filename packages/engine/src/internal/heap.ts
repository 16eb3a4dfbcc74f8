/**
 * A binary min-heap of queued events ordered by (at, class, seq): at equal times, timeline
 * commands (class 0) before facts the engine scheduled (class 1), each in the order queued.
 *
 * Layout: `items` is the usual implicit tree, children of i at 2i+1 and 2i+2.
 */
export interface Queued<T> {
  readonly at: number;
  readonly klass: 0 | 1;
  readonly seq: number;
  readonly item: T;
}

function before<T>(a: Queued<T>, b: Queued<T>): boolean {
  if (a.at !== b.at) return a.at < b.at;
  if (a.klass !== b.klass) return a.klass < b.klass;
  return a.seq < b.seq;
}

export class EventHeap<T> {
  private readonly items: Queued<T>[] = [];

  get size(): number {
    return this.items.length;
  }

  peek(): Queued<T> | undefined {
    return this.items[0];
  }

  push(q: Queued<T>): void {
    const a = this.items;
    a.push(q);
    let i = a.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = a[parent];
      if (!p || !before(q, p)) break;
      a[i] = p;
      i = parent;
    }
    a[i] = q;
  }

  pop(): Queued<T> | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (top === undefined || last === undefined || a.length === 0) return top;
    let i = 0;
    const n = a.length;
    while (true) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const left = a[l];
      const right = a[r];
      let c = l;
      let child = left;
      if (right !== undefined && left !== undefined && before(right, left)) {
        c = r;
        child = right;
      }
      if (!child || !before(child, last)) break;
      a[i] = child;
      i = c;
    }
    a[i] = last;
    return top;
  }
}
