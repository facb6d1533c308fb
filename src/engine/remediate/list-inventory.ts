import fs from 'node:fs';
import path from 'node:path';
import type { Plugin } from '../../plugin/contract.js';
import { runCommand } from '../../runner/index.js';

/**
 * The test ids the plugin collects in `dir`, or undefined when the plugin cannot list them or
 * collection failed. Output is kept in `outDir` as evidence.
 */
export async function listInventory(plugin: Plugin, options: unknown, dir: string, outDir: string, env: Readonly<Record<string, string>>, signal: AbortSignal): Promise<string[] | undefined> {
  if (!plugin.inventory) return undefined;
  const cmd = plugin.inventory.command(options);
  fs.mkdirSync(outDir, { recursive: true });
  const res = await runCommand({
    argv: cmd.argv,
    cwd: path.resolve(dir, cmd.cwd ?? '.'),
    env: { ...env, ...cmd.env },
    stdoutPath: path.join(outDir, 'inventory.stdout'),
    stderrPath: path.join(outDir, 'inventory.stderr'),
    timeoutMs: cmd.timeoutMs,
    signal,
    label: `${plugin.id} inventory`,
  });
  if (res.failedToStart) return undefined;
  return plugin.inventory.parse(res.exitCode, fs.readFileSync(res.stdoutPath, 'utf8'));
}
