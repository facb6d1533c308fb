import { describe, expect, it } from 'vitest';
import { Cron, resolveConfig } from '../../config/index.js';
import { thrownBy } from '../../core/test-support.js';
import type { CronSchedule } from './cron.js';
import { parseCron } from './cron.js';
import { nextFireTime, previousFireTime } from './fire-time.js';

const at = (iso: string) => new Date(iso);
const next = (expr: string, after: string) => nextFireTime(expr, at(after)).toISOString();
const prev = (expr: string, now: string) => previousFireTime(expr, at(now)).toISOString();

describe('parseCron', () => {
  it('expands numbers, ranges, steps, lists and names', () => {
    const s = parseCron('*/15 9-17/4 1,15 JAN-mar MON-FRI');
    expect(s.minutes).toEqual([0, 15, 30, 45]);
    expect(s.hours).toEqual([9, 13, 17]);
    expect([...s.monthDays]).toEqual([1, 15]);
    expect([...s.months]).toEqual([1, 2, 3]);
    expect([...s.weekDays]).toEqual([1, 2, 3, 4, 5]);
    expect(s.eitherDay).toBe(true);
    expect(parseCron('5/20 * * * 7').minutes).toEqual([5, 25, 45]);
    expect([...parseCron('0 0 * * 7').weekDays]).toEqual([0]);
    expect(parseCron('0 0 */2 * 1').eitherDay).toBe(false);
    expect([...parseCron('0 0 * * SAT-SUN').weekDays]).toEqual([6, 0]);
  });

  it('accepts every expression the config accepts, and refuses what it refuses', () => {
    const accepted = ['0 3 * * *', '0 4 * * 0', '*/5 * * * *', '0 0 1-7 * 1', '30 2 * DEC *', '0 12 * * sat-sun', '1,2,3-5/2 * * * *'];
    const refused = ['0 3 * *', 'every night', '0 3 * * MON,WED', '@daily', '0 3 ? * *', '0 3 L * *'];
    for (const expr of accepted) {
      expect(Cron.safeParse(expr).success).toBe(true);
      expect(() => parseCron(expr)).not.toThrow();
    }
    for (const expr of refused) {
      expect(Cron.safeParse(expr).success).toBe(false);
      expect(thrownBy(() => parseCron(expr)).code).toBe('cron_invalid');
    }
  });

  it('names the field and says how to write one when the config validator lets a bad value through', () => {
    const range = thrownBy(() => parseCron('60 3 * * *'));
    expect(range.message).toBe('cron "60 3 * * *" minute 60 is outside 0-59');
    expect(range.hint).toContain('minute hour day-of-month month day-of-week');
    expect(thrownBy(() => parseCron('0 0 * * 8')).message).toContain('day-of-week 8 is outside 0-7');
    expect(thrownBy(() => parseCron('0 0 5-1 * *')).message).toContain('runs backwards');
    expect(thrownBy(() => parseCron('0 0 * DEC-JAN *')).message).toContain('DEC-JAN runs backwards');
    expect(thrownBy(() => parseCron('*/0 * * * *')).message).toContain('step of 0');
    expect(thrownBy(() => parseCron('0 MON * * *')).message).toContain('hour "MON" is not a name this field takes (numbers only)');
    expect(thrownBy(() => parseCron('0 0 * FOO *')).message).toContain('one of JAN, FEB');
    expect(thrownBy(() => parseCron('0 0 30 2 *')).message).toContain('never fires');
  });

  it('the built-in nightly and weekly lanes parse', () => {
    const lanes = resolveConfig({}).lanes;
    expect(lanes.nightly?.cron).toBe('0 3 * * *');
    expect(lanes.weekly?.cron).toBe('0 4 * * 0');
    expect(parseCron(lanes.weekly?.cron ?? '').weekDays).toEqual(new Set([0]));
  });
});

