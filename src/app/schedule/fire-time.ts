import type { CronSchedule } from './cron.js';
import { parseCron } from './cron.js';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/** A date meets every weekday within 28 years (Feb 29 on a Sunday included): search no further. */
const SEARCH_DAYS = 29 * 366;

/** The latest time at or before `now` (to the minute, UTC) when `cron` fires. */
export function previousFireTime(cron: string | CronSchedule, now: Date): Date {
  const s = typeof cron === 'string' ? parseCron(cron) : cron;
  const start = Math.floor(now.getTime() / MINUTE_MS) * MINUTE_MS;
  const startDay = Math.floor(start / DAY_MS) * DAY_MS;
  for (let i = 0; i <= SEARCH_DAYS; i++) {
    const day = startDay - i * DAY_MS;
    if (!dayMatches(s, day)) continue;
    const limit = i === 0 ? (start - day) / MINUTE_MS : Infinity;
    const minute = lastMinuteOfDay(s, limit);
    if (minute !== undefined) return new Date(day + minute * MINUTE_MS);
  }
  throw new Error(`cron "${s.source}" has no fire time in the ${SEARCH_DAYS} days before ${now.toISOString()}`);
}

/** The earliest time strictly after `after` (to the minute, UTC) when `cron` fires. */
export function nextFireTime(cron: string | CronSchedule, after: Date): Date {
  const s = typeof cron === 'string' ? parseCron(cron) : cron;
  const start = (Math.floor(after.getTime() / MINUTE_MS) + 1) * MINUTE_MS;
  const startDay = Math.floor(start / DAY_MS) * DAY_MS;
  for (let i = 0; i <= SEARCH_DAYS; i++) {
    const day = startDay + i * DAY_MS;
    if (!dayMatches(s, day)) continue;
    const from = i === 0 ? (start - day) / MINUTE_MS : 0;
    const minute = firstMinuteOfDay(s, from);
    if (minute !== undefined) return new Date(day + minute * MINUTE_MS);
  }
  throw new Error(`cron "${s.source}" has no fire time in the ${SEARCH_DAYS} days after ${after.toISOString()}`);
}

function dayMatches(s: CronSchedule, dayStartMs: number): boolean {
  const date = new Date(dayStartMs);
  if (!s.months.has(date.getUTCMonth() + 1)) return false;
  const dom = s.monthDays.has(date.getUTCDate());
  const dow = s.weekDays.has(date.getUTCDay());
  // An unrestricted field lists every value, so AND is right whenever either field is `*…`.
  return s.eitherDay ? dom || dow : dom && dow;
}

/** The last fire minute of a day at or before minute-of-day `limit`. */
function lastMinuteOfDay(s: CronSchedule, limit: number): number | undefined {
  for (let h = s.hours.length - 1; h >= 0; h--) {
    const hour = s.hours[h] as number;
    for (let m = s.minutes.length - 1; m >= 0; m--) {
      const at = hour * 60 + (s.minutes[m] as number);
      if (at <= limit) return at;
    }
  }
  return undefined;
}

/** The first fire minute of a day at or after minute-of-day `from`. */
function firstMinuteOfDay(s: CronSchedule, from: number): number | undefined {
  for (const hour of s.hours) {
    for (const minute of s.minutes) {
      const at = hour * 60 + minute;
      if (at >= from) return at;
    }
  }
  return undefined;
}
