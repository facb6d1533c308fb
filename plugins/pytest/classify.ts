import type { Category } from '../../src/core/index.js';

/** What classify looks at: the exception, its message and traceback, and what the repo contains. */
export interface FailureSignal {
  excType?: string;
  /** Module of the exception class (`requests.exceptions`), when known. */
  excModule?: string;
  /** Qualified types of chained causes (`urllib3.exceptions.MaxRetryError`). */
  chain?: string[];
  message: string;
  traceback: string;
  /** Top-level module names that exist in the repo (from repo paths seen in this run). */
  repoModules: ReadonlySet<string>;
  /** Whether an absolute or relative path lies inside the repo. */
  inRepo(path: string): boolean;
}

export interface Classification {
  category: Category;
  /** The environment, not the code, is wrong: plan it as `fix_env`, never as a source edit. */
  environment: boolean;
  reason: string;
}

type Rule = (s: FailureSignal, text: string) => Classification | undefined;

const env = (reason: string): Classification => ({ category: 'environment', environment: true, reason });
const code = (category: Category, reason: string): Classification => ({ category, environment: false, reason });

function missingModule(s: FailureSignal, text: string): Classification | undefined {
  const m = /No module named '([^']+)'/.exec(text);
  if (!m || !/ModuleNotFoundError|ImportError/.test(`${s.excType ?? ''} ${text}`)) return undefined;
  const name = m[1]!;
  const top = name.split('.')[0]!;
  // `a.b` missing while `a` imported: a module the repo itself no longer has.
  if (name.includes('.') && s.repoModules.has(top)) return code('exception', `repo module ${name} does not exist`);
  return env(`module ${name} is not installed or not importable`);
}

function missingName(s: FailureSignal, text: string): Classification | undefined {
  const m = /cannot import name '([^']+)' from '([^']+)'(?: \(([^)]+)\))?/.exec(text);
  if (!m) return undefined;
  const [, name, mod, file] = m;
  const ours = (file !== undefined && s.inRepo(file)) || s.repoModules.has(mod!.split('.')[0]!);
  return ours ? code('exception', `${name} no longer exists in repo module ${mod}`) : env(`installed ${mod} has no ${name}: wrong dependency version`);
}

const RULES: Rule[] = [
  missingModule,
  missingName,
  (s, t) => (/PackageNotFoundError|No package metadata was found for|DistributionNotFound/.test(`${s.excType ?? ''} ${t}`) ? env('a required package is not installed (no package metadata)') : undefined),
  (_s, t) => {
    const m = /fixture '([^']+)' not found/.exec(t);
    return m ? env(`fixture '${m[1]}' is not defined: a missing pytest plugin or conftest`) : undefined;
  },
  (_s, t) => (/unrecognized arguments|ERROR: usage|Error importing plugin|PluginValidationError/.test(t) ? env('pytest was invoked with an unknown option or plugin') : undefined),
  (s, t) => (/^(?:TimeoutError|timeout|ReadTimeout|ConnectTimeout|TimeoutExpired|Timeout)$/.test(s.excType ?? '') || /^(?:Failed: )?Timeout\b/m.test(s.message) || /\+{3,} Timeout \+{3,}/.test(t) ? code('timeout', 'the test timed out') : undefined),
  (s, t) => (/^(?:ConnectionRefusedError|ConnectionResetError|ConnectionAbortedError|ConnectionError|gaierror|MaxRetryError|NewConnectionError|URLError|ConnectError)$/.test(s.excType ?? '') || (s.chain ?? []).some((c) => /MaxRetryError|NewConnectionError|gaierror|ConnectionRefused/.test(c)) || /Connection refused|Name or service not known|Temporary failure in name resolution|Failed to establish a new connection/.test(t) ? code('network', 'a network connection failed') : undefined),
  (s, t) => (/\b40[13]\b.{0,40}(?:Unauthorized|Forbidden)|\b(?:Unauthorized|Forbidden)\b|authentication (?:failed|required)|invalid (?:credentials|token|api key)/i.test(`${s.message}\n${t}`) || (s.excType === 'PermissionError' && /credential|token|secret|\.netrc|api[_ ]?key/i.test(s.message)) ? code('auth', 'authentication or authorization failed') : undefined),
  (s, t) => (/^(?:JSONDecodeError|UnicodeDecodeError|YAMLError|ParserError|ScannerError)$/.test(s.excType ?? '') || (/^(?:KeyError|ValueError)$/.test(s.excType ?? '') && /\.(?:json|csv|ya?ml)\b/.test(t)) ? code('data', 'the test data could not be read or is not what the test expects') : undefined),
  (_s, t) => (/^>.*\b(?:random\.|randint|shuffle|datetime\.now|time\.time\(\))/m.test(t) ? code('flaky', 'the failing line depends on randomness or the clock') : undefined),
  (s) => (/AssertionError$/.test(s.excType ?? '') || /^assert /.test(s.message) ? code('assertion', 'an assertion failed') : undefined),
];

/** Ordered heuristics: the first rule that recognizes the failure decides its category. */
export function classifyFailure(s: FailureSignal): Classification {
  const text = `${s.message}\n${s.traceback}`;
  for (const rule of RULES) {
    const c = rule(s, text);
    if (c) return c;
  }
  return code('exception', `${s.excType ?? 'an exception'} was raised`);
}
