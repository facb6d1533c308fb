import { repoRelative, toPosix } from '../../src/core/index.js';
import type { TestOutcome, TestResult } from '../../src/core/index.js';
import type { Failure } from './findings.js';
import type { VitestFile } from './report.js';
import { testNodeId, NAME_SEPARATOR } from './test-id.js';

const OUTCOMES: Record<string, TestOutcome> = { passed: 'passed', failed: 'failed', skipped: 'skipped', pending: 'skipped', todo: 'skipped', disabled: 'skipped' };

export interface Joined {
  tests: TestResult[];
  failures: Failure[];
  notes: string[];
}

/** Test results and failures from the report's files. Unknown statuses are skipped with a note. */
export function joinResults(files: readonly VitestFile[], repoDir: string): Joined {
  const out: Joined = { tests: [], failures: [], notes: [] };
  for (const f of files) {
    const file = repoRelative(f.name, repoDir) ?? toPosix(f.name);
    // A failed file without a failed test: it could not load (import, syntax) or a suite hook threw.
    if (f.status === 'failed' && !f.tests.some((t) => t.status === 'failed')) {
      out.failures.push({ file, texts: [f.message || 'the test file failed without a failing test'] });
    }
    for (const t of f.tests) {
      const outcome = OUTCOMES[t.status];
      if (!outcome) {
        out.notes.push(`${file}: test "${t.title}" has unknown status "${t.status}"; skipped`);
        continue;
      }
      const nodeId = testNodeId(file, t.ancestorTitles, t.title);
      const messages = t.failureMessages ?? [];
      out.tests.push({ tool: 'vitest', nodeId, file, outcome, durationMs: Math.max(0, t.duration ?? 0), ...(messages[0] ? { message: messages[0].split('\n')[0]!.slice(0, 500) } : {}) });
      if (outcome === 'failed') {
        const name = [...t.ancestorTitles, t.title].join(NAME_SEPARATOR);
        out.failures.push({ file, nodeId, name, texts: messages, ...(t.location?.line ? { line: t.location.line } : {}) });
      }
    }
  }
  return out;
}
