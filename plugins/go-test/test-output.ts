/** A stack frame of a Go panic trace: the function and where it was. */
export interface Frame {
  func: string;
  path: string;
  line: number;
}

/** What a test's (or package's) output says about how it failed. */
export interface OutputDetail {
  /** The first `file.go:NN: message` log line (t.Error, t.Fatal, t.Skip…), file as printed. */
  log?: { file: string; line: number; message: string };
  /** `panic: X` — the panic value, `[recovered]` dropped. */
  panic?: string;
  /** `panic: test timed out after 10m`: the duration. */
  timeout?: string;
  /** go ≥ 1.20 lists the tests still running when the alarm fired. */
  runningTests: string[];
  frames: Frame[];
}

const LOG = /^(\s+)([^\s:]+\.go):(\d+): ?(.*)$/;
const PANIC = /^panic: (.*?)(?: \[recovered\])?$/;
const TIMEOUT = /^panic: test timed out after (\S+)/;
// `\t/abs/path/file.go:12 +0x2e` after a `pkg.Func(args)` line; `_testmain.go:47` is not a file of ours.
const FRAME_PATH = /^\t((?:[A-Za-z]:)?\/.*\.go):(\d+)(?: \+0x[0-9a-f]+)?$/;
const RUNNING = /^\t(\S+) \([^)]*\)$/;

function logEntry(lines: string[], i: number): OutputDetail['log'] {
  const m = LOG.exec(lines[i]!)!;
  const indent = m[1]!.length;
  const more: string[] = [];
  // Multi-line messages continue with deeper indentation.
  for (let j = i + 1; j < lines.length; j++) {
    const l = lines[j]!;
    if (!l.startsWith(' '.repeat(indent + 1)) || LOG.test(l)) break;
    more.push(l.trim());
  }
  return { file: m[2]!, line: Number(m[3]), message: [m[4]!.trim(), ...more].join('\n').trim() };
}

/** Reads the output lines of one test or package. Pure; unknown lines are ignored. */
export function readOutput(output: readonly string[]): OutputDetail {
  const lines = output.join('').replace(/\r\n/g, '\n').split('\n');
  const detail: OutputDetail = { runningTests: [], frames: [] };
  let inRunning = false;
  lines.forEach((l, i) => {
    if (!detail.log && !detail.panic && LOG.test(l)) detail.log = logEntry(lines, i);
    const timeout = TIMEOUT.exec(l);
    if (timeout) detail.timeout ??= timeout[1];
    const panic = PANIC.exec(l);
    if (panic && !detail.panic) detail.panic = panic[1]!.trim();
    if (/^running tests:$/.test(l)) inRunning = true;
    else if (inRunning && RUNNING.test(l)) detail.runningTests.push(RUNNING.exec(l)![1]!);
    else inRunning = false;
    const frame = FRAME_PATH.exec(l);
    const caller = lines[i - 1];
    if (frame && caller !== undefined) {
      const func = caller.replace(/^created by /, '').replace(/ in goroutine \d+$/, '').replace(/\([^()]*\)$/, '');
      detail.frames.push({ func, path: frame[1]!, line: Number(frame[2]) });
    }
  });
  return detail;
}

/** The test a trace shows running (`pkg.TestX` or `pkg.TestX.func1`), for output not attributed to one. */
export function testInTrace(frames: readonly Frame[], importPath: string): string | undefined {
  const prefix = `${importPath}.`;
  for (const f of frames) {
    if (!f.func.startsWith(prefix)) continue;
    const m = /^((?:Test|Fuzz|Benchmark|Example)[^.(]*)/u.exec(f.func.slice(prefix.length));
    if (m) return m[1];
  }
  return undefined;
}

/** The last lines of some output, for evidence. */
export function tailLines(lines: readonly string[], n = 40): string {
  return lines.join('').replace(/\s+$/, '').split('\n').slice(-n).join('\n');
}
