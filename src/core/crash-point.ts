/**
 * Fault injection for crash testing: with `ATQOS_CRASH_AT=<point>[#<k>]` in the environment, the
 * process kills itself with SIGKILL the k-th time (default 1st) it reaches that point — exactly
 * what `kill -9` does, at a place a test can name. Points are event types (`attempt.finished`)
 * and a few steps between events (`attempt.committed`, `attempt.branched`). A no-op otherwise.
 */
const spec = parse(process.env.ATQOS_CRASH_AT);
let hits = 0;

function parse(raw: string | undefined): { point: string; k: number } | undefined {
  const m = raw ? /^([\w.:-]+)(?:#(\d+))?$/.exec(raw.trim()) : null;
  return m ? { point: m[1] as string, k: Number(m[2] ?? 1) } : undefined;
}

export function crashPoint(point: string): void {
  if (spec?.point !== point) return;
  hits += 1;
  if (hits === spec.k) process.kill(process.pid, 'SIGKILL');
}
