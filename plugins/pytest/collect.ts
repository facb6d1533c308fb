import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CollectContext, CollectResult } from '../../src/plugin/contract.js';
import { parseOptions, pytestPrefix } from './schema.js';
import type { PytestOptions } from './schema.js';
import { selectionArgv } from './select/combine.js';
import type { SelectionRecord } from './select/record.js';
import { resolveSelection } from './select/resolve.js';

const INVENTORY_FILE = 'atqos_pytest_inventory.py';

/**
 * Where the inventory plugin lives: `plugins/pytest/python/` under the package root, found by
 * walking up from this module (source tree, tsc output and the bundled CLI all sit below it).
 */
export function inventoryPluginDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    for (const candidate of [path.join(dir, 'python'), path.join(dir, 'plugins', 'pytest', 'python')]) {
      if (fs.existsSync(path.join(candidate, INVENTORY_FILE))) return candidate;
    }
    const parent = path.dirname(dir);
    if (parent === dir) return path.join(path.dirname(fileURLToPath(import.meta.url)), 'python');
    dir = parent;
  }
}

/** Artifact names normalize reads, and their file names under `raw/pytest/`. */
export const ARTIFACTS = {
  junit: 'junit.xml',
  inventory: 'inventory.json',
  stdout: 'pytest.stdout',
  stderr: 'pytest.stderr',
  selection: 'selection.json',
} as const;

/**
 * The one pytest invocation of a collect: the suite (or the lane's selection: its targets and
 * `-m`), JUnit XML and the inventory plugin.
 */
export function collectArgv(options: PytestOptions, junitPath: string, selection?: Pick<SelectionRecord, 'targets' | 'markers'>): string[] {
  const sel = { targets: selection?.targets.length ? selection.targets : undefined, markers: selection?.markers };
  return [
    ...pytestPrefix(options),
    ...selectionArgv(sel, options.testPaths),
    ...options.args,
    `--junitxml=${junitPath}`,
    '-o', 'junit_family=xunit2',
    '-p', 'atqos_pytest_inventory',
    // The cache would write into the repo and lets --lf/--ff change what runs between runs.
    '-p', 'no:cacheprovider',
    '--color=no',
    ...(options.continueOnCollectionErrors ? ['--continue-on-collection-errors'] : []),
  ];
}

/**
 * The child's environment additions: our plugin on PYTHONPATH (first), where to write, and no
 * bytecode written into the repo. Existing caches (stdlib, site-packages) are still read; only the
 * project's own modules compile afresh, as on any fresh CI checkout. A user who wants a bytecode
 * cache sets PYTHONPYCACHEPREFIX through `env.set` and it is respected.
 */
export function collectEnv(base: Readonly<Record<string, string>>, inventoryPath: string): Record<string, string> {
  const existing = base['PYTHONPATH'];
  const pythonPath = existing ? `${inventoryPluginDir()}${path.delimiter}${existing}` : inventoryPluginDir();
  const bytecode: Record<string, string> = base['PYTHONPYCACHEPREFIX'] ? {} : { PYTHONDONTWRITEBYTECODE: '1' };
  return { PYTHONPATH: pythonPath, ATQOS_INVENTORY_PATH: inventoryPath, ...bytecode };
}

/**
 * Runs the lane's selection of the suite once and records what it wrote (and what it selected,
 * in `selection.json`). Non-zero exits are data for normalize. A selection that can affect no
 * test runs nothing.
 */
export async function collect(ctx: CollectContext): Promise<CollectResult> {
  const options = parseOptions(ctx.options);
  const abs = (file: string) => path.join(ctx.runDir, ctx.rawDir, file);
  const rel = (file: string) => path.posix.join(ctx.rawDir.replace(/\\/g, '/'), file);
  const artifacts = () => Object.entries(ARTIFACTS).map(([name, file]) => ctx.artifact(name, rel(file)));
  const selection = await resolveSelection(ctx, options);
  ctx.log.info({ lane: selection.lane, mode: selection.mode, targets: selection.targets.length, markers: selection.markers }, 'pytest selection');
  if (selection.mode === 'none') return { artifacts: artifacts() };
  const exec = await ctx.exec('pytest', {
    argv: collectArgv(options, abs(ARTIFACTS.junit), selection),
    cwd: '.',
    env: collectEnv(ctx.env, abs(ARTIFACTS.inventory)),
    timeoutMs: Math.round(options.timeoutSec * 1000),
  });
  ctx.log.info({ exitCode: exec.exitCode, durationMs: exec.durationMs, timedOut: exec.timedOut }, 'pytest finished');
  return { exec, artifacts: artifacts() };
}
