import { readFile } from 'node:fs/promises';

/** A file's text, or '' when it does not exist (the CLI never wrote it). */
export async function readText(file: string | undefined): Promise<string> {
  if (!file) return '';
  try {
    return await readFile(file, 'utf8');
  } catch {
    return '';
  }
}

/** The last non-empty line of `text`, clipped, for error sentences. */
export function lastLineOf(text: string, max = 300): string | undefined {
  const line = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .at(-1);
  if (line === undefined) return undefined;
  return line.length > max ? `${line.slice(0, max)}…` : line;
}

/** The line of stderr that best says what failed: the first `error…` line, else the last line. */
export function errorLineOf(stderr: string, max = 300): string | undefined {
  const line = stderr.split(/\r?\n/).find((l) => /^\s*(error|fatal)\b/i.test(l));
  return line === undefined ? lastLineOf(stderr, max) : lastLineOf(line, max);
}
