// Helpers the plugins' specs share: temp dirs, a real collect through the engine's collect
// context, and a real command through the runner. Not part of any plugin (the build skips it).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCollectContext } from '../../src/engine/collect-context.js';
import { buildToolEnv, runCommand } from '../../src/runner/index.js';
import type { ExecResult } from '../../src/runner/index.js';
import type { CommandSpec } from '../../src/core/index.js';
import type { CollectContext, CollectResult, NormalizeInput } from '../../src/plugin/contract.js';

/** Temp dirs named `<prefix>-<label>-…`, removed together by `removeAll`. */
export class TempDirs {
  private readonly dirs: string[] = [];

  constructor(private readonly prefix: string) {}

  make(label: string): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${this.prefix}-${label}-`));
    this.dirs.push(dir);
    return dir;
  }

  /** A fresh copy of `source` (a fixture project), so runs never write into the checkout. */
  copy(source: string, label: string): string {
    const dir = this.make(label);
    fs.cpSync(source, dir, { recursive: true });
    return dir;
  }

  removeAll(): void {
    for (const dir of this.dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  }
}

export interface CollectedRun {
  runDir: string;
  collect: CollectResult;
  input: NormalizeInput;
}

/** What a real collect needs: the plugin's collect and the engine's collect-context inputs. */
export interface CollectSetup {
  collect: (ctx: CollectContext) => Promise<CollectResult>;
  pluginId: string;
  repoDir: string;
  runDir: string;
  options: Record<string, unknown>;
  env: Record<string, string>;
  runStartedAtMs?: number;
}

/** Runs a plugin's real collect as the engine would, and builds the input normalize gets. */
export async function collectRun(s: CollectSetup): Promise<CollectedRun> {
  const { repoDir, runDir, options } = s;
  const runStartedAtMs = s.runStartedAtMs ?? Date.now();
  const ctx = createCollectContext({ repoDir, runDir, pluginId: s.pluginId, options, env: s.env, runStartedAtMs });
  const result = await s.collect(ctx);
  const read = (name: string): string | undefined => {
    const a = result.artifacts.find((x) => x.name === name);
    return a?.exists ? fs.readFileSync(path.join(runDir, a.path), 'utf8') : undefined;
  };
  return { runDir, collect: result, input: { collect: result, read, repoDir, runDir, runStartedAtMs, options } };
}

/** A command run through the real runner in `cwd`, its output in files under `outDir`, with what it printed. */
export async function runToFiles(argv: string[], cwd: string, env: Record<string, string>, outDir: string, timeoutMs = 120_000): Promise<{ exec: ExecResult; stdout: string; stderr: string }> {
  const exec = await runCommand({ argv, cwd, env, stdoutPath: path.join(outDir, 'stdout'), stderrPath: path.join(outDir, 'stderr'), timeoutMs });
  return { exec, stdout: fs.readFileSync(exec.stdoutPath, 'utf8'), stderr: fs.readFileSync(exec.stderrPath, 'utf8') };
}

/**
 * The spec helpers of a plugin checked on one fixture project: temp dirs `atqos-<id>-…`, copies
 * of the project, a real collect with the run dir outside the repo, and a real command.
 */
export function projectSpecKit(pluginId: string, collect: CollectSetup['collect'], projectDir: string) {
  const temps = new TempDirs(`atqos-${pluginId}`);
  const env = () => buildToolEnv(process.env);
  return {
    tempDir: (label: string): string => temps.make(label),
    removeTemps: (): void => temps.removeAll(),
    copyProject: (): string => temps.copy(projectDir, 'project'),
    /** Runs the plugin's real collect in `repoDir`, as the engine would, and the input normalize gets. */
    collectIn: (repoDir: string, options: Record<string, unknown>): Promise<CollectedRun> =>
      collectRun({ collect, pluginId, repoDir, runDir: path.join(temps.make('run'), 'run'), options, env: env() }),
    /** Runs a command (a validation, or the tool itself) in `cwd`; its exit code and stdout. */
    run: async (cmd: CommandSpec | string[], cwd: string): Promise<{ exitCode: number | null; stdout: string }> => {
      const res = await runToFiles(Array.isArray(cmd) ? cmd : cmd.argv, cwd, env(), temps.make('cmd'));
      return { exitCode: res.exec.exitCode, stdout: res.stdout };
    },
  };
}
