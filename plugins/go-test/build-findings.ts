import type { Finding } from '../../src/core/index.js';
import type { BuildBlock } from './build-errors.js';
import { goFinding } from './finding-parts.js';
import type { FindingContext } from './test-findings.js';

const MAX_ERRORS = 20;

/** The test packages a broken package kept from building (`pkg [pkg.test]` names the binary). */
function blockedBy(block: BuildBlock, failed: ReadonlyMap<string, string>): string[] {
  const binaryPkg = block.forBinary?.replace(/\.test$/, '');
  return [...failed.keys()].filter((p) => p === block.pkg || p === binaryPkg || `${p}_test` === block.pkg).sort();
}

/** One finding per package that does not compile (or fails vet), located at its first error. */
export function buildFinding(block: BuildBlock, failed: ReadonlyMap<string, string>, ctx: FindingContext): Finding {
  const first = block.errors[0];
  const file = first ? ctx.locate.repoPath(first.file) : undefined;
  const files = block.errors.flatMap((e) => ctx.locate.repoPath(e.file) ?? []);
  const listed = block.errors.slice(0, MAX_ERRORS).map((e) => `${ctx.locate.repoPath(e.file) ?? e.file}:${e.line ?? '?'}: ${e.message}`);
  const more = block.errors.length > MAX_ERRORS ? [`… and ${block.errors.length - MAX_ERRORS} more`] : [];
  const firstMessage = first?.message ?? block.lines[0] ?? 'build failed';
  const pkg = block.pkg.replace(/_test$/, '');
  return goFinding({
    kind: 'collection_error',
    category: 'collection',
    severity: 'blocker',
    // The message, not the file or line: the same compile error moved is the same problem.
    key: `${block.pkg}::<build>`,
    scope: { ...(file ? { file } : {}), nodeId: pkg, ...(file && first?.line ? { line: first.line } : {}) },
    title: `${block.pkg} does not compile: ${firstMessage}`,
    message: [firstMessage, ...(listed.length > 1 ? ['', ...listed, ...more] : [])].join('\n'),
    excerpt: [`# ${block.pkg}${block.forBinary ? ` [${block.forBinary}]` : ''}`, ...block.lines].slice(0, 60).join('\n'),
    sourceFiles: files,
    details: { package: pkg, blocks: blockedBy(block, failed), errorFiles: [...new Set(files)].sort() },
    artifacts: ctx.artifacts,
    roots: ctx.roots,
  });
}

/** A package go reported as `[build failed]`/`[setup failed]` with no compiler output to explain it. */
export function unexplainedBuildFinding(pkg: string, how: string, ctx: FindingContext): Finding {
  const info = ctx.locate.info(pkg);
  const message = info?.error ?? `go test reported ${pkg} as [${how}] without compiler output: run \`go vet ${pkg}\` to see why`;
  return goFinding({
    kind: 'collection_error',
    category: 'collection',
    severity: 'blocker',
    key: `${pkg}::<build>`,
    scope: { ...(info?.dir !== undefined ? { file: info.dir } : {}), nodeId: pkg },
    title: `${pkg}: ${how}`,
    message,
    sourceFiles: [],
    details: { package: pkg, blocks: [pkg] },
    artifacts: ctx.artifacts,
    roots: ctx.roots,
  });
}
