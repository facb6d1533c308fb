import type { Finding } from '../../src/core/index.js';
import type { PlanInput, TaskDraft } from '../../src/plugin/contract.js';
import { deleteValidation } from './delete-validation.js';
import { removedImportReason } from './quarantined.js';
import { validation } from './validation.js';

const RETRY = { maxAttempts: 2 };
const URL = /https?:\/\/[^\s)\]>"']+/;

const unique = (xs: string[]) => [...new Set(xs)].sort();
const detail = (f: Finding, key: string) => f.evidence.details?.[key];
const strings = (x: unknown) => (Array.isArray(x) ? x.filter((s): s is string => typeof s === 'string') : []);

function draft(type: TaskDraft['type'], title: string, findings: Finding[], files: string[], nodeIds: string[], priority: number, options: unknown): TaskDraft {
  const targets = { files: unique(files), nodeIds: unique(nodeIds) };
  return {
    type, tool: 'skip-audit', title: title.slice(0, 300),
    findings: unique(findings.map((f) => f.fingerprint)),
    targets, allowedPaths: targets.files,
    validation: validation(targets, options),
    retryPolicy: RETRY, priority,
  };
}

/** One `remove_skip` per test file: the builtin agent deletes the skips on each target test. */
function removeSkips(stale: Finding[], options: unknown): TaskDraft[] {
  const byFile = new Map<string, Finding[]>();
  for (const f of stale) byFile.set(f.scope.file!, [...(byFile.get(f.scope.file!) ?? []), f]);
  return [...byFile].sort(([a], [b]) => a.localeCompare(b)).map(([file, fs]) =>
    draft('remove_skip', `Remove ${fs.length} stale skip(s) in ${file}: the test(s) pass with the skip lifted`, fs, [file], fs.map((f) => f.scope.nodeId!), 50, options));
}

/** The quarantine marker's reason and issue link come from the title (first URL = the issue). */
function quarantine(f: Finding, options: unknown): TaskDraft {
  const reason = typeof detail(f, 'reason') === 'string' ? (detail(f, 'reason') as string) : '';
  const url = URL.exec(reason)?.[0];
  const title = `obsolete test, skipped for ${String(detail(f, 'ageDays'))} days since ${String(detail(f, 'since'))} (${reason.replace(URL, '').trim() || 'no reason given'}); review for deletion ${url ?? ''}`.trim();
  return draft('quarantine', title, [f], [f.scope.file!], strings(detail(f, 'tests')), 70, options);
}

const isTestId = (f: Finding) => f.scope.nodeId?.includes('::') === true;

/**
 * A test that imports a removed name is quarantined first (the builtin agent can do that); the
 * marker's reason names the import, so a later audit can tell whether it is still gone.
 */
function quarantineRemovedImport(f: Finding, options: unknown): TaskDraft {
  const title = `obsolete test: ${removedImportReason(String(detail(f, 'name')), String(detail(f, 'module')))}`;
  return draft('quarantine', title, [f], [f.scope.file!], [f.scope.nodeId!], 45, options);
}

/** The import fails at module level: no test marker can quarantine a module that does not collect. */
function updateObsolete(f: Finding, options: unknown): TaskDraft {
  const title = `Obsolete test ${f.scope.file}: it imports ${String(detail(f, 'name'))} from ${String(detail(f, 'module'))}, which no longer exists — update it to the current API; the reviewer may delete the test instead`;
  return draft('update_test', title, [f], [f.scope.file!], f.scope.nodeId ? [f.scope.nodeId] : [], 45, options);
}

/** A test quarantined longer than `deleteAfterDays` and still obsolete: its deletion, as a task of its own. */
function deleteQuarantined(f: Finding, options: unknown): TaskDraft {
  const tests = strings(detail(f, 'tests'));
  const title = `Delete obsolete test ${tests.join(', ')}: quarantined ${String(detail(f, 'quarantineAgeDays'))} days ago (${String(detail(f, 'quarantinedSince'))}) and ${String(detail(f, 'stillObsolete'))}`;
  const d = draft('delete_test', title, [f], [f.scope.file!], tests, 80, options);
  return { ...d, validation: deleteValidation(d.targets, options) };
}

/**
 * Stale skips → `remove_skip`; old permanent skips and tests importing removed names →
 * `quarantine` (a module that cannot even be collected → `update_test`); a test ATQOS quarantined
 * more than `deleteAfterDays` ago that is still obsolete → `delete_test`, the only way a test is
 * ever deleted. Unjustified skips and always-true conditions get no task: only a person knows
 * the reason. Pure.
 */
export function plan(input: PlanInput): TaskDraft[] {
  const ours = input.findings.filter((f) => f.tool === 'skip-audit' && f.scope.file);
  const quarantined = ours.filter((f) => f.kind === 'obsolete_test' && detail(f, 'quarantinedSince') !== undefined);
  const obsolete = ours.filter((f) => f.kind === 'obsolete_test' && !quarantined.includes(f));
  const imports = obsolete.filter((f) => detail(f, 'module') !== undefined);
  return [
    ...imports.filter(isTestId).map((f) => quarantineRemovedImport(f, input.options)),
    ...imports.filter((f) => !isTestId(f)).map((f) => updateObsolete(f, input.options)),
    ...removeSkips(ours.filter((f) => f.kind === 'skip_stale' && f.scope.nodeId), input.options),
    ...obsolete.filter((f) => detail(f, 'ageDays') !== undefined && strings(detail(f, 'tests')).length).map((f) => quarantine(f, input.options)),
    ...quarantined.filter((f) => detail(f, 'due') === true && strings(detail(f, 'tests')).length).map((f) => deleteQuarantined(f, input.options)),
  ];
}
