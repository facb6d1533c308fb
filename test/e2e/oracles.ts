import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

/**
 * Independent oracles: what the tools themselves said, read without ATQOS's parsers, so the e2e
 * tests compare ATQOS's numbers against the source of truth rather than against itself.
 */

export interface Counts {
  total: number;
  passed: number;
  failed: number;
  errors: number;
  skipped: number;
  xfailed: number;
  xpassed: number;
}

const WORD_TO_KEY: Record<string, keyof Counts | undefined> = {
  passed: 'passed', failed: 'failed', error: 'errors', errors: 'errors',
  skipped: 'skipped', xfailed: 'xfailed', xpassed: 'xpassed',
};

/** Counts from pytest's own last summary line, e.g. `== 4 failed, 7 passed, 1 xfailed in 0.39s ==`. */
export function pytestSummaryCounts(stdout: string): Counts {
  const lines = stdout.split('\n').filter((l) => /\d+ \w+.* in [\d.]+s/.test(l));
  const last = lines.at(-1);
  if (!last) throw new Error(`no pytest summary line in:\n${stdout.slice(-2000)}`);
  const counts: Counts = { total: 0, passed: 0, failed: 0, errors: 0, skipped: 0, xfailed: 0, xpassed: 0 };
  for (const [, n, word] of last.matchAll(/(\d+) (\w+)/g)) {
    const key = WORD_TO_KEY[word!];
    if (!key) continue; // warnings, deselected: not test outcomes
    counts[key] += Number(n);
    counts.total += Number(n);
  }
  return counts;
}

/**
 * Outcome counts of a pytest JUnit file by regex over `<testcase` blocks. Entries with the same
 * classname and name are one test (pytest writes a second entry for a teardown error); a failure
 * outranks an error, which outranks a skip.
 */
export function junitCounts(xml: string): Counts {
  const byTest = new Map<string, string>();
  const rank = ['passed', 'skipped', 'xfailed', 'errors', 'failed'];
  for (const m of xml.matchAll(/<testcase\b([^>]*?)(\/>|>([\s\S]*?)<\/testcase>)/g)) {
    const attrs = m[1]!;
    const body = m[3] ?? '';
    const key = `${/classname="([^"]*)"/.exec(attrs)?.[1]}::${/\bname="([^"]*)"/.exec(attrs)?.[1]}`;
    const outcome = /<failure\b/.test(body) ? 'failed'
      : /<error\b/.test(body) ? 'errors'
        : /<skipped\b[^>]*type="pytest\.xfail"/.test(body) ? 'xfailed'
          : /<skipped\b/.test(body) ? 'skipped' : 'passed';
    const prev = byTest.get(key);
    if (!prev || rank.indexOf(outcome) > rank.indexOf(prev)) byTest.set(key, outcome);
  }
  const counts: Counts = { total: byTest.size, passed: 0, failed: 0, errors: 0, skipped: 0, xfailed: 0, xpassed: 0 };
  for (const o of byTest.values()) counts[o as keyof Counts] += 1;
  return counts;
}

export interface EventLine {
  seq: number;
  type: string;
  data: Record<string, unknown>;
}

export function readEvents(runDir: string): EventLine[] {
  return fs.readFileSync(path.join(runDir, 'events.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as EventLine);
}

/** The run row of a run's own `state.db`, read with plain SQL. */
export function storedRun(runDir: string, runId: string): { status: string; conclusion: string | null } {
  const db = new Database(path.join(runDir, 'state.db'), { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare('SELECT status, conclusion FROM runs WHERE id = ?').get(runId) as { status: string; conclusion: string | null } | undefined;
    if (!row) throw new Error(`run ${runId} is not in ${runDir}/state.db`);
    return row;
  } finally {
    db.close();
  }
}

/** Pick the six outcome counts (plus total) out of a larger counts object. */
export function outcomeCounts(c: Partial<Counts> | null | undefined): Counts {
  const { total = -1, passed = -1, failed = -1, errors = -1, skipped = -1, xfailed = -1, xpassed = -1 } = c ?? {};
  return { total, passed, failed, errors, skipped, xfailed, xpassed };
}
