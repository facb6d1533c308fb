import type { Task } from '../../core/index.js';

/** Runs `work` over items with at most `limit` at once; resolves when all are done. */
export async function pool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  });
  await Promise.all(lanes);
}

/**
 * Orders tasks into waves: a task runs only after every task it depends on is done, so a wave
 * can run in parallel. A dependency outside the set (not selected) is treated as unmet.
 */
export function waves(tasks: readonly Task[]): Task[][] {
  const ids = new Set(tasks.map((t) => t.id));
  const placed = new Map<string, number>();
  const out: Task[][] = [];
  let remaining = [...tasks];
  while (remaining.length) {
    const ready = remaining.filter((t) => t.dependsOn.every((d) => placed.has(d) || !ids.has(d)));
    if (ready.length === 0) {
      // A cycle: run the rest in one last wave rather than never.
      out.push(remaining);
      break;
    }
    for (const t of ready) placed.set(t.id, out.length);
    out.push(ready);
    remaining = remaining.filter((t) => !placed.has(t.id));
  }
  return out;
}

/** At most `limit` holders at once; the others wait in arrival order. */
export class Semaphore {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: number) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active += 1;
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      // The slot passes straight to the next waiter, so a newcomer can never jump the queue.
      if (next) next();
      else this.active -= 1;
    }
  }
}
