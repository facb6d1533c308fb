/**
 * A ruff task's node ids name what it must clear: `<file>::<rule>` per rule in the file, with
 * `[fix]` appended when ruff offered a safe fix for every violation of that rule there. The plugin
 * contract hands `validation` and `autofix` only the task's targets, so the rules travel here.
 */
const FIX_MARK = '[fix]';

/** The rule key of a violation; syntax errors have no code in ruff ≥ 0.5. */
export const SYNTAX_ERROR = 'syntax-error';

export function lintNodeId(file: string, rule: string, fixable: boolean): string {
  return `${file}::${rule}${fixable ? FIX_MARK : ''}`;
}

export interface LintNodeId {
  file: string;
  rule: string;
  fixable: boolean;
}

/** Undefined for an id that is not `<file>::<rule>[fix]?`. */
export function parseLintNodeId(id: string): LintNodeId | undefined {
  const sep = id.lastIndexOf('::');
  if (sep <= 0) return undefined;
  const fixable = id.endsWith(FIX_MARK);
  const rule = id.slice(sep + 2, fixable ? -FIX_MARK.length : undefined);
  return rule ? { file: id.slice(0, sep), rule, fixable } : undefined;
}

/** Real ruff rule codes (`F401`, `RUF100`), which `--select` accepts. */
export function isRuleCode(rule: string): boolean {
  return /^[A-Z]+[0-9]+$/.test(rule);
}
