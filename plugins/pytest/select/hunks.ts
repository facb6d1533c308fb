/** One `@@ -a,b +c,d @@` hunk of a unified diff: where lines left the old file and entered the new. */
export interface Hunk {
  oldStart: number;
  oldCount: number;
  newStart: number;
  newCount: number;
}

const HEADER = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

/** The hunks of one file's `git diff -U0` output (an omitted count is 1, as in the format). */
export function parseHunks(diff: string): Hunk[] {
  const hunks: Hunk[] = [];
  for (const line of diff.split('\n')) {
    const m = HEADER.exec(line);
    if (!m) continue;
    hunks.push({ oldStart: Number(m[1]), oldCount: m[2] === undefined ? 1 : Number(m[2]), newStart: Number(m[3]), newCount: m[4] === undefined ? 1 : Number(m[4]) });
  }
  return hunks;
}

/** Inclusive 1-based line ranges a hunk removed from the old file (none for a pure insertion). */
export function oldLines(h: Hunk): [number, number] | undefined {
  return h.oldCount > 0 ? [h.oldStart, h.oldStart + h.oldCount - 1] : undefined;
}

/** Inclusive 1-based line ranges a hunk added to the new file (none for a pure deletion). */
export function newLines(h: Hunk): [number, number] | undefined {
  return h.newCount > 0 ? [h.newStart, h.newStart + h.newCount - 1] : undefined;
}
