import type { GuardVerdict } from '../core/index.js';
import type { Guard, GuardInput } from './contract.js';
import { touchedPaths } from './allowed-paths.js';
import { capList } from './evidence.js';
import { matchGlob } from './glob.js';

/** A file only some task types may change, and why. Same shape as `Plugin.protectedPaths`. */
export interface ProtectedPath {
  glob: string;
  /** Task types allowed to change it; empty: no task may. */
  allowFor: readonly string[];
  why: string;
}

const MANIFEST = 'a dependency manifest or lockfile: only an environment task may change dependencies';
const CI = 'CI configuration: no task may change how the project is checked';

const manifests = [
  'package.json', 'package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lockb',
  'requirements*.txt', 'requirements/*.txt', 'constraints*.txt', 'pyproject.toml', 'poetry.lock', 'Pipfile', 'Pipfile.lock',
  'uv.lock', 'pdm.lock', 'setup.py', 'setup.cfg', 'go.mod', 'go.sum', 'Cargo.toml', 'Cargo.lock', 'Gemfile', 'Gemfile.lock',
  'pom.xml', 'build.gradle*', 'settings.gradle*', 'gradle.lockfile', 'composer.json', 'composer.lock',
];

/**
 * Files no ordinary fix touches, whatever the ecosystem. Manifests sit at any depth (monorepos);
 * CI, ATQOS's own config and git's attribute files are off limits to every task.
 */
export const GENERIC_PROTECTED_PATHS: readonly ProtectedPath[] = [
  ...manifests.map((m) => ({ glob: `**/${m}`, allowFor: ['fix_env'], why: MANIFEST })),
  { glob: '.github/workflows/**', allowFor: [], why: CI },
  { glob: '.github/actions/**', allowFor: [], why: CI },
  { glob: '**/.gitlab-ci.yml', allowFor: [], why: CI },
  { glob: '.circleci/**', allowFor: [], why: CI },
  { glob: '.pre-commit-config.yaml', allowFor: [], why: CI },
  { glob: '.github/atqos.{yml,yaml}', allowFor: [], why: "ATQOS's own configuration: an agent may not change the rules it is judged by" },
  { glob: '**/.gitattributes', allowFor: [], why: 'git attributes change how files are diffed, merged and checked out' },
  { glob: '.gitmodules', allowFor: [], why: 'submodules pull code from elsewhere' },
];

/** Rejects changes to protected files unless the task's type is allowed to make them. */
export function protectedPathsGuard(rules: readonly ProtectedPath[]): Guard {
  const id = 'protected-paths';
  return {
    id,
    description: 'no dependency manifests, lockfiles, CI or tool configuration unless the task type allows it',
    check(input: GuardInput): GuardVerdict {
      const type = input.task.type;
      const problems = input.changes.flatMap((c) =>
        touchedPaths(c).flatMap((path) => {
          const rule = rules.find((r) => matchGlob(r.glob, path) && !r.allowFor.includes(type));
          if (!rule) return [];
          const allowed = rule.allowFor.length ? `only ${rule.allowFor.join(', ')} tasks may change it` : 'no task may change it';
          return [`${path} (${c.status}) is ${rule.why}; this is a ${type} task and ${allowed} [rule ${rule.glob}]`];
        }),
      );
      return problems.length ? { guard: id, passed: false, evidence: capList(problems) } : { guard: id, passed: true };
    },
  };
}
