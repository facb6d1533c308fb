import { repoRelative } from '../../src/core/index.js';

const VENDORED = /(?:^|\/)(?:node_modules|site-packages|dist-packages|vendor|\.venv|venv)\//;

/**
 * Repo-relative paths for one report, each resolved once: a report names a few hundred files
 * across 100,000 cases, and its tracebacks repeat the same source paths over and over.
 */
export class ReportPaths {
  private readonly files = new Map<string, string | undefined>();
  private readonly sources = new Map<string, string | undefined>();

  constructor(private readonly repoDir: string) {}

  /** `repoRelative(p, repoDir)`, cached. */
  relative(p: string): string | undefined {
    let rel = this.files.get(p);
    if (rel === undefined && !this.files.has(p)) {
      rel = repoRelative(p, this.repoDir);
      this.files.set(p, rel);
    }
    return rel;
  }

  /** A path found in a traceback → repo-relative, or undefined when outside the repo or vendored. */
  source(p: string): string | undefined {
    let rel = this.sources.get(p);
    if (rel === undefined && !this.sources.has(p)) {
      const r = repoRelative(p, this.repoDir);
      rel = r && !VENDORED.test(r) ? r : undefined;
      this.sources.set(p, rel);
    }
    return rel;
  }
}
