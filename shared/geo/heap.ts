// A binary min-heap of (item, priority) pairs for Dijkstra, in typed arrays that grow by
// doubling. Stale entries are not removed: the caller skips an item it has settled already
// ("lazy deletion"), which is cheaper than a decrease-key on a town-sized graph.
export class MinHeap {
  private items: Int32Array;
  private priorities: Float64Array;
  private count = 0;

  constructor(capacity = 64) {
    this.items = new Int32Array(capacity);
    this.priorities = new Float64Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  clear(): void {
    this.count = 0;
  }

  push(item: number, priority: number): void {
    if (this.count === this.items.length) {
      const items = new Int32Array(this.count * 2);
      items.set(this.items);
      this.items = items;
      const priorities = new Float64Array(this.count * 2);
      priorities.set(this.priorities);
      this.priorities = priorities;
    }
    const items = this.items;
    const priorities = this.priorities;
    let i = this.count++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (priorities[parent]! <= priority) break;
      items[i] = items[parent]!;
      priorities[i] = priorities[parent]!;
      i = parent;
    }
    items[i] = item;
    priorities[i] = priority;
  }

  /** The item of least priority; the heap must not be empty. */
  pop(): number {
    const items = this.items;
    const priorities = this.priorities;
    const top = items[0]!;
    const n = --this.count;
    if (n === 0) return top;
    const lastItem = items[n]!;
    const lastPriority = priorities[n]!;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && priorities[child + 1]! < priorities[child]!) child++;
      if (priorities[child]! >= lastPriority) break;
      items[i] = items[child]!;
      priorities[i] = priorities[child]!;
      i = child;
    }
    items[i] = lastItem;
    priorities[i] = lastPriority;
    return top;
  }
}
