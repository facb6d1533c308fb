/** What ranks a coverage gap: critical first, then files that change often, then bigger gaps. */
export interface GapRankInput {
  path: string;
  critical: boolean;
  churn: number;
  /** Statements still to cover to reach the target. */
  gapStatements: number;
}

/** Lowest priority an `add_test` task gets: after every fix-type task (the engine runs low first). */
export const ADD_TEST_PRIORITY = 500;

/** Priority of each gap by path: `ADD_TEST_PRIORITY + rank`, deterministic (path breaks ties). */
export function rankGaps(gaps: readonly GapRankInput[]): Map<string, number> {
  const sorted = [...gaps].sort((a, b) =>
    Number(b.critical) - Number(a.critical) || b.churn - a.churn || b.gapStatements - a.gapStatements || a.path.localeCompare(b.path));
  return new Map(sorted.map((g, i) => [g.path, ADD_TEST_PRIORITY + i]));
}
