import { AtqosError, TaskType } from '../core/index.js';

const FINGERPRINT_PREFIX = 12;

/**
 * The stable branch for a task: `atqos/<type>/<first 12 hex of the fingerprint>`, so reruns for
 * the same finding update one branch instead of creating another.
 */
export function taskBranchName(type: string, fingerprint: string): string {
  const parsed = TaskType.safeParse(type);
  if (!parsed.success) {
    throw new AtqosError('git_bad_branch', `task type '${printable(type)}' is not one of ${TaskType.options.join(', ')}`, {
      hint: 'plan tasks with a known task type',
    });
  }
  if (!/^[0-9a-f]{12,}$/i.test(fingerprint)) {
    throw new AtqosError('git_bad_branch', `fingerprint '${printable(fingerprint)}' is not a hex string of at least ${FINGERPRINT_PREFIX} characters`, {
      hint: 'pass the finding fingerprint produced by core `fingerprint()`',
    });
  }
  return assertBranchName(`atqos/${parsed.data}/${fingerprint.slice(0, FINGERPRINT_PREFIX).toLowerCase()}`);
}

/** Returns `name` when it is a branch name git accepts and no option parser can mistake; throws otherwise. */
export function assertBranchName(name: string): string {
  const problem = branchNameProblem(name);
  if (problem) {
    throw new AtqosError('git_bad_branch', `'${printable(name)}' is not a usable branch name: ${problem}`, {
      hint: 'use letters, digits, `.`, `_`, `-` and `/` separators, e.g. atqos/integration/<run-id>',
    });
  }
  return name;
}

/** Why git (`check-ref-format --branch`) or ATQOS would refuse `name`, or undefined when fine. */
export function branchNameProblem(name: string): string | undefined {
  if (name === '' || name === '@') return 'it is empty or `@`';
  // Stricter than git on purpose: a conservative charset rules out spaces, controls, `~^:?*[\`.
  if (!/^[A-Za-z0-9._/-]+$/.test(name)) return 'only letters, digits, `.`, `_`, `-` and `/` are allowed';
  if (name.startsWith('-')) return 'it starts with `-` and would read as an option';
  if (name.startsWith('/') || name.endsWith('/') || name.includes('//')) return 'it has an empty path component';
  if (name.includes('..')) return 'it contains `..`';
  if (name.endsWith('.')) return 'it ends with `.`';
  const parts = name.split('/');
  if (parts.some((p) => p.startsWith('.'))) return 'a component starts with `.`';
  if (parts.some((p) => p.endsWith('.lock'))) return 'a component ends with `.lock`';
  if (name === 'HEAD' || name.startsWith('refs/')) return 'it names HEAD or a full ref';
  return undefined;
}

function printable(text: string): string {
  return JSON.stringify(text.slice(0, 80)).slice(1, -1);
}