describe('nextFireTime and previousFireTime (UTC)', () => {
  it('nightly at 03:00: strictly after for next, at-or-before for previous', () => {
    expect(next('0 3 * * *', '2025-03-09T02:59:59.999Z')).toBe('2025-03-09T03:00:00.000Z');
    expect(next('0 3 * * *', '2025-03-09T03:00:00.000Z')).toBe('2025-03-10T03:00:00.000Z');
    expect(prev('0 3 * * *', '2025-03-09T03:00:00.000Z')).toBe('2025-03-09T03:00:00.000Z');
    expect(prev('0 3 * * *', '2025-03-09T02:59:59.999Z')).toBe('2025-03-08T03:00:00.000Z');
  });

  it('ignores daylight saving: US and EU switch days are plain UTC days', () => {
    expect(next('30 2 * * *', '2025-03-09T00:00:00Z')).toBe('2025-03-09T02:30:00.000Z');
    expect(next('30 1 * * *', '2025-03-30T00:00:00Z')).toBe('2025-03-30T01:30:00.000Z');
    expect(prev('30 1 * * *', '2025-10-26T05:00:00Z')).toBe('2025-10-26T01:30:00.000Z');
  });

  it('weekly on Sunday 04:00 and across the year end', () => {
    expect(next('0 4 * * 0', '2025-12-29T00:00:00Z')).toBe('2026-01-04T04:00:00.000Z');
    expect(prev('0 4 * * 0', '2026-01-03T23:59:00Z')).toBe('2025-12-28T04:00:00.000Z');
    expect(next('59 23 31 12 *', '2025-12-31T23:59:00Z')).toBe('2026-12-31T23:59:00.000Z');
  });

  it('month ends: day 31 skips short months, Feb 29 waits for a leap year', () => {
    expect(next('0 0 31 * *', '2025-01-31T00:00:00Z')).toBe('2025-03-31T00:00:00.000Z');
    expect(prev('0 0 31 * *', '2025-06-15T00:00:00Z')).toBe('2025-05-31T00:00:00.000Z');
    expect(next('0 0 29 2 *', '2025-01-01T00:00:00Z')).toBe('2028-02-29T00:00:00.000Z');
    expect(prev('0 0 29 2 *', '2027-12-31T00:00:00Z')).toBe('2024-02-29T00:00:00.000Z');
    expect(next('0 0 28-31 2 *', '2024-02-28T00:00:00Z')).toBe('2024-02-29T00:00:00.000Z');
  });

  it('day-of-month and day-of-week restricted together fire on either', () => {
    // 2025-06-01 is a Sunday; 13th or any Friday.
    expect(next('0 0 13 * 5', '2025-06-01T00:00:00Z')).toBe('2025-06-06T00:00:00.000Z');
    expect(next('0 0 13 * 5', '2025-06-12T00:00:00Z')).toBe('2025-06-13T00:00:00.000Z');
    expect(next('0 0 13 * 5', '2025-06-13T00:00:00Z')).toBe('2025-06-20T00:00:00.000Z');
    // A `*`-led field does not count as restricted: every other day, and only Mondays.
    expect(next('0 0 */2 * 1', '2025-06-01T00:00:00Z')).toBe('2025-06-09T00:00:00.000Z');
  });

  it('agrees with a minute-by-minute scan for assorted expressions', () => {
    const exprs = ['*/7 */5 * * *', '15 10 1,15 * 1-5', '0 22 * * sat-sun', '45 */6 10-20/3 feb-apr *', '0 0 31 * 2'];
    let t = Date.parse('2025-01-30T07:13:00Z');
    for (const expr of exprs) {
      const s = parseCron(expr);
      const from = new Date(t);
      const n = nextFireTime(s, from);
      expect(scanNext(s, from)).toEqual(n);
      expect(previousFireTime(s, n)).toEqual(n);
      expect(previousFireTime(s, new Date(n.getTime() - 1))).toEqual(scanPrevious(s, new Date(n.getTime() - 1)));
      t += 97 * 86_400_000 + 11 * 60_000;
    }
  });
});

function matches(s: CronSchedule, d: Date): boolean {
  const dom = s.monthDays.has(d.getUTCDate());
  const dow = s.weekDays.has(d.getUTCDay());
  return s.minutes.includes(d.getUTCMinutes()) && s.hours.includes(d.getUTCHours()) && s.months.has(d.getUTCMonth() + 1)
    && (s.eitherDay ? dom || dow : dom && dow);
}

function scanNext(s: CronSchedule, after: Date): Date | undefined {
  const start = Math.floor(after.getTime() / 60_000) + 1;
  for (let m = start; m < start + 400 * 1440; m++) if (matches(s, new Date(m * 60_000))) return new Date(m * 60_000);
  return undefined;
}

function scanPrevious(s: CronSchedule, now: Date): Date | undefined {
  const start = Math.floor(now.getTime() / 60_000);
  for (let m = start; m > start - 400 * 1440; m--) if (matches(s, new Date(m * 60_000))) return new Date(m * 60_000);
  return undefined;
}
