import type { CommandSpec, Finding, ValidationSpec } from '../../src/core/index.js';
import type { PlanInput, TaskDraft } from '../../src/plugin/contract.js';
import { asPathArg } from './collect.js';
import { ESLINT_ENV, eslintPrefix, parseOptions } from './schema.js';

const RETRY = { maxAttempts: 2 };
const unique = (xs: string[]) => [...new Set(xs)].sort();

const ruleOf = (f: Finding) => String(f.evidence.details?.['ruleId'] ?? f.scope.symbol ?? 'unknown');
const isFixable = (f: Finding) => f.evidence.details?.['fixable'] === true;

/** `<file>::<rule>`: how a lint task names the problems eslint's own `--fix` can fix. */
export function fixableId(file: string, rule: string): string {
  return `${file}::${rule}`;
}

/**
 * One `lint_fix` task per file with problems, limited to that file. `targets.nodeIds` lists the
 * file's fixable problems (`<file>::<rule>`): when there are any, `autofix` offers `eslint --fix`
 * to the builtin agent. Files that cannot be parsed come first. Pure.
 */
export function plan(input: PlanInput): TaskDraft[] {
  const byFile = new Map<string, Finding[]>();
  for (const f of input.findings.filter((x) => x.tool === 'eslint' && (x.kind === 'lint_error' || x.kind === 'collection_error') && x.scope.file)) {
    byFile.set(f.scope.file!, [...(byFile.get(f.scope.file!) ?? []), f]);
  }
  return [...byFile].sort(([a], [b]) => a.localeCompare(b)).map(([file, fs]) => {
    const parse = fs.some((f) => f.kind === 'collection_error');
    const errors = fs.filter((f) => f.severity !== 'low').length;
    const rules = unique(fs.map(ruleOf));
    const targets = { files: [file], nodeIds: unique(fs.filter(isFixable).map((f) => fixableId(file, ruleOf(f)))) };
    return {
      type: 'lint_fix' as const,
      tool: 'eslint',
      title: parse ? `Make ${file} parse again` : `Fix ${fs.length} eslint problem${fs.length > 1 ? 's' : ''} in ${file} (${rules.join(', ')})`.slice(0, 200),
      findings: unique(fs.map((f) => f.fingerprint)),
      targets,
      allowedPaths: [file],
      validation: validation(targets, input.options),
      retryPolicy: RETRY,
      priority: parse ? 30 : errors > 0 ? 40 : 50,
    };
  });
}

/**
 * eslint on the task's files must exit 0 with no warning either (`--max-warnings 0`): every
 * problem of the file is part of its task. A deleted or ignored file fails too (exit 2, or an
 * "ignored" warning), so removing the file is no fix.
 */
export function validation(targets: { files: string[]; nodeIds: string[] }, rawOptions: unknown): ValidationSpec {
  const options = parseOptions(rawOptions);
  const argv = [...eslintPrefix(options), ...options.args, '--max-warnings', '0', '--', ...targets.files.map(asPathArg)];
  return { commands: [{ argv, cwd: '.', env: { ...ESLINT_ENV }, timeoutMs: Math.round(options.timeoutSec * 1000) }], expect: 'exit-zero', repeat: 1 };
}

/** `eslint --fix` on the files with fixable problems; undefined when no problem is fixable. */
export function autofix(targets: { files: string[]; nodeIds: string[] }, rawOptions: unknown): CommandSpec | undefined {
  const files = unique(targets.nodeIds.flatMap((id) => (id.includes('::') ? [id.slice(0, id.indexOf('::'))] : [])));
  if (files.length === 0) return undefined;
  const options = parseOptions(rawOptions);
  return { argv: [...eslintPrefix(options), ...options.args, '--fix', '--', ...files.map(asPathArg)], cwd: '.', env: { ...ESLINT_ENV }, timeoutMs: Math.round(options.timeoutSec * 1000) };
}
