import type { Category } from '../../src/core/index.js';

export interface Classification {
  category: Category;
  /** The environment, not the code, is wrong (a package that is not installed). */
  environment: boolean;
  reason: string;
}

type Rule = (excType: string | undefined, text: string) => Classification | undefined;

const env = (reason: string): Classification => ({ category: 'environment', environment: true, reason });
const code = (category: Category, reason: string): Classification => ({ category, environment: false, reason });

const RULES: Rule[] = [
  // A bare specifier that does not resolve is a dependency; a relative one is the repo's own code.
  (_e, t) => {
    const m = /(?:Cannot find (?:module|package)|Failed to (?:load|resolve) (?:url|import)) ['"]([^'"]+)['"]/.exec(t);
    if (!m) return undefined;
    return /^\.{0,2}\//.test(m[1]!) ? code('exception', `repo module ${m[1]} does not exist`) : env(`package ${m[1]} is not installed`);
  },
  (_e, t) => (/Test timed out in \d+ ?ms|Hook timed out in \d+ ?ms|\bTimeoutError\b/.test(t) ? code('timeout', 'the test timed out') : undefined),
  (_e, t) => (/ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|fetch failed|socket hang up/.test(t) ? code('network', 'a network connection failed') : undefined),
  (_e, t) => (/\b40[13]\b.{0,40}(?:Unauthorized|Forbidden)|\b(?:Unauthorized|Forbidden)\b|invalid (?:credentials|token|api key)/i.test(t) ? code('auth', 'authentication or authorization failed') : undefined),
  (e, t) => (e === 'SyntaxError' && /JSON/.test(t) ? code('data', 'the test data could not be parsed') : undefined),
  (e, t) => (e === 'AssertionError' || /^(?:AssertionError|Error: expect\()/.test(t) || /snapshot/i.test(e ?? '') ? code('assertion', 'an assertion failed') : undefined),
];

/** Ordered heuristics over a failure's type and text: the first rule that matches decides. */
export function classifyFailure(excType: string | undefined, text: string): Classification {
  for (const rule of RULES) {
    const c = rule(excType, text);
    if (c) return c;
  }
  return code('exception', `${excType ?? 'an exception'} was raised`);
}
