import { repoRelative } from '../../src/core/index.js';
import type { Finding } from '../../src/core/index.js';

/** How to read one message of a tool's report. */
export interface MessageReader<T> {
  tool: string;
  /** The message as the skip note names it, with its article: `a violation`, `an error`. */
  what: string;
  file(item: T): string;
  rule(item: T): string;
  message(item: T): string;
}

/**
 * Findings for the messages inside the repo, with a note for each one outside it. `occurrence`
 * counts the same rule and message in the same file (1, 2, …), so fingerprints can tell them apart
 * without using the line.
 */
export function inRepoFindings<T>(items: readonly T[], repoDir: string, reader: MessageReader<T>, build: (item: T, file: string, occurrence: number) => Finding): { findings: Finding[]; notes: string[] } {
  const findings: Finding[] = [];
  const notes: string[] = [];
  const seen = new Map<string, number>();
  for (const item of items) {
    const file = repoRelative(reader.file(item), repoDir);
    if (!file) {
      notes.push(`${reader.tool}: skipped ${reader.what} in ${reader.file(item)}, outside the repository`);
      continue;
    }
    const key = `${file}\u0000${reader.rule(item)}\u0000${reader.message(item)}`;
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    findings.push(build(item, file, n));
  }
  return { findings, notes };
}

/** The fingerprint part for a repeat: none for the first, `#n` after. */
export function occurrencePart(occurrence: number): string[] {
  return occurrence > 1 ? [`#${occurrence}`] : [];
}
