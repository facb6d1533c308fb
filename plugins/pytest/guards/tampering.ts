import { statements, stringAt, type Statement } from './python-lex.js';
import { moduleNames, references, resolve, scopes, within, type Names } from './python-names.js';
import type { Occurrence } from './occurrences.js';

/** Hooks that can rewrite outcomes, drop collected tests or take over how a test is run. */
const HOOKS = [
  'pytest_runtest_makereport', 'pytest_report_teststatus', 'pytest_runtest_logreport', 'pytest_runtest_protocol',
  'pytest_runtest_call', 'pytest_pyfunc_call', 'pytest_collection_modifyitems', 'pytest_deselected', 'pytest_ignore_collect',
  'pytest_collect_file', 'pytest_pycollect_makeitem', 'pytest_collectreport', 'pytest_sessionfinish',
  'pytest_cmdline_main', 'pytest_cmdline_parse', 'pytest_cmdline_preparse', 'pytest_load_initial_conftests',
];

/** Ways to end the process early; pytest's own exit code is then whatever the caller chose. */
const EXITS_ANYWHERE = ['os._exit', 'os.abort', 'signal.signal', 'signal.alarm', 'signal.setitimer', 'signal.raise_signal', 'atexit.register', 'pytest.exit', '_pytest.outcomes.exit'];
/** Killing another process is ordinary; killing this one is an exit. */
const KILLS = ['os.kill', 'os.killpg'];
const OWN_PROCESS = /\bgetpid\(|\bgetppid\(|\bgetpgrp\(|\bgetpgid\(/;
/** Exits that are also ordinary code when called inside application functions. */
const EXITS = ['sys.exit', 'builtins.exit', 'builtins.quit'];

/** Report and session attributes that decide what pytest prints and returns. */
const OUTCOME_ATTRS = /\.(?:outcome|longrepr|wasxfail|exitstatus|testsfailed|testscollected|_exitstatus)\s*(?:[+\-|]?=)(?!=)/;

interface Context {
  names: Names;
  /** A test file, or a statement at module level: plain exits count. */
  strict: boolean;
  /** A test file or one that imports pytest: `x.outcome = …` is a report's outcome, not a domain attribute. */
  pytestCode: boolean;
}

function exitsIn(s: Statement, ctx: Context): string[] {
  const found: string[] = [];
  for (const r of references(s, ctx.names)) {
    const exit = EXITS_ANYWHERE.find((n) => within(r.name, n)) ??
      (OWN_PROCESS.test(s.code) ? KILLS.find((n) => within(r.name, n)) : undefined) ??
      (ctx.strict && r.called ? EXITS.find((n) => within(r.name, n)) : undefined);
    if (exit) found.push(`process exit (${exit})`);
    else if (ctx.strict && r.called && (r.name === 'exit' || r.name === 'quit')) found.push(`process exit (${r.name}())`);
  }
  // `pytest.raises(SystemExit)` is a fine test; raising it is leaving.
  if (ctx.strict && /(?:^|: )raise SystemExit\b/.test(s.code)) found.push('process exit (raise SystemExit)');
  return found;
}

function tamperingIn(s: Statement, ctx: Context): string[] {
  const { names } = ctx;
  const found: string[] = [];
  const hook = /^(?:async )?def (pytest_\w+)\(/.exec(s.code)?.[1];
  if (hook && HOOKS.includes(hook)) found.push(`hook ${hook}`);
  if (ctx.pytestCode && OUTCOME_ATTRS.test(s.code)) found.push('assigns a report/session outcome');
  const assigned = /^([A-Za-z_][\w.]*)\s*(?:[+\-|]?=)(?!=)/.exec(s.code)?.[1];
  if (assigned && /^_?pytest\.|^unittest\./.test(resolve(assigned, names))) found.push(`replaces ${resolve(assigned, names)}`);
  if (/^sys\.modules\[/.test(s.code) && /=(?!=)/.test(s.code)) found.push('replaces a module in sys.modules');
  for (const m of s.code.matchAll(/\bsetattr\(([\w.]+|"")/g)) {
    const target = m[1] === '""' ? stringAt(s, m.index + m[0].length - 2) ?? '' : resolve(m[1]!, names);
    if (/^_?pytest\b|^unittest\b/.test(target)) found.push(`patches ${target}`);
  }
  return [...found, ...exitsIn(s, ctx)];
}

/**
 * Outcome tampering in a Python file: outcome hooks, assignments to report outcomes, patches of
 * pytest, and early process exits. `sys.exit`/`raise SystemExit`/`exit()` count in test files and at
 * module level anywhere (an import that exits ends the run); inside a function of application
 * code they may be legitimate.
 */
export function pythonTampering(path: string, source: string, isTestFile: boolean): Occurrence[] {
  const stmts = statements(source);
  const names = moduleNames(stmts);
  const scope = scopes(stmts);
  const pytestCode = isTestFile || [...names.aliases.values()].some((n) => /^_?pytest\b/.test(n));
  return stmts.flatMap((s, i) =>
    tamperingIn(s, { names, strict: isTestFile || s.indent === 0, pytestCode }).map((what) => ({
      path, line: s.line, scope: scope[i]!, what, text: s.text, key: `${what}|${scope[i]}|${s.code}`,
    })),
  );
}
