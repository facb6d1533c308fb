import fs from 'node:fs';
import path from 'node:path';
import { readIni } from './ini.js';
import { readToml, type TomlDocument, type TomlValue } from './toml.js';

/** pytest's configuration file of a repo and the options it sets. */
export interface PytestConfig {
  /** The file pytest takes its options from, relative to the repo root. */
  file: string;
  /** Option name → value: a string in INI files and `ini_options`, native TOML values otherwise. */
  options: ReadonlyMap<string, TomlValue>;
  /** Why the file could not be read. pytest stops with a usage error then; its options are unknown. */
  problem?: string;
}

/** The files pytest 9 looks for in the rootdir, in its order (pytest 7 and 8 lack the first two). */
export const PYTEST_CONFIG_CANDIDATES = ['pytest.toml', '.pytest.toml', 'pytest.ini', '.pytest.ini', 'pyproject.toml', 'tox.ini', 'setup.cfg'] as const;

type Options = Map<string, TomlValue>;

/** The direct keys under `prefix` (`tool.pytest.ini_options.python_files` → `python_files`). */
function keysUnder(doc: TomlDocument, prefix: string): Options {
  const out: Options = new Map();
  for (const [k, v] of doc.values) {
    const rest = k.startsWith(`${prefix}.`) ? k.slice(prefix.length + 1) : undefined;
    if (rest && !rest.includes('.')) out.set(rest, v);
  }
  return out;
}

const declares = (doc: TomlDocument, prefix: string, except?: string) =>
  [...doc.tables, ...doc.values.keys()].some((k) => k.startsWith(`${prefix}.`) && (except === undefined || (k !== except && !k.startsWith(`${except}.`))));

function fromPyproject(doc: TomlDocument): Options | undefined {
  const ini = doc.tables.has('tool.pytest.ini_options') || declares(doc, 'tool.pytest.ini_options');
  const native = declares(doc, 'tool.pytest', 'tool.pytest.ini_options');
  if (ini && native) throw new Error('both [tool.pytest] and [tool.pytest.ini_options] are set (pytest refuses that)');
  if (native) return keysUnder(doc, 'tool.pytest');
  return ini ? keysUnder(doc, 'tool.pytest.ini_options') : undefined;
}

/** The options a candidate file sets, or undefined when pytest would not take it as its config. */
function optionsIn(name: string, text: string): Options | undefined {
  if (name.endsWith('.toml')) {
    const doc = readToml(text);
    // pytest.toml is the config even when empty, like pytest.ini.
    return name === 'pyproject.toml' ? fromPyproject(doc) : keysUnder(doc, 'pytest');
  }
  const sections = readIni(text);
  const section = name === 'setup.cfg' ? 'tool:pytest' : 'pytest';
  if (sections.has(section)) return new Map(sections.get(section));
  return name === 'pytest.ini' || name === '.pytest.ini' ? new Map() : undefined;
}

/**
 * The first of pytest's config files in the repo root that pytest would use (ATQOS runs pytest
 * with the repo as rootdir), or undefined when there is none. A file that cannot be parsed stops
 * the search, as it stops pytest; it comes back with a `problem` and no options.
 */
export function locatePytestConfig(repoDir: string): PytestConfig | undefined {
  for (const name of PYTEST_CONFIG_CANDIDATES) {
    const file = path.join(repoDir, name);
    // pytest skips anything that is not a regular file (a directory called pytest.ini).
    if (!fs.statSync(file, { throwIfNoEntry: false })?.isFile()) continue;
    try {
      const options = optionsIn(name, fs.readFileSync(file, 'utf8'));
      if (options) return { file: name, options };
    } catch (err) {
      return { file: name, options: new Map(), problem: err instanceof Error ? err.message : String(err) };
    }
  }
  return undefined;
}
