import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { crashPoint } from '../../core/index.js';
import type { Finding } from '../../core/index.js';
import { scrubText } from '../../secrets/index.js';
import type { EarlierResult, Logger } from '../../plugin/contract.js';
import { integrateBranches, linkDependencyDirs, removeTaskWorktree } from '../../git/index.js';
import type { SelectedPlugin } from '../resolve-plugins.js';
import { runPlugin } from '../run-plugin.js';
import type { PluginRunInput } from '../run-plugin.js';
import { supersede } from '../supersede.js';

const FAILING = new Set(['test_failure', 'test_error', 'collection_error', 'env_error', 'tool_error']);

export interface CheckpointInput {
  repoDir: string;
  runDir: string;
  runId: string;
  baseSha: string;
  branches: string[];
  selected: SelectedPlugin[];
  baseline: Finding[];
  env: Readonly<Record<string, string>>;
  maxOutputBytes: number;
  signal: AbortSignal;
  log: Logger;
  /** The run's lane, changes and index, so the re-collect selects and compares as the run did. */
  plugins: Pick<PluginRunInput, 'lane' | 'changes' | 'indexPath' | 'runsDir'>;
  /** Told the scratch dir before anything is made in it (recorded, so a resume can clean it). */
  started?: (dir: string) => void;
}

export interface CheckpointResult {
  integrationBranch: string;
  applied: string[];
  conflicted: { branch: string; files: string[]; reason: string }[];
  failingBefore: number;
  failingAfter: number;
  /** Fingerprints failing before that no longer fail. */
  fixed: string[];
  /** Fingerprints failing now that did not before. */
  introduced: string[];
  trustworthy: boolean;
}

export function failingFingerprints(findings: readonly Finding[]): Set<string> {
  return new Set(findings.filter((f) => FAILING.has(f.kind)).map((f) => f.fingerprint));
}

/**
 * Integrates the validated task branches onto `atqos/integration/<run>` and runs every plugin
 * again there — the full re-collect that proves the fixes hold together.
 */
export async function checkpoint(c: CheckpointInput): Promise<CheckpointResult> {
  const integrationBranch = `atqos/integration/${c.runId}`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `atqos-int-${c.runId}-`));
  c.started?.(dir);
  const logDir = path.join(c.runDir, 'checkpoint', 'git');
  fs.mkdirSync(logDir, { recursive: true });
  try {
    const merged = await integrateBranches({ repo: c.repoDir, baseSha: c.baseSha, branches: c.branches, integrationBranch, dir }, { logDir });
    crashPoint('checkpoint.integrated');
    linkDependencyDirs(c.repoDir, dir);
    const checkpointDir = path.join(c.runDir, 'checkpoint');
    const found: Finding[] = [];
    const earlier: EarlierResult[] = [];
    let trustworthy = true;
    for (const selected of c.selected) {
      const pr = await runPlugin({ ...c.plugins, earlier: [...earlier], selected, repoDir: dir, runDir: checkpointDir, runStartedAtMs: Date.now(), env: c.env, maxOutputBytes: c.maxOutputBytes, signal: c.signal, log: c.log });
      found.push(...pr.output.findings);
      earlier.push({ plugin: selected.plugin.id, tests: pr.output.tests, findings: pr.output.findings, trustworthy: pr.outcome.trustworthy });
      trustworthy &&= pr.outcome.trustworthy;
    }
    const after = supersede(found).kept;
    fs.writeFileSync(path.join(checkpointDir, 'findings.json'), scrubText(`${JSON.stringify(after, null, 2)}\n`));
    const before = failingFingerprints(c.baseline);
    const now = failingFingerprints(after);
    return {
      integrationBranch, applied: merged.applied, conflicted: merged.conflicted,
      failingBefore: before.size, failingAfter: now.size,
      fixed: [...before].filter((f) => !now.has(f)),
      introduced: [...now].filter((f) => !before.has(f)),
      trustworthy,
    };
  } finally {
    await removeTaskWorktree(c.repoDir, dir).catch(() => undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
