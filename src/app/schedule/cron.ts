import { AtqosError } from '../../core/index.js';

/**
 * A parsed five-field cron expression, evaluated in UTC (GitHub Actions schedules are UTC).
 * Accepts what `.github/atqos.yml` accepts (`Cron` in src/config/schema.ts): per field `*`,
 * numbers, ranges, steps and lists, or one month/weekday name or name range (`MON-FRI`).
 */
export interface CronSchedule {
  source: string;
  minutes: readonly number[];
  hours: readonly number[];
  monthDays: ReadonlySet<number>;
  months: ReadonlySet<number>;
  weekDays: ReadonlySet<number>;
  /** Standard cron: when both day fields are restricted (not starting with `*`), a day matching either fires. */
  eitherDay: boolean;
}

interface FieldSpec {
  name: string;
  min: number;
  max: number;
  names?: readonly string[];
}

const FIELDS: readonly FieldSpec[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day-of-month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] },
  // 7 is Sunday too, as in every cron; it is folded onto 0.
  { name: 'day-of-week', min: 0, max: 7, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] },
];
const ITEM = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/;
const NAME_RANGE = /^([A-Za-z]{3})(?:-([A-Za-z]{3}))?$/;
/** Days in each month of a leap year: the most a day-of-month can be and still fire some year. */
const MAX_MONTH_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Parses a cron expression, or throws an AtqosError naming the field that is wrong. */
export function parseCron(expr: string): CronSchedule {
  const fields = expr.trim().split(/\s+/);
  if (fields.length !== 5) throw cronError(expr, `has ${fields.length} fields, not five`);
  const [minute, hour, dom, month, dow] = fields.map((f, i) => parseField(expr, f, FIELDS[i] as FieldSpec)) as [number[], number[], number[], number[], number[]];
  const weekDays = new Set(dow.map((d) => d % 7));
  const schedule: CronSchedule = {
    source: expr,
    minutes: minute,
    hours: hour,
    monthDays: new Set(dom),
    months: new Set(month),
    weekDays,
    eitherDay: !fields[2]?.startsWith('*') && !fields[4]?.startsWith('*'),
  };
  if (!canFire(schedule)) throw cronError(expr, 'never fires: no month in it has that day');
  return schedule;
}

function parseField(expr: string, text: string, spec: FieldSpec): number[] {
  const named = NAME_RANGE.exec(text);
  if (named) return nameRange(expr, spec, named[1] as string, named[2]);
  const values = new Set<number>();
  for (const item of text.split(',')) {
    const m = ITEM.exec(item);
    if (!m) throw cronError(expr, `${spec.name} field "${text}" is not *, a number, a range or a step`);
    const step = m[4] === undefined ? 1 : Number(m[4]);
    if (step < 1) throw cronError(expr, `${spec.name} field "${text}" has a step of 0`);
    const from = m[2] === undefined ? spec.min : Number(m[2]);
    // `n/step` runs from n to the field's end, as in Vixie cron.
    const to = m[3] !== undefined ? Number(m[3]) : m[2] !== undefined && m[4] === undefined ? from : spec.max;
    for (const v of [from, to]) {
      if (v < spec.min || v > spec.max) throw cronError(expr, `${spec.name} ${v} is outside ${spec.min}-${spec.max}`);
    }
    if (from > to) throw cronError(expr, `${spec.name} range ${from}-${to} runs backwards`);
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return [...values].sort((a, b) => a - b);
}

function nameRange(expr: string, spec: FieldSpec, first: string, last: string | undefined): number[] {
  const index = (name: string) => {
    const i = spec.names?.indexOf(name.toUpperCase()) ?? -1;
    if (i < 0) {
      const allowed = spec.names ? `one of ${spec.names.join(', ')}` : 'numbers only';
      throw cronError(expr, `${spec.name} "${name}" is not a name this field takes (${allowed})`);
    }
    return spec.names === FIELDS[3]?.names ? i + 1 : i;
  };
  const from = index(first);
  let to = last === undefined ? from : index(last);
  // `SAT-SUN` means the weekend: SUN ends a range as 7, which is Sunday too.
  if (spec.max === 7 && to === 0 && from > 0) to = 7;
  if (from > to) throw cronError(expr, `${spec.name} range ${first}-${last} runs backwards`);
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

// With both day fields in play any listed weekday fires; otherwise some listed month must have
// a listed day (every date meets every weekday within 28 years, so the weekday cannot rule it out).
function canFire(s: CronSchedule): boolean {
  if (s.eitherDay) return true;
  return [...s.months].some((m) => [...s.monthDays].some((d) => d <= (MAX_MONTH_DAYS[m - 1] ?? 31)));
}

function cronError(expr: string, why: string): AtqosError {
  return new AtqosError('cron_invalid', `cron "${expr}" ${why}`, {
    hint: 'write five fields in UTC: minute hour day-of-month month day-of-week, e.g. "0 3 * * *" for 03:00 every day',
  });
}
