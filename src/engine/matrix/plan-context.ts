import path from 'node:path';
import { AtqosError } from '../../core/index.js';
import { AtqosConfig, loadConfig } from '../../config/index.js';
import { git } from '../../git/index.js';
import type { Plugin } from '../../plugin/contract.js';
import { parsePluginOptions } from '../resolve-plugins.js';
import type { SelectedPlugin } from '../resolve-plugins.js';
import type { MatrixPlan } from './plan-artifact.js';

/**
 * The config the plan ran with. The saved copy has secrets redacted; then the config file is read
 * again from the checkout, which is at the plan's base SHA, so it is the same file.
 */
export function planConfig(plan: MatrixPlan, repoDir: string): AtqosConfig {
  if (!JSON.stringify(plan.config).includes('[REDACTED')) return AtqosConfig.parse(plan.config);
  const source = plan.configSource ? path.relative(repoDir, path.resolve(repoDir, plan.configSource)) : undefined;
  return loadConfig(repoDir, source && !source.startsWith('..') ? source : undefined).config;
}

/** The plan's plugins, in lane order, with their options parsed by this ATQOS. */
export function planPlugins(plan: MatrixPlan, config: AtqosConfig, registry: ReadonlyMap<string, Plugin>): SelectedPlugin[] {
  const options = parsePluginOptions(config, registry);
  return plan.plugins.map(({ id }) => {
    const plugin = registry.get(id);
    if (!plugin) throw new AtqosError('matrix_plan_invalid', `the plan used plugin "${id}", which this ATQOS does not have`, { hint: 'use the same ATQOS version for plan, attempt and integrate' });
    return { plugin, options: options.has(id) ? options.get(id) : plugin.parseOptions(undefined) };
  });
}

/** The commit HEAD points at, or undefined when there is none. */
export async function headCommit(repoDir: string): Promise<string | undefined> {
  const r = await git(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'], { cwd: repoDir, allowFail: true });
  return r.exitCode === 0 ? r.stdout.trim() : undefined;
}

/** Refuses a checkout whose HEAD is not the plan's base: the fixes would be made on other code. */
export async function assertAtBase(repoDir: string, plan: MatrixPlan): Promise<void> {
  const head = await headCommit(repoDir);
  if (head === plan.baseSha) return;
  throw new AtqosError('matrix_base_mismatch', `${repoDir} is at ${head ?? 'no commit'}, but plan ${plan.runId} was made at ${plan.baseSha}`, {
    hint: `check out the plan's base first: \`git fetch origin ${plan.baseSha} && git checkout --detach ${plan.baseSha}\` (in a workflow: actions/checkout with ref: the plan job's base-sha output)`,
  });
}

/** Refuses a repository that does not hold the plan's base commit (a shallow clone). */
export async function assertHasBase(repoDir: string, plan: MatrixPlan): Promise<void> {
  const r = await git(['cat-file', '-e', `${plan.baseSha}^{commit}`], { cwd: repoDir, allowFail: true });
  if (r.exitCode === 0) return;
  throw new AtqosError('matrix_base_mismatch', `${repoDir} does not have the plan's base commit ${plan.baseSha}`, {
    hint: `fetch it (\`git fetch origin ${plan.baseSha}\`; in a workflow: actions/checkout with fetch-depth: 0)`,
  });
}
