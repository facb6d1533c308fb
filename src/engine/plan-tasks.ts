import { createHash } from 'node:crypto';
import type { Finding, Task } from '../core/index.js';
import type { Plugin, TaskDraft } from '../plugin/contract.js';
import { looksLikeTestFile } from '../guards/index.js';
import { escalateSystemic } from './escalate.js';
import { sequenceAfterStability } from './sequence-after-stability.js';

/**
 * Task id from the run, its type and findings: deterministic within a run, unique across runs
 * (the repo-level index holds every run's tasks). Branch names, not ids, are stable per finding.
 */
export function taskId(runId: string, draft: Pick<TaskDraft, 'type' | 'tool' | 'findings'>): string {
  const h = createHash('sha256').update([runId, draft.tool, draft.type, ...[...draft.findings].sort()].join('\u0000'));
  return `t-${h.digest('hex').slice(0, 12)}`;
}

/**
 * Turns each plugin's drafts into tasks with ids, statuses and dependencies, lowest priority first;
 * add_test tasks come after the tasks that make the suite stable (ordered, never blocked by them).
 */
export function planTasks(runId: string, repoDir: string, perPlugin: { plugin: Plugin; options: unknown; findings: Finding[] }[]): Task[] {
  const tasks: Task[] = [];
  for (const { plugin, options, findings } of perPlugin) {
    if (findings.length === 0) continue;
    const drafts = escalateSystemic(plugin.plan({ findings, options, isTestFile: testFileMatcher(plugin, repoDir, options) }), findings, plugin, options);
    const ids = drafts.map((d) => taskId(runId, d));
    drafts.forEach((d, i) => {
      const { dependsOnDrafts, ...rest } = d;
      tasks.push({
        ...rest,
        id: ids[i] as string,
        runId,
        status: 'queued',
        dependsOn: (dependsOnDrafts ?? []).map((j) => ids[j]).filter((x): x is string => x !== undefined),
      });
    });
  }
  const sequenced = sequenceAfterStability(tasks, perPlugin.flatMap((p) => p.findings));
  return sequenced.sort((a, b) => a.priority - b.priority || a.id.localeCompare(b.id));
}

/** The plugin's test-file matcher for this repo, or the language-neutral guess. */
export function testFileMatcher(plugin: Plugin, repoDir: string, options: unknown): (path: string) => boolean {
  return plugin.testFiles?.(repoDir, options) ?? looksLikeTestFile;
}
