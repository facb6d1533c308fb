import fs from 'node:fs';
import path from 'node:path';
import type { ExecResult } from '../../src/runner/types.js';
import type { CollectContext, CollectResult, RawArtifact } from '../../src/plugin/contract.js';
import type { BlameTarget } from './blame.js';
import { failedImports } from './earlier-imports.js';
import { skipAuditPythonDir } from './helper-dir.js';
import { parseSkipInventory } from './inventory.js';
import { EARLIER_OBSOLETE, earlierObsolete, quarantinedImports } from './quarantine-evidence.js';
import type { SkipInventory } from './inventory.js';
import { runUnskipped } from './run-unskipped.js';
import { parseOptions } from './schema.js';
import type { SkipAuditOptions } from './schema.js';
import { blameTargets, selectForUnskip } from './select.js';
import { listTestModules } from './test-files.js';

/** Artifacts normalize reads by name, and their files under `raw/skip-audit/`. */
export const ARTIFACTS = {
  inventory: 'inventory.json',
  failedImports: 'failed-imports.json',
  blameTargets: 'blame-targets.json',
  earlierObsolete: EARLIER_OBSOLETE,
} as const;

const NO_BYTECODE = { PYTHONDONTWRITEBYTECODE: '1' };

function writeJson(ctx: CollectContext, file: string, value: unknown): string {
  const abs = path.join(ctx.runDir, ctx.rawDir, file);
  fs.writeFileSync(abs, `${JSON.stringify(value, null, 2)}\n`);
  return abs;
}

/** git blame of each permanent skip's line; the porcelain output stays raw for normalize. */
async function blameAll(ctx: CollectContext, inv: SkipInventory, execs: Record<string, ExecResult>): Promise<void> {
  const wanted = blameTargets(inv);
  const targets: BlameTarget[] = [];
  if (wanted.length) {
    const probe = await ctx.exec('git-probe', { argv: ['git', 'rev-parse', '--is-inside-work-tree'], cwd: '.' });
    execs['git-probe'] = probe;
    if (probe.exitCode !== 0) ctx.log.warn({ exitCode: probe.exitCode }, 'not a git work tree: skip ages unknown');
    else {
      for (const [i, t] of wanted.entries()) {
        const name = `blame-${i}`;
        execs[name] = await ctx.exec(name, { argv: ['git', 'blame', '--porcelain', '-L', `${t.line},${t.line}`, '--', t.file], cwd: '.' });
        targets.push({ ...t, artifact: name });
      }
    }
  }
  writeJson(ctx, ARTIFACTS.blameTargets, targets);
}

async function runInventory(ctx: CollectContext, options: SkipAuditOptions): Promise<ExecResult> {
  const imports = failedImports(ctx.earlier);
  writeJson(ctx, ARTIFACTS.failedImports, imports);
  writeJson(ctx, ARTIFACTS.earlierObsolete, earlierObsolete(ctx.earlier));
  const files = listTestModules(ctx.repoDir);
  const request = writeJson(ctx, 'inventory-request.json', {
    root: ctx.repoDir,
    files,
    // Quarantines for removed imports are re-checked: still gone means still obsolete.
    imports: [...imports.map((i) => ({ module: i.module, name: i.name })), ...quarantinedImports(ctx.repoDir, files)],
  });
  return ctx.exec('inventory', {
    argv: [options.python, path.join(skipAuditPythonDir(), 'atqos_skip_inventory.py'), request, path.join(ctx.runDir, ctx.rawDir, ARTIFACTS.inventory)],
    cwd: '.',
    env: NO_BYTECODE,
    timeoutMs: Math.round(options.timeoutSec * 1000),
  });
}

/**
 * Static inventory (a Python helper, stdlib `ast`), git blame of permanent skips, then the skipped
 * tests run with their skips lifted. Non-zero exits are data for normalize.
 */
export async function collect(ctx: CollectContext): Promise<CollectResult> {
  const options = parseOptions(ctx.options);
  const execs: Record<string, ExecResult> = {};
  const exec = await runInventory(ctx, options);
  const artifacts: RawArtifact[] = Object.entries(ARTIFACTS).map(([name, file]) => ctx.artifact(name, path.posix.join(ctx.rawDir, file)));
  const inv = artifacts[0]!.exists ? parseSkipInventory(fs.readFileSync(path.join(ctx.runDir, artifacts[0]!.path), 'utf8')) : undefined;
  if (!inv?.ok) return { exec, artifacts, execs };
  await blameAll(ctx, inv.inventory, execs);
  artifacts[2] = ctx.artifact('blameTargets', path.posix.join(ctx.rawDir, ARTIFACTS.blameTargets));
  for (const name of Object.keys(execs).filter((n) => n.startsWith('blame-'))) {
    artifacts.push(ctx.artifact(name, path.posix.join(ctx.rawDir, `${name}.stdout`)));
  }
  if (options.runSkipped) {
    const run = await runUnskipped(ctx, options, selectForUnskip(inv.inventory).run);
    artifacts.push(...run.artifacts);
    Object.assign(execs, run.execs);
  }
  ctx.log.info({ skips: inv.inventory.skips.length, rounds: Object.keys(execs).filter((n) => n.startsWith('unskip-')).length }, 'skip audit collected');
  return { exec, artifacts, execs };
}
