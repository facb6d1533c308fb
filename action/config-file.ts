import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { DEFAULT_CONFIG_PATH, loadConfig } from '../src/config/index.js';
import type { ActionInputs } from './inputs.js';

/**
 * The config path for the engine: the `config` input when the file exists (embedded defaults when
 * the default path is absent), or, with an `agent` input, a copy outside the repo whose
 * `agents.default` is that agent — the repo's own file is never written.
 */
export function configFor(repoDir: string, inputs: Pick<ActionInputs, 'config' | 'agent'>, tempRoot = os.tmpdir()): string | undefined {
  const exists = fs.existsSync(path.resolve(repoDir, inputs.config));
  if (!exists && inputs.config !== DEFAULT_CONFIG_PATH) {
    throw new Error(`input 'config': ${inputs.config} does not exist in ${repoDir}; fix the path or leave the input out for the embedded defaults`);
  }
  const configPath = exists ? inputs.config : undefined;
  if (!inputs.agent) return configPath;
  loadConfig(repoDir, configPath); // a broken config is reported as itself, not as the copy
  const raw = configPath ? ((parseYaml(fs.readFileSync(path.resolve(repoDir, configPath), 'utf8')) ?? {}) as Record<string, unknown>) : {};
  const agents = typeof raw.agents === 'object' && raw.agents !== null ? raw.agents : {};
  const file = path.join(fs.mkdtempSync(path.join(tempRoot, 'atqos-config-')), 'atqos.json');
  fs.writeFileSync(file, `${JSON.stringify({ ...raw, agents: { ...agents, default: inputs.agent } }, null, 2)}\n`);
  return file;
}
