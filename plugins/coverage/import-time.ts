import type { FileCoverage } from './formats/index.js';

/**
 * Whether a module looks imported before coverage started. A module's first statement is
 * module-level and runs whenever the module is imported, so it is executed in every honest
 * measurement of a module that ran at all. When it reads as missed while later lines (function
 * bodies) executed, the import happened before measuring began (a `-p` plugin, a pytest entry
 * point or a `.pth` file importing it early): its module-level lines read as missed and its
 * percentage is too low. Needs no source text, so normalize stays pure.
 */
export function importedBeforeCoverage(file: FileCoverage): boolean {
  if (file.executed.length === 0 || file.missing.length === 0) return false;
  return file.missing[0]! < file.executed[0]!;
}

/** What to do about it, for notes and evidence. */
export const IMPORT_TIME_ADVICE =
  'start coverage before anything imports the project: with `plugins.coverage.runner: coverage-run` (coverage run with `source` set, the default) coverage starts before pytest and its plugins; with pytest-cov (`--cov`), do not import project modules from `-p` plugins, pytest entry points or `.pth` files';
