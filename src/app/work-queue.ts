/**
 * Webhook work done after GitHub got its 2xx: at most `concurrency` jobs at once and at most
 * `backlog` waiting. A delivery that finds the backlog full is handled before the response
 * instead (backpressure), so nothing is ever dropped. `idle()` resolves when all work is done.
 */
export class WorkQueue {
  private running = 0;
  private readonly waiting: (() => Promise<void>)[] = [];
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly concurrency = 8,
    private readonly backlog = 1000,
  ) {}

  /** Queues `job`; returns a promise only when the caller must wait (backlog full). */
  submit(job: () => Promise<void>): Promise<void> | undefined {
    if (this.waiting.length >= this.backlog) return job();
    this.waiting.push(job);
    this.pump();
    return undefined;
  }

  get pending(): number {
    return this.running + this.waiting.length;
  }

  idle(): Promise<void> {
    return this.pending === 0 ? Promise.resolve() : new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private pump(): void {
    while (this.running < this.concurrency && this.waiting.length) {
      const job = this.waiting.shift() as () => Promise<void>;
      this.running += 1;
      // Jobs report their own failures; a rejection here must not become an unhandled one.
      void job().catch(() => undefined).finally(() => {
        this.running -= 1;
        this.pump();
        if (this.pending === 0) for (const wake of this.idleWaiters.splice(0)) wake();
      });
    }
  }
}
