import { fingerprint, stableId } from '../../src/core/index.js';
import type { Finding } from '../../src/core/index.js';
import type { BlameLine } from './blame.js';
import type { FailedImport } from './earlier-imports.js';
import type { ImportCheck, SkipEntry } from './inventory.js';
import { targetId } from './inventory.js';
import type { TestVerdict } from './verdicts.js';

const TOOL = 'skip-audit';

const fp = (...parts: string[]) => fingerprint([TOOL, ...parts]);
const quoted = (reason: string | null) => (reason ? `"${reason}"` : 'no reason');
const label = (s: SkipEntry) => (s.kind.startsWith('call.') ? `${s.kind.replace('call.', 'pytest.')}()` : `@${s.kind.startsWith('unittest.') ? s.kind : `pytest.mark.${s.kind}`}`);

function scopeOf(s: SkipEntry): Finding['scope'] {
  return {
    file: s.file,
    ...(s.target.length ? { symbol: s.target.join('.'), nodeId: targetId(s) } : {}),
    ...(s.line > 0 ? { line: s.line } : {}),
  };
}

function skipDetails(s: SkipEntry): Record<string, unknown> {
  return { kind: s.kind, scope: s.scope, reason: s.reason, conditions: s.conditions, line: s.line };
}

/** A skipped test that passes every time its skips are lifted. */
export function staleFinding(v: TestVerdict, reruns: number): Finding {
  const applied = v.skips.filter((_, i) => v.applies[i] === true);
  const wider = applied.filter((s) => s.scope !== 'function');
  return {
    tool: TOOL, kind: 'skip_stale', severity: 'medium', category: 'skip',
    scope: { file: v.test.file, symbol: v.test.qualname.join('.'), nodeId: v.id, line: applied[0]?.line ?? v.test.line },
    fingerprint: fp('skip_stale', stableId(v.id)),
    title: `${v.test.qualname.join('.')} passes with its skip removed (${reruns}/${reruns} runs): the skip is stale`,
    message: `${v.id} is skipped by ${applied.map((s) => `${label(s)} (${quoted(s.reason)})`).join(', ')} but passed ${reruns} runs in a row with the skip lifted.${wider.length ? ' The skip sits on the class or module: removing it un-skips every test there.' : ''}`,
    evidence: {
      sourceFiles: [v.test.file],
      details: { skips: applied.map(skipDetails), rounds: v.rounds, onFunction: wider.length === 0 },
    },
    artifacts: [],
  };
}

/** A skip, skipif or xfail that gives no reason. */
export function unjustifiedFinding(s: SkipEntry): Finding {
  return {
    tool: TOOL, kind: 'skip_unjustified', severity: 'low', category: 'skip', scope: scopeOf(s),
    fingerprint: fp('skip_unjustified', 'no-reason', stableId(targetId(s)), s.kind),
    title: `${label(s)} on ${s.target.join('.') || s.file} gives no reason`,
    message: `${targetId(s)} is skipped by ${label(s)} without a reason: nobody can tell when it may run again.`,
    evidence: { sourceFiles: [s.file], details: skipDetails(s) },
    artifacts: [],
  };
}

/** A skipif whose condition holds here (or everywhere): the tests it covers never run. */
export function alwaysTrueFinding(s: SkipEntry, where: { everywhere: boolean; python: string; pytest?: string; tests: string[] }): Finding {
  const cond = s.conditions.filter(Boolean).join(' or ') || '(no condition)';
  const place = where.everywhere ? 'on any platform (the condition is a constant)' : `on this platform/config (Python ${where.python}${where.pytest ? `, pytest ${where.pytest}` : ''})`;
  return {
    tool: TOOL, kind: 'skip_unjustified', severity: 'medium', category: 'skip', scope: scopeOf(s),
    fingerprint: fp('skip_unjustified', 'condition-true', stableId(targetId(s)), s.kind, cond),
    title: `${s.target.join('.') || s.file} never runs ${where.everywhere ? 'anywhere' : 'here'}: skipif condition \`${cond}\` is true`.slice(0, 200),
    message: `${label(s)}(${cond}) is true ${place}, so ${where.tests.length} test(s) never run: ${where.tests.slice(0, 10).join(', ')}. Reason given: ${quoted(s.reason)}.`,
    evidence: { sourceFiles: [s.file], details: { ...skipDetails(s), everywhere: where.everywhere, tests: where.tests, python: where.python } },
    artifacts: [],
  };
}

/** A permanent skip older than the threshold: the test it covers is obsolete. */
export function oldSkipFinding(s: SkipEntry, blame: BlameLine, ageDays: number, tests: string[]): Finding {
  const since = new Date(blame.authorTimeMs).toISOString().slice(0, 10);
  return {
    tool: TOOL, kind: 'obsolete_test', severity: 'low', category: 'skip', scope: scopeOf(s),
    fingerprint: fp('obsolete_test', 'permanent-skip', stableId(targetId(s))),
    title: `${s.target.join('.') || s.file} has been skipped for ${ageDays} days (since ${since}): obsolete?`,
    message: `${label(s)} (${quoted(s.reason)}) has skipped ${targetId(s)} unconditionally since ${since} (commit ${blame.commit.slice(0, 12)}, "${blame.summary}"), ${ageDays} days. A test that never runs proves nothing: quarantine it, then fix or delete it.`,
    evidence: { sourceFiles: [s.file], details: { ...skipDetails(s), ageDays, commit: blame.commit, since, commitSummary: blame.summary, tests } },
    artifacts: [],
  };
}

/** A test module that imports a name its project module no longer defines. */
export function removedImportFinding(f: FailedImport, check: ImportCheck, testFile: string): Finding {
  return {
    tool: TOOL, kind: 'obsolete_test', severity: 'medium', category: 'collection',
    scope: { file: testFile, nodeId: f.nodeId },
    fingerprint: fp('obsolete_test', 'removed-import', stableId(testFile), check.module, check.name),
    title: `${testFile} imports ${check.name} from ${check.module}, which no longer defines it: obsolete test?`,
    message: `${f.message}: ${check.why}. The test exercises code that is gone; update it to the current API or delete it.`,
    evidence: {
      sourceFiles: [testFile, ...(check.file ? [check.file] : [])],
      exceptionType: 'ImportError',
      details: { module: check.module, name: check.name, moduleFile: check.file, static: check.why, supersededKind: f.kind },
    },
    artifacts: [],
    supersedes: [f.fingerprint],
  };
}
