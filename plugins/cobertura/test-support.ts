// Helpers shared by the ingest plugins' specs (cobertura, lcov, ctrf): reports copied into a real
// run dir the way `atqos ingest` copies them, then the plugin's real collect and normalize.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCollectContext } from '../../src/engine/collect-context.js';
import { buildToolEnv } from '../../src/runner/index.js';
import type { CollectResult, NormalizeInput, NormalizeOutput, Plugin } from '../../src/plugin/contract.js';

export const ingestFixtures = fileURLToPath(new URL('../../fixtures/ingest/', import.meta.url));
export const coverageFixtures = fileURLToPath(new URL('../../fixtures/coverage/', import.meta.url));

const dirs: string[] = [];

/** A fresh real temp dir, removed by `removeTempDirs`. */
export function tempDir(label: string): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), `atqos-${label}-`)));
  dirs.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
}

export interface Ingested {
  collect: CollectResult;
  input: NormalizeInput;
  output: NormalizeOutput;
}

/**
 * What `atqos ingest --format <plugin.id> files...` does with a plugin, minus the store: copies the
 * files to `raw/<id>/<n>-<basename>` of a new run dir, runs the real collect, then normalize.
 */
export async function ingestWith(plugin: Plugin, repoDir: string, files: readonly string[], rawOptions?: unknown): Promise<Ingested> {
  const runDir = path.join(tempDir(`${plugin.id}-run`), 'run');
  const raw = path.join(runDir, 'raw', plugin.id);
  fs.mkdirSync(raw, { recursive: true });
  files.forEach((f, i) => fs.copyFileSync(f, path.join(raw, `${i}-${path.basename(f)}`)));
  const options = plugin.parseOptions(rawOptions);
  const runStartedAtMs = Date.now();
  const ctx = createCollectContext({ repoDir, runDir, pluginId: plugin.id, options, env: buildToolEnv(process.env), runStartedAtMs });
  const collect = await plugin.collect(ctx);
  const read = (name: string): string | undefined => {
    const a = collect.artifacts.find((x) => x.name === name);
    return a?.exists ? fs.readFileSync(path.join(runDir, a.path), 'utf8') : undefined;
  };
  const input: NormalizeInput = { collect, read, repoDir, runDir, runStartedAtMs, options };
  return { collect, input, output: plugin.normalize(input) };
}

/** Writes `text` to a new temp file named `name` and returns its path. */
export function writeTemp(name: string, text: string): string {
  const file = path.join(tempDir('report'), name);
  fs.writeFileSync(file, text);
  return file;
}
