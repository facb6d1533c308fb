import type { Occurrence } from './occurrences.js';

/** Files pytest reads its options from. */
export const PYTEST_CONFIG_FILES = new Set(['pytest.ini', '.pytest.ini', 'pytest.toml', '.pytest.toml', 'tox.ini', 'setup.cfg', 'pyproject.toml']);

const PYTEST_SECTION = /^\[(?:pytest|tool:pytest|tool\.pytest(?:\.ini_options)?)\]$/;

/** Options that run fewer tests than the suite has, or stop it early, or load extra hook code. */
const TRICKS: readonly [RegExp, string][] = [
  [/(?:^|[\s="',[])-p\s*\S/, '`-p` loads or disables a plugin'],
  [/--deselect\b/, '`--deselect` drops tests'],
  [/--ignore(?:-glob)?\b/, '`--ignore` drops test files'],
  [/(?:^|[\s="',[])-[km]\b/, '`-k`/`-m` selects a subset'],
  [/(?:^|[\s="',[])(?:-x\b|--exitfirst\b|--maxfail\b)/, 'stops the run at the first failures'],
  [/--co\b|--collect-only\b/, '`--collect-only` runs nothing'],
  [/--lf\b|--last-failed\b|--sw\b|--stepwise\b/, 'runs a subset'],
  [/^(?:norecursedirs|testpaths|python_files|python_classes|python_functions)\s*=/, 'changes what is collected'],
];

function isComment(line: string): boolean {
  return /^\s*[#;]/.test(line);
}

/** pytest options in a config file that skip or deselect tests; `PYTEST_ADDOPTS` anywhere. */
export function configSkips(path: string, source: string): Occurrence[] {
  const out: Occurrence[] = [];
  let section = '';
  source.replace(/\r\n?/g, '\n').split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!line || isComment(line)) return;
    if (/^\[[^\]]+\]$/.test(line)) {
      section = line;
      return;
    }
    const inPytest = PYTEST_SECTION.test(section);
    const hits = TRICKS.filter(([re]) => inPytest && re.test(line)).map(([, why]) => why);
    if (/PYTEST_ADDOPTS|PYTEST_PLUGINS/.test(line)) hits.push('sets pytest options through the environment');
    for (const why of hits) {
      out.push({ path, line: i + 1, scope: section, what: `pytest option (${why})`, text: raw, key: `${why}|${section}|${line.replace(/\s+/g, ' ')}` });
    }
  });
  return out;
}
