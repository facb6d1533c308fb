import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import type { z } from 'zod';
import { AtqosError } from '../core/index.js';
import { AtqosConfig, DEFAULT_LANES } from './schema.js';

export const DEFAULT_CONFIG_PATH = '.github/atqos.yml';

export interface LoadedConfig {
  config: AtqosConfig;
  /** Repo-relative path it was read from; undefined when the embedded defaults were used. */
  source: string | undefined;
}

/** Turns zod issues into one message that names each key and what is wrong with it. */
export function formatIssues(file: string, issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .map((i) => {
      const key = i.path.map(String).join('.') || '(top level)';
      if (i.code === 'unrecognized_keys') {
        const keys = i.keys.map((k) => (key === '(top level)' ? k : `${key}.${k}`)).join(', ');
        return `${file}: unknown key ${keys} — remove it or check its spelling`;
      }
      return `${file}: \`${key}\` ${i.message}`;
    })
    .join('\n');
}

/** Validates a config object (already parsed from YAML) and fills in defaults. */
export function resolveConfig(raw: unknown, file = DEFAULT_CONFIG_PATH): AtqosConfig {
  const parsed = AtqosConfig.safeParse(raw ?? {});
  if (!parsed.success) {
    throw new AtqosError('config_invalid', formatIssues(file, parsed.error.issues), {
      hint: `fix ${file}; \`atqos config schema\` prints the JSON Schema for editors`,
    });
  }
  const config = parsed.data;
  // A user's lane is merged over the built-in one of the same name (keeping, say, its cron).
  const lanes = { ...DEFAULT_LANES };
  for (const [name, lane] of Object.entries(config.lanes)) lanes[name] = { ...DEFAULT_LANES[name], ...lane };
  config.lanes = lanes;
  if (!config.lanes[config.defaultLane]) {
    throw new AtqosError('config_invalid', `${file}: \`defaultLane\` names lane "${config.defaultLane}", which is not defined`, {
      hint: `define lanes.${config.defaultLane} or pick one of: ${Object.keys(config.lanes).join(', ')}`,
    });
  }
  return config;
}

/** Reads `.github/atqos.yml` (or `configPath`) from the repo; absent file → embedded defaults. */
export function loadConfig(repoDir: string, configPath?: string): LoadedConfig {
  const rel = configPath ?? DEFAULT_CONFIG_PATH;
  const file = path.resolve(repoDir, rel);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' && configPath === undefined) {
      return { config: resolveConfig({}), source: undefined };
    }
    throw new AtqosError('config_unreadable', `cannot read config ${rel}: ${(err as Error).message}`, {
      hint: 'check the --config path',
      cause: err,
    });
  }
  let raw: unknown;
  try {
    raw = parseYaml(text, { prettyErrors: true, maxAliasCount: 100 });
  } catch (err) {
    const where = err instanceof YAMLParseError && err.linePos ? ` at line ${err.linePos[0].line}` : '';
    throw new AtqosError('config_invalid', `${rel}: not valid YAML${where}: ${(err as Error).message.split('\n')[0]}`, {
      hint: `fix the YAML syntax in ${rel}`,
      cause: err,
    });
  }
  if (raw !== null && raw !== undefined && (typeof raw !== 'object' || Array.isArray(raw))) {
    throw new AtqosError('config_invalid', `${rel}: expected a mapping of keys at the top level`, {
      hint: 'start the file with keys such as `plugins:` or `lanes:`',
    });
  }
  return { config: resolveConfig(raw, rel), source: rel };
}
