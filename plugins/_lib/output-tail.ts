/** The last lines of a process's output, for evidence. */
export function tail(text: string | undefined, lines = 40): string {
  return (text ?? '').trimEnd().split('\n').slice(-lines).join('\n');
}

/** `tail` of output that may end its lines with `\r\n` or `\r`. */
export function tailLf(text: string | undefined, lines = 40): string {
  return tail(text?.replace(/\r\n?/g, '\n'), lines);
}

/** stderr's tail, then stdout's (its last `stdoutLines`), as one excerpt. */
export function outputExcerpt(stderr: string | undefined, stdout: string | undefined, stdoutLines = 40, tailOf = tail): string {
  return [tailOf(stderr), tailOf(stdout, stdoutLines)].filter(Boolean).join('\n--- stdout ---\n');
}

/** The tool's own words: the first non-empty line matching `cause`, else its last non-empty line. */
export function causeLine(text: string | undefined, cause: RegExp): string {
  const lines = (text ?? '').split('\n').map((l) => l.trim()).filter(Boolean);
  return lines.find((l) => cause.test(l)) ?? lines.at(-1) ?? '';
}
