/**
 * Commits touching each file, from `git log --format= --name-only` output: one path per line per
 * commit that touched it (git lists a path once per commit), so a path's count is its commits.
 * Pure.
 */
export function parseChurn(text: string | undefined): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of (text ?? '').split('\n')) {
    const f = line.trim();
    if (f) counts.set(f, (counts.get(f) ?? 0) + 1);
  }
  return counts;
}

/** The git argv of the churn query (run from the repo root). */
export function churnArgv(days: number): string[] {
  return ['git', '-c', 'core.quotePath=false', 'log', `--since=${days} days ago`, '--format=', '--name-only', '--no-renames', '--'];
}
