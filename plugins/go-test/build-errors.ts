/** One compiler (or vet) diagnostic: `path/file.go:12:5: message`. */
export interface CompileError {
  /** As go printed it: relative to the working dir, or absolute. */
  file: string;
  line?: number;
  column?: number;
  message: string;
}

/** A `# pkg` block of build output: the package that did not compile and why. */
export interface BuildBlock {
  /** The package whose compilation failed (the first word of the header). */
  pkg: string;
  /** The test binary it was compiled for (`[pkg.test]`), when the header names one. */
  forBinary?: string;
  errors: CompileError[];
  lines: string[];
}

const HEADER = /^# (\S+)(?: \[(\S+)\])?\s*$/;
const DIAGNOSTIC = /^(\S[^:\n]*?\.go):(\d+)(?::(\d+))?: (.+)$/;
const FAILED_BUILD = /^FAIL\s+(\S+) \[(build failed|setup failed)\]\s*$/;

export function parseDiagnostic(line: string): CompileError | undefined {
  const m = DIAGNOSTIC.exec(line.trimEnd());
  if (!m) return undefined;
  return { file: m[1]!, line: Number(m[2]), ...(m[3] ? { column: Number(m[3]) } : {}), message: m[4]! };
}

/**
 * The `# pkg [pkg.test]` blocks in build output (go 1.19 writes them to stderr; go ≥ 1.24 as
 * `build-output` events). Diagnostics outside any block are returned as `loose`: go 1.19's
 * setup errors (a missing module) come that way, before any test runs.
 */
export function parseBuildOutput(lines: readonly string[]): { blocks: BuildBlock[]; loose: CompileError[] } {
  const blocks: BuildBlock[] = [];
  const loose: CompileError[] = [];
  let current: BuildBlock | undefined;
  for (const raw of lines.flatMap((l) => l.replace(/\n$/, '').split('\n'))) {
    const header = HEADER.exec(raw);
    if (header) {
      // The same package can fail for several binaries; its errors are one problem.
      current = blocks.find((b) => b.pkg === header[1]);
      if (!current) blocks.push((current = { pkg: header[1]!, ...(header[2] ? { forBinary: header[2] } : {}), errors: [], lines: [] }));
      continue;
    }
    const d = parseDiagnostic(raw);
    if (current && (d || /^\s/.test(raw) || /^too many errors/.test(raw))) {
      current.lines.push(raw);
      if (d && !current.errors.some((e) => e.file === d.file && e.line === d.line && e.message === d.message)) current.errors.push(d);
      continue;
    }
    current = undefined;
    if (d) loose.push(d);
  }
  return { blocks, loose };
}

/** Packages go reported as `FAIL pkg [build failed]` or `[setup failed]`, in stream text or package output. */
export function failedBuilds(lines: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const l of lines) {
    const m = FAILED_BUILD.exec(l.replace(/\n$/, ''));
    if (m) out.set(m[1]!, m[2]!);
  }
  return out;
}
