import { messageSignature } from '../core/index.js';
import type { Finding } from '../core/index.js';
import type { Plugin, TaskDraft } from '../plugin/contract.js';

/** The same failure in this many tasks is one root cause, not that many separate bugs. */
export const SYSTEMIC_MIN_TASKS = 3;

/** What makes two findings "the same failure" in different places: tool, kind, exception, message shape. */
export function failureSignature(f: Finding): string {
  return [f.tool, f.kind, f.evidence.exceptionType ?? '', messageSignature(f.message)].join('\u0000');
}

const uniq = <T>(xs: T[]): T[] => [...new Set(xs)];

/**
 * Escalates a failure signature shared by at least SYSTEMIC_MIN_TASKS tasks into one `systemic`
 * task holding those findings. The tasks it came from lose those findings and wait for it
 * (`dependsOnDrafts`); a task left with no finding is dropped, as the systemic task covers it.
 */
export function escalateSystemic(drafts: TaskDraft[], findings: readonly Finding[], plugin: Plugin, options: unknown): TaskDraft[] {
  const byFp = new Map(findings.map((f) => [f.fingerprint, f]));
  const tasksBySig = new Map<string, Set<number>>();
  drafts.forEach((d, i) => {
    if (d.type !== 'fix' && d.type !== 'update_test') return;
    for (const fp of d.findings) {
      const f = byFp.get(fp);
      if (!f) continue;
      const sig = failureSignature(f);
      tasksBySig.set(sig, (tasksBySig.get(sig) ?? new Set()).add(i));
    }
  });
  let out = drafts.map((d) => ({ ...d }));
  const systemic: TaskDraft[] = [];
  for (const [sig, idx] of tasksBySig) {
    if (idx.size < SYSTEMIC_MIN_TASKS) continue;
    const members = [...idx].map((i) => out[i] as TaskDraft);
    const shared = members.flatMap((d) => d.findings.filter((fp) => byFp.get(fp) && failureSignature(byFp.get(fp) as Finding) === sig));
    const example = byFp.get(shared[0] as string) as Finding;
    const targets = {
      files: uniq(members.flatMap((d) => d.targets.files)),
      nodeIds: uniq(shared.map((fp) => byFp.get(fp)?.scope.nodeId).filter((n): n is string => !!n)),
    };
    const at = drafts.length + systemic.length;
    systemic.push({
      type: 'systemic',
      tool: plugin.id,
      title: `Systemic: ${example.evidence.exceptionType ?? example.kind} in ${idx.size} test files — ${example.message.split('\n')[0]?.slice(0, 120)}`,
      findings: shared,
      targets,
      allowedPaths: uniq(members.flatMap((d) => d.allowedPaths)),
      validation: plugin.validation(targets, options, 'systemic'),
      retryPolicy: { maxAttempts: 3 },
      priority: Math.min(...members.map((d) => d.priority)) - 1,
      dependsOnDrafts: uniq(members.flatMap((d) => d.dependsOnDrafts ?? [])),
    });
    out = out.map((d, i) => (idx.has(i) ? { ...d, findings: d.findings.filter((fp) => !shared.includes(fp)), dependsOnDrafts: [...(d.dependsOnDrafts ?? []), at] } : d));
  }
  if (!systemic.length) return drafts;
  // Drop emptied tasks, renumbering the dependency indices that pointed past them.
  const all = [...out, ...systemic];
  const keep = all.map((d) => d.findings.length > 0);
  const newIndex = all.map((_, i) => keep.slice(0, i).filter(Boolean).length);
  return all
    .filter((_, i) => keep[i])
    .map((d) => ({ ...d, dependsOnDrafts: (d.dependsOnDrafts ?? []).filter((j) => keep[j]).map((j) => newIndex[j] as number) }));
}
