import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { AtqosError } from '../core/errors.js';
import { crashPoint } from '../core/crash-point.js';
import { Event } from '../core/run.js';
import { scrubValue } from '../secrets/index.js';
import { appendEventLines, repairEventLog } from './event-log.js';
import { eventsForRun } from './queries.js';
import type { Store } from './store.js';
import type { StoreTx } from './store-tx.js';

export interface RunRecorderOptions {
  runId: string;
  /** The run directory; `events.jsonl` is written there. Created if missing. */
  runDir: string;
  /** Clock for event timestamps. */
  now?: () => Date;
}

/**
 * Records one run's state changes: each `record` is one SQLite transaction (the change and its
 * event) followed by one fsynced line in `<runDir>/events.jsonl`. One recorder per run at a time.
 */
export class RunRecorder {
  readonly runId: string;
  readonly logFile: string;
  private seq: number;
  private readonly insertEvent: Database.Statement;
  private readonly now: () => Date;

  /** Resumes `seq` from the store and restores log lines a crash lost after their commit. */
  constructor(
    private readonly store: Store,
    opts: RunRecorderOptions,
  ) {
    this.runId = opts.runId;
    this.now = opts.now ?? (() => new Date());
    fs.mkdirSync(opts.runDir, { recursive: true });
    this.logFile = path.join(opts.runDir, 'events.jsonl');
    this.insertEvent = store.db.prepare('INSERT INTO events (run_id, seq, ts, type, data_json) VALUES (?, ?, ?, ?, ?)');
    const max = store.db.prepare<[string], { seq: number | null }>('SELECT MAX(seq) AS seq FROM events WHERE run_id = ?');
    this.seq = max.get(this.runId)?.seq ?? 0;
    repairEventLog(this.logFile, (after) => eventsForRun(store, this.runId, { afterSeq: after }));
  }

  /** The seq of the last committed event (0 before the first). */
  get lastSeq(): number {
    return this.seq;
  }

  /**
   * Runs `apply` and stores the event in one transaction, then appends the event to the log.
   * If anything in the transaction throws, nothing is stored or logged and the error propagates.
   * The first event of a run must insert the run (`tx.insertRun`), as events reference it.
   */
  record(type: string, data: Record<string, unknown>, apply?: (tx: StoreTx) => void): Event {
    if (this.store.db.inTransaction) {
      throw new AtqosError('store_nested_record', `record('${type}') was called inside another store transaction`, {
        hint: 'call record() outside Store.transaction: its log line must follow its own commit',
      });
    }
    // Round-trip through JSON so the returned event equals what the store and the log hold, and
    // scrubbed so that neither ever holds a secret.
    const event = Event.parse({
      seq: this.seq + 1,
      runId: this.runId,
      ts: this.now().toISOString(),
      type,
      data: scrubValue(JSON.parse(JSON.stringify(data)) as unknown),
    });
    this.store.transaction((tx) => {
      apply?.(tx);
      this.insertEvent.run(event.runId, event.seq, event.ts, event.type, JSON.stringify(event.data));
    });
    this.seq = event.seq;
    try {
      appendEventLines(this.logFile, [event]);
    } catch (err) {
      throw new AtqosError('event_log_write_failed', `event ${event.seq} (${type}) is stored but ${this.logFile} could not be appended`, {
        hint: 'free disk space or fix permissions; the next RunRecorder for this run restores the missing line',
        cause: err,
      });
    }
    crashPoint(type);
    return event;
  }
}
