import fs from 'node:fs';
import path from 'node:path';
import type { ChangeSet, CollectContext, EarlierResult, LaneContext, Logger, RawArtifact } from '../plugin/contract.js';
import { runCommand } from '../runner/index.js';
import { toPosix } from '../core/index.js';
import { silentLogger } from './logger.js';
import { readTestHistory } from './test-history.js';
import { findPriorArtifact } from './prior-artifact.js';

export interface CollectContextInput {
  repoDir: string;
  runDir: string;
  pluginId: string;
  options: unknown;
  env: Readonly<Record<string, string>>;
  runStartedAtMs: number;
  signal?: AbortSignal;
  log?: Logger;
  /** Per-stream cap for tool output, bytes. */
  maxOutputBytes?: number;
  /** The run's lane; a plain nightly lane (whole suite) when absent. */
  lane?: LaneContext;
  earlier?: readonly EarlierResult[];
  changes?: ChangeSet;
  /** The repo-level index of past runs (`<run-root>/state.db`); no history when absent. */
  indexPath?: string;
  /** Where earlier run dirs are, for `prior`; default: the directory holding `runDir`. */
  runsDir?: string;
}

/** The lane plugins see when a caller names none: the whole suite, default reruns. */
export const PLAIN_LANE: LaneContext = { name: 'nightly', select: undefined, reruns: undefined, riskTiers: {} };

/** Records what exists at `relPath` under the run dir, without reading it. */
export function statArtifact(runDir: string, name: string, relPath: string): RawArtifact {
  const posix = toPosix(relPath);
  try {
    const st = fs.statSync(path.join(runDir, posix));
    return { name, path: posix, exists: st.isFile(), bytes: st.size, mtimeMs: st.mtimeMs };
  } catch {
    return { name, path: posix, exists: false, bytes: 0, mtimeMs: 0 };
  }
}

/** The context a plugin's collect step runs with: its raw dir, the runner bound to it, the tool env. */
export function createCollectContext(input: CollectContextInput): CollectContext {
  const rawDir = toPosix(path.join('raw', input.pluginId));
  fs.mkdirSync(path.join(input.runDir, rawDir), { recursive: true });
  const signal = input.signal ?? new AbortController().signal;
  return {
    repoDir: input.repoDir,
    runDir: input.runDir,
    rawDir,
    runStartedAtMs: input.runStartedAtMs,
    options: input.options,
    env: input.env,
    log: input.log ?? silentLogger,
    signal,
    exec: (name, cmd) =>
      runCommand({
        argv: cmd.argv,
        cwd: path.resolve(input.repoDir, cmd.cwd ?? '.'),
        env: { ...input.env, ...cmd.env },
        stdoutPath: path.join(input.runDir, rawDir, `${name}.stdout`),
        stderrPath: path.join(input.runDir, rawDir, `${name}.stderr`),
        maxBytes: input.maxOutputBytes,
        timeoutMs: cmd.timeoutMs,
        signal,
        label: input.pluginId,
        hint: `check \`plugins.${input.pluginId}\` in .github/atqos.yml (the command and interpreter it runs)`,
      }),
    artifact: (name, relPath) => statArtifact(input.runDir, name, relPath),
    lane: input.lane ?? PLAIN_LANE,
    earlier: input.earlier ?? [],
    changes: input.changes,
    history: (tool, nodeIds, limit) => readTestHistory(input.indexPath, tool, nodeIds, limit),
    prior: (relPath) => findPriorArtifact(input.runsDir ?? path.dirname(input.runDir), path.basename(input.runDir), relPath),
  };
}
