import { z } from 'zod';

/** A line that git blame was asked about, and the artifact holding its porcelain output. */
export const BlameTarget = z.object({ file: z.string(), line: z.number().int().positive(), artifact: z.string() });
export type BlameTarget = z.infer<typeof BlameTarget>;

export interface BlameLine {
  commit: string;
  /** Author time, ms since epoch; 0 for a line not committed yet. */
  authorTimeMs: number;
  summary: string;
  committed: boolean;
}

const UNCOMMITTED = /^0{40}$/;

/** Parses `git blame --porcelain -L n,n` output for one line; undefined when it is not that. */
export function parseBlamePorcelain(text: string | undefined): BlameLine | undefined {
  if (!text) return undefined;
  const lines = text.split('\n');
  const head = /^([0-9a-f]{40}) \d+ \d+/.exec(lines[0] ?? '');
  if (!head) return undefined;
  const field = (name: string) => lines.find((l) => l.startsWith(`${name} `))?.slice(name.length + 1);
  const time = Number(field('author-time'));
  const committed = !UNCOMMITTED.test(head[1]!);
  return { commit: head[1]!, authorTimeMs: committed && Number.isFinite(time) ? time * 1000 : 0, summary: field('summary') ?? '', committed };
}

/** Whole days between a line's author time and the run's start. */
export function ageDays(line: BlameLine, nowMs: number): number {
  return line.committed ? Math.max(0, Math.floor((nowMs - line.authorTimeMs) / 86_400_000)) : 0;
}
