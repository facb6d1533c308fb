import { z } from 'zod';

/**
 * One test2json event (`go doc test2json`). Build events of go ≥ 1.24 (`build-output`,
 * `build-fail`) carry `ImportPath` instead of `Package`; the package's `fail` then names
 * `FailedBuild`. Only the fields ATQOS reads.
 */
export const TestEvent = z.object({
  Action: z.string(),
  Package: z.string().optional(),
  Test: z.string().optional(),
  Elapsed: z.number().optional(),
  Output: z.string().optional(),
  ImportPath: z.string().optional(),
  FailedBuild: z.string().optional(),
});
export type TestEvent = z.infer<typeof TestEvent>;

export interface ParsedStream {
  events: TestEvent[];
  /** Lines that are not events: go 1.19's `FAIL pkg [build failed]`, stray prints. */
  textLines: string[];
  /** The last line has no newline: the stream was cut (byte cap, killed process). */
  truncated: boolean;
  /** Lines that start like an event but are not one (corrupt or cut in the middle). */
  badLines: string[];
}

/** Parses a `go test -json` stream line by line; never throws. */
export function parseStream(text: string): ParsedStream {
  const out: ParsedStream = { events: [], textLines: [], truncated: false, badLines: [] };
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const last = lines.pop() ?? '';
  if (last !== '') {
    out.truncated = true;
    lines.push(last);
  }
  for (const line of lines) {
    if (!line.trimStart().startsWith('{')) {
      if (line.trim()) out.textLines.push(line);
      continue;
    }
    const event = parseEvent(line);
    if (event) out.events.push(event);
    else out.badLines.push(line);
  }
  return out;
}

function parseEvent(line: string): TestEvent | undefined {
  try {
    const r = TestEvent.safeParse(JSON.parse(line));
    return r.success ? r.data : undefined;
  } catch {
    return undefined;
  }
}
