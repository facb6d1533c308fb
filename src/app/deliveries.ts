/** How many delivery ids the App remembers; GitHub redelivers within hours, not millions of events. */
export const DEFAULT_DELIVERY_MEMORY = 10_000;

/**
 * The `X-GitHub-Delivery` ids already handled, so a redelivered webhook is handled once.
 * In memory, least recently seen evicted first: it does not survive a restart and is not shared
 * between App processes — run one process, or accept a rare duplicate (every write ATQOS makes
 * is idempotent or harmless twice).
 */
export class DeliveryMemory {
  private readonly seen = new Map<string, true>();

  constructor(private readonly capacity = DEFAULT_DELIVERY_MEMORY) {}

  /** True the first time an id is claimed; false for a redelivery (or one still in flight). */
  claim(id: string): boolean {
    if (this.seen.has(id)) {
      this.seen.delete(id);
      this.seen.set(id, true);
      return false;
    }
    this.seen.set(id, true);
    if (this.seen.size > this.capacity) {
      const oldest = this.seen.keys().next().value;
      if (oldest !== undefined) this.seen.delete(oldest);
    }
    return true;
  }

  /** Forgets an id whose handling failed, so GitHub's redelivery is handled again. */
  release(id: string): void {
    this.seen.delete(id);
  }

  get size(): number {
    return this.seen.size;
  }
}
