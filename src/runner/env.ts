/**
 * Variables a tool gets from the orchestrator's environment by default. Everything else — tokens,
 * API keys, cloud credentials, proxy URLs (they can carry passwords) — stays out unless allowed.
 *
 * - PATH, HOME, USER, LOGNAME, SHELL: find executables and per-user config (pyenv shims, caches).
 * - LANG, LC_ALL, LC_CTYPE, TZ, TERM: decode and print text the way the repo's own CI does.
 * - TMPDIR, TEMP, TMP: tools put temp files where the machine wants them.
 * - PYENV_ROOT, PYENV_VERSION, VIRTUAL_ENV, CONDA_PREFIX, CONDA_DEFAULT_ENV: select the Python the
 *   developer activated.
 * - CI: suites branch on it; a run should behave as the repo's own CI run does.
 * - SYSTEMROOT, COMSPEC, PATHEXT, WINDIR, USERPROFILE, APPDATA, LOCALAPPDATA: Windows cannot start
 *   or resolve programs without them.
 *
 * Not passed: PYTHONPATH. The orchestrator's PYTHONPATH describes the orchestrator's machine, not
 * the target project; leaking it can make tests import the wrong code. A repo that needs it sets
 * it through `allow` or `set`.
 */
export const DEFAULT_ALLOWED_ENV: readonly string[] = [
  'PATH', 'HOME', 'USER', 'LOGNAME', 'SHELL',
  'LANG', 'LC_ALL', 'LC_CTYPE', 'TZ', 'TERM',
  'TMPDIR', 'TEMP', 'TMP',
  'PYENV_ROOT', 'PYENV_VERSION', 'VIRTUAL_ENV', 'CONDA_PREFIX', 'CONDA_DEFAULT_ENV',
  'CI',
  'SYSTEMROOT', 'COMSPEC', 'PATHEXT', 'WINDIR', 'USERPROFILE', 'APPDATA', 'LOCALAPPDATA',
];

export interface ToolEnvOptions {
  /** Extra names to pass through; a trailing `*` matches a prefix (`PYTEST_*`). */
  allow?: readonly string[];
  /** Values set last, overriding anything passed through. */
  set?: Readonly<Record<string, string>>;
  /** Defaults to process.platform; on win32 names match case-insensitively. */
  platform?: NodeJS.Platform;
}

/**
 * The environment for a tool: the allowlisted subset of `parent` plus `set`. Never the whole
 * parent environment, so secrets reach a tool only when someone allowed them by name.
 */
export function buildToolEnv(parent: NodeJS.ProcessEnv, opts: ToolEnvOptions = {}): Record<string, string> {
  const fold = (opts.platform ?? process.platform) === 'win32';
  const patterns = [...DEFAULT_ALLOWED_ENV, ...(opts.allow ?? [])].map((p) => (fold ? p.toUpperCase() : p));
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(parent)) {
    if (value === undefined) continue;
    if (patterns.some((p) => matches(p, fold ? name.toUpperCase() : name))) env[name] = value;
  }
  return { ...env, ...opts.set };
}

/** Names that look like credentials: a prefix pattern never lets them through, only their exact name. */
const SECRET_NAME = /TOKEN|SECRET|PASSW(OR)?D|CREDENTIAL|PRIVATE|(^|_)(API_?)?KEY($|_)|^AWS_|^ACTIONS_|^GH_|^GITHUB_TOKEN$/i;

function matches(pattern: string, name: string): boolean {
  if (!pattern.endsWith('*')) return pattern === name;
  return name.startsWith(pattern.slice(0, -1)) && !SECRET_NAME.test(name);
}
