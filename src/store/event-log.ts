import fs from 'node:fs';
import { Event } from '../core/run.js';

/**
 * Appends events as JSON lines in one write and fsyncs them, so a crash loses at most the
 * line being written. Opening per call keeps no descriptor alive between events of a long run.
 */
export function appendEventLines(file: string, events: readonly Event[]): void {
  if (events.length === 0) return;
  const fd = fs.openSync(file, 'a');
  try {
    fs.writeSync(fd, events.map((e) => JSON.stringify(e) + '\n').join(''));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Every well-formed event of an `events.jsonl`; a torn or foreign line is left out. */
export function readEventLog(file: string): Event[] {
  if (!fs.existsSync(file)) return [];
  const events: Event[] = [];
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    try {
      const parsed = Event.safeParse(JSON.parse(line));
      if (parsed.success) events.push(parsed.data);
    } catch {
      // a torn last line after a crash: the store still has the event, repairEventLog restores it
    }
  }
  return events;
}

/**
 * Makes the log agree with the store after a crash: drops a torn last line, then appends the
 * committed events it is missing (a crash between commit and append loses the line, not the
 * event). `committedAfter(seq)` returns the store's events with a greater seq, in order.
 */
export function repairEventLog(file: string, committedAfter: (seq: number) => Event[]): number {
  dropTornTail(file);
  const logged = readEventLog(file);
  const lastLogged = logged.reduce((max, e) => Math.max(max, e.seq), 0);
  const missing = committedAfter(lastLogged);
  appendEventLines(file, missing);
  return missing.length;
}

function dropTornTail(file: string): void {
  if (!fs.existsSync(file)) return;
  const text = fs.readFileSync(file);
  if (text.length === 0 || text[text.length - 1] === 0x0a) return;
  fs.truncateSync(file, text.lastIndexOf(0x0a) + 1);
}
