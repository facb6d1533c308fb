import type { AtqosConfig } from '../config/index.js';
import { AtqosError } from '../core/index.js';
import type { Plugin } from '../plugin/contract.js';

export interface SelectedPlugin {
  plugin: Plugin;
  options: unknown;
}

/** Parses every configured plugin section, so a typo fails before anything runs. */
export function parsePluginOptions(config: AtqosConfig, registry: ReadonlyMap<string, Plugin>): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [id, raw] of Object.entries(config.plugins)) {
    const plugin = registry.get(id);
    if (!plugin) {
      throw new AtqosError('config_invalid', `.github/atqos.yml: \`plugins.${id}\` is not a known plugin`, {
        hint: `known plugins: ${[...registry.keys()].join(', ')}; \`atqos plugins\` lists them`,
      });
    }
    out.set(id, plugin.parseOptions(raw));
  }
  return out;
}

/**
 * The plugins a lane runs: the lane's list, or every plugin that detects itself in the repo and
 * joins this lane by itself (`Plugin.lanes`; expensive extras such as coverage name theirs).
 */
export async function selectPlugins(
  config: AtqosConfig,
  laneName: string,
  registry: ReadonlyMap<string, Plugin>,
  repoDir: string,
): Promise<SelectedPlugin[]> {
  const lane = config.lanes[laneName];
  if (!lane) {
    throw new AtqosError('lane_unknown', `lane "${laneName}" is not defined`, {
      hint: `use one of: ${Object.keys(config.lanes).join(', ')}, or define lanes.${laneName} in .github/atqos.yml`,
    });
  }
  const options = parsePluginOptions(config, registry);
  let ids = lane.plugins;
  if (!ids) {
    ids = [];
    for (const [id, p] of registry) if ((!p.lanes || p.lanes.includes(laneName)) && (await p.detect(repoDir))) ids.push(id);
  }
  return ids.map((id) => {
    const plugin = registry.get(id);
    if (!plugin) {
      throw new AtqosError('config_invalid', `.github/atqos.yml: \`lanes.${laneName}.plugins\` names unknown plugin "${id}"`, {
        hint: `known plugins: ${[...registry.keys()].join(', ')}`,
      });
    }
    return { plugin, options: options.has(id) ? options.get(id) : plugin.parseOptions(undefined) };
  });
}
